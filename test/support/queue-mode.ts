/**
 * n8n in queue mode with real components, for test/e2e/queue.e2e.test.ts: a throw-away Redis and
 * PostgreSQL (Debian's, installed by scripts/queue-services.sh), one n8n main (`n8n start`) and
 * workers (`n8n worker`) of n8n 2.41.1, each with its own N8N_USER_FOLDER holding the package
 * installed from its npm pack tarball, all sharing one database, one Redis and one encryption key.
 *
 * Everything binds to 127.0.0.1 on free ports, keeps its data in one temp dir (no persistence:
 * Redis without RDB/AOF, PostgreSQL with fsync off), every wait is bounded, and stop() ends every
 * process group it started (also after a failed start) and removes the temp dir.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import {
	createN8nHome,
	freePort,
	loginOwner,
	n8nCli,
	n8nEnv,
	redact,
	run,
	startN8nServer,
	type CliResult,
	type N8nHome,
	type N8nServer,
} from './real-n8n';

/* ------------------------------------------------------------------ processes */

export interface ManagedProcess {
	name: string;
	pid: number | undefined;
	/** All (redacted) output so far, up to the last 4 MB. */
	log(): string;
	/** Undefined while running. */
	exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
	/** `signal` to the process group, SIGKILL after `killAfterMs`; resolves when it has exited. */
	stop(): Promise<void>;
}

const LOG_LIMIT = 4 * 1024 * 1024;

function spawnManaged(
	name: string,
	cmd: string,
	args: string[],
	opts: {
		env: NodeJS.ProcessEnv;
		cwd?: string;
		secrets: Set<string>;
		/** Signal for a clean stop (PostgreSQL: SIGINT = fast shutdown). Default SIGTERM. */
		stopSignal?: NodeJS.Signals;
		killAfterMs?: number;
		output?: NodeJS.WritableStream;
	},
): ManagedProcess {
	const child: ChildProcess = spawn(cmd, args, {
		cwd: opts.cwd,
		env: opts.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group: stop() reaches its children (task runners, runuser's child)
	});
	let log = '';
	let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	const onData = (d: Buffer) => {
		const text = redact(d.toString(), opts.secrets);
		log = (log + text).slice(-LOG_LIMIT);
		opts.output?.write(text);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const closed = new Promise<void>((resolve) => {
		child.on('error', (e) => {
			log += `\n[spawn error] ${e.message}\n`;
			exit ??= { code: null, signal: null };
			resolve();
		});
		child.on('close', (code, signal) => {
			exit = { code, signal };
			resolve();
		});
	});
	const killGroup = (sig: NodeJS.Signals) => {
		try {
			if (child.pid) process.kill(-child.pid, sig);
		} catch {
			/* gone */
		}
	};
	return {
		name,
		pid: child.pid,
		log: () => log,
		exited: () => exit,
		async stop() {
			if (!exit) {
				killGroup(opts.stopSignal ?? 'SIGTERM');
				const t = setTimeout(() => killGroup('SIGKILL'), opts.killAfterMs ?? 15_000);
				await closed;
				clearTimeout(t);
			}
			// Whatever of the group outlived its leader (a runner, a postmaster child) goes too.
			killGroup('SIGKILL');
		},
	};
}

const tail = (text: string, lines = 40) => text.split('\n').slice(-lines).join('\n');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every `everyMs` until it is true; throws (with `describe()`) after `timeoutMs`. */
async function waitFor(
	what: string,
	probe: () => Promise<boolean>,
	opts: { timeoutMs: number; everyMs?: number; proc?: ManagedProcess },
): Promise<void> {
	const deadline = Date.now() + opts.timeoutMs;
	for (;;) {
		const gone = opts.proc?.exited();
		if (gone)
			throw new Error(
				`${what}: ${opts.proc!.name} exited early (code ${gone.code}, signal ${gone.signal}):\n${tail(opts.proc!.log())}`,
			);
		if (await probe()) return;
		if (Date.now() > deadline)
			throw new Error(
				`${what}: not ready after ${opts.timeoutMs} ms${opts.proc ? `:\n${tail(opts.proc.log())}` : ''}`,
			);
		await pause(opts.everyMs ?? 250);
	}
}

/* ------------------------------------------------------------------ Redis */

export interface RedisServer {
	host: '127.0.0.1';
	port: number;
	process: ManagedProcess;
}

/** One Redis command over a fresh connection (RESP inline); resolves with the first reply line. */
function redisCommand(port: number, command: string, timeoutMs = 2000): Promise<string> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (answer: string) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(timeoutMs, () => done(''));
		socket.on('error', () => done(''));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (d) => {
			data += d.toString();
			if (data.includes('\r\n')) done(data.split('\r\n')[0]);
		});
	});
}

export async function startRedis(dir: string, secrets: Set<string>): Promise<RedisServer> {
	const onPath = (process.env.PATH ?? '')
		.split(path.delimiter)
		.some((d) => d && fs.existsSync(path.join(d, 'redis-server')));
	if (!onPath)
		throw new Error('redis-server is not installed: run `bash scripts/queue-services.sh`');
	const port = await freePort();
	const proc = spawnManaged(
		'redis-server',
		'redis-server',
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--loglevel',
			'warning',
		],
		{ env: process.env, secrets },
	);
	await waitFor('redis-server', async () => (await redisCommand(port, 'PING')) === '+PONG', {
		timeoutMs: 20_000,
		proc,
	});
	return { host: '127.0.0.1', port, process: proc };
}

/** Every command Redis receives (`MONITOR`), with Redis' own timestamps, while it runs. */
export interface RedisMonitor {
	/** Raw MONITOR lines so far: `<seconds>.<micros> [<db> <client>] "CMD" "arg" ...`. */
	lines(): string[];
	stop(): void;
}

export function monitorRedis(port: number): Promise<RedisMonitor> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		const lines: string[] = [];
		let buffer = '';
		let started = false;
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('redis MONITOR did not start in 5 s'));
		}, 5000);
		socket.on('error', (e) => {
			clearTimeout(timer);
			if (!started) reject(e);
		});
		socket.on('connect', () => socket.write('MONITOR\r\n'));
		socket.on('data', (d) => {
			buffer += d.toString();
			const parts = buffer.split('\r\n');
			buffer = parts.pop() ?? '';
			for (const line of parts) {
				if (!started && line === '+OK') {
					started = true;
					clearTimeout(timer);
					resolve({ lines: () => [...lines], stop: () => socket.destroy() });
				} else if (line.startsWith('+')) lines.push(line.slice(1));
			}
		});
	});
}

/* ------------------------------------------------------------------ PostgreSQL */

export interface PostgresServer {
	host: '127.0.0.1';
	port: number;
	database: string;
	user: string;
	/** Random; registered as a secret of every home. */
	password: string;
	process: ManagedProcess;
}

/** Debian's newest PostgreSQL binaries: /usr/lib/postgresql/<major>/bin. */
function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((d) => fs.existsSync(path.join(root, d, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0)
		throw new Error('PostgreSQL is not installed: run `bash scripts/queue-services.sh`');
	return path.join(root, majors[0], 'bin');
}

/**
 * PostgreSQL refuses to run as root: as root, every PostgreSQL command runs as the `postgres`
 * user (created by Debian's package) through runuser, and its folder is handed to that user.
 */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [cmd, args];
	return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
}

function chownToPostgres(target: string): void {
	if (process.getuid?.() !== 0) return;
	const id = (flag: string) => {
		const out = execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 5000 });
		return Number(out.trim());
	};
	fs.chownSync(target, id('-u'), id('-g'));
}

export async function startPostgres(dir: string, secrets: Set<string>): Promise<PostgresServer> {
	const bin = postgresBinDir();
	const pgDir = path.join(dir, 'postgres');
	fs.mkdirSync(pgDir, { mode: 0o700 });
	chownToPostgres(pgDir);
	const user = 'n8n';
	const database = 'n8n';
	const password = randomBytes(18).toString('hex');
	secrets.add(password);
	const pwfile = path.join(pgDir, 'pwfile');
	fs.writeFileSync(pwfile, password, { mode: 0o600 });
	chownToPostgres(pwfile);
	const data = path.join(pgDir, 'data');
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	const [initCmd, initArgs] = asPostgresUser(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		`--pwfile=${pwfile}`,
		'--auth=scram-sha-256',
		'-E',
		'UTF8',
		'--no-sync',
		'--no-instructions',
	]);
	const init = await run(initCmd, initArgs, { cwd: pgDir, env, timeoutMs: 120_000, secrets });
	fs.rmSync(pwfile, { force: true });
	if (init.exitCode !== 0)
		throw new Error(`initdb failed (exit ${init.exitCode}):\n${tail(init.stdout + init.stderr)}`);

	const port = await freePort();
	const [pgCmd, pgArgs] = asPostgresUser(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'unix_socket_directories=', // TCP on loopback only
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=60',
	]);
	const proc = spawnManaged('postgres', pgCmd, pgArgs, {
		cwd: pgDir,
		env,
		secrets,
		stopSignal: 'SIGINT', // fast shutdown (SIGTERM would wait for every client to leave)
		killAfterMs: 10_000,
	});
	const pgEnv = { ...env, PGPASSWORD: password };
	const isReady = path.join(bin, 'pg_isready');
	await waitFor(
		'postgres',
		async () =>
			(
				await run(isReady, ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'postgres'], {
					env: pgEnv,
					timeoutMs: 5000,
				})
			).exitCode === 0,
		{ timeoutMs: 60_000, everyMs: 300, proc },
	);
	const created = await run(
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', user, database],
		{ env: pgEnv, timeoutMs: 30_000, secrets },
	);
	if (created.exitCode !== 0)
		throw new Error(`createdb failed (exit ${created.exitCode}):\n${created.stderr}`);
	return { host: '127.0.0.1', port, database, user, password, process: proc };
}

/* ------------------------------------------------------------------ n8n */

export interface QueueModeOptions {
	/** The package tarball (packPackage()) installed into every process's home. */
	packageTarball: string;
	/** Number of workers; default 2. */
	workers?: number;
	/** `n8n worker --concurrency`; default 1 (two jobs queued at once then go to two workers). */
	workerConcurrency?: number;
	owner: { email: string; password: string };
	/** Strings redacted from every process's output (credential secrets), from the first line on. */
	secrets?: string[];
	/** Extra env for every n8n process and CLI run (e.g. GENERIC_TIMEZONE). */
	env?: Record<string, string>;
	/** Called once the database is migrated, before main and workers start: import and publish here. */
	beforeStart?: (cli: (args: string[]) => Promise<CliResult>, mainHome: N8nHome) => Promise<void>;
	/** Bound for each n8n process to become ready; default 240 s. */
	startTimeoutMs?: number;
}

export interface QueueWorker {
	name: string;
	healthUrl: string;
	home: N8nHome;
	process: ManagedProcess;
}

export interface QueueCluster {
	redis: RedisServer;
	postgres: PostgresServer;
	main: N8nServer;
	mainHome: N8nHome;
	workers: QueueWorker[];
	/** Owner login cookie for the main's REST API. */
	cookie(): Promise<string>;
	/** Stops workers, main, PostgreSQL and Redis (each process group), then removes every folder. */
	stop(): Promise<void>;
}

/**
 * Starts Redis, PostgreSQL, one main and `workers` workers. On any failure everything started so
 * far is stopped before the error is thrown.
 */
export async function startQueueCluster(opts: QueueModeOptions): Promise<QueueCluster> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	// PostgreSQL (as its own user when root) must be able to reach its folder inside.
	fs.chmodSync(dir, 0o711);
	const secrets = new Set<string>([opts.owner.password, ...(opts.secrets ?? [])]);
	const stops: Array<() => Promise<void>> = [];
	const homes: N8nHome[] = [];
	const stopAll = async () => {
		// Reverse order: workers, main, then the databases they use.
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch {
				/* keep stopping the rest */
			}
		}
		stops.length = 0;
		for (const h of homes) h.cleanup();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	const startTimeoutMs = opts.startTimeoutMs ?? 240_000;
	try {
		const redis = await startRedis(dir, secrets);
		stops.push(() => redis.process.stop());
		const postgres = await startPostgres(dir, secrets);
		stops.push(() => postgres.process.stop());

		const shared: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			DB_POSTGRESDB_POOL_SIZE: '4',
			// n8n's binary data must be shared in queue mode; the test moves none: keep it in the DB.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			...(opts.env ?? {}),
		};
		// One home per process, as separate machines would have; each installs the tarball.
		const count = opts.workers ?? 2;
		const names = ['main', ...Array.from({ length: count }, (_, i) => `worker${i + 1}`)];
		for (const name of names) {
			const home = await createN8nHome({
				packageTarball: opts.packageTarball,
				dir: path.join(dir, name),
				keep: false,
				env: shared,
			});
			for (const s of secrets) home.secrets.add(s);
			homes.push(home);
		}
		const [mainHome, ...workerHomes] = homes;

		// Migrate the database and let the caller import and publish before anything runs.
		const cli = async (args: string[]) => n8nCli(mainHome, args, { timeoutMs: startTimeoutMs });
		if (opts.beforeStart) await opts.beforeStart(cli, mainHome);

		const main = await startN8nServer(mainHome, {
			owner: opts.owner,
			startTimeoutMs,
			env: { N8N_LOG_LEVEL: 'info' },
		});
		stops.push(() => main.stop());

		const workers: QueueWorker[] = [];
		for (const [i, home] of workerHomes.entries()) {
			const name = names[i + 1];
			const healthPort = await freePort();
			const brokerPort = await freePort();
			const proc = spawnManaged(
				name,
				home.paths.nodeBin,
				[home.paths.n8nBin, 'worker', `--concurrency=${opts.workerConcurrency ?? 1}`],
				{
					cwd: home.userFolder,
					env: n8nEnv(home, {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						N8N_RUNNERS_BROKER_PORT: String(brokerPort),
						N8N_LOG_LEVEL: 'info',
					}),
					secrets: home.secrets,
				},
			);
			stops.push(() => proc.stop());
			const healthUrl = `http://127.0.0.1:${healthPort}`;
			await waitFor(
				name,
				async () => {
					try {
						const res = await fetch(`${healthUrl}/healthz/readiness`, {
							signal: AbortSignal.timeout(2000),
						});
						return res.ok;
					} catch {
						return false;
					}
				},
				{ timeoutMs: startTimeoutMs, everyMs: 500, proc },
			);
			workers.push({ name, healthUrl, home, process: proc });
		}

		let cookie: string | undefined;
		return {
			redis,
			postgres,
			main,
			mainHome,
			workers,
			async cookie() {
				cookie ??= await loginOwner(main.url, opts.owner.email, opts.owner.password);
				return cookie;
			},
			stop: stopAll,
		};
	} catch (e) {
		await stopAll();
		throw e;
	}
}

/* ------------------------------------------------------------------ REST helpers */

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
}

/** GET /rest/executions of one workflow (owner cookie); newest first. */
export async function listExecutions(
	cluster: QueueCluster,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await fetch(`${cluster.main.url}/rest/executions?filter=${filter}&limit=100`, {
		headers: { cookie: await cluster.cookie() },
		signal: AbortSignal.timeout(15_000),
	});
	if (!res.ok)
		throw new Error(`GET /rest/executions: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
	const body: any = await res.json();
	const results: any[] = body?.data?.results ?? body?.data ?? [];
	return results.map((e) => ({
		id: String(e.id),
		workflowId: String(e.workflowId),
		status: String(e.status),
		mode: String(e.mode),
		startedAt: e.startedAt ?? undefined,
		stoppedAt: e.stoppedAt ?? undefined,
	}));
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits until the workflow has `count` finished executions whose ids are not in `before`;
 * returns them. Bounded by `timeoutMs`.
 */
export async function waitForExecutions(
	cluster: QueueCluster,
	workflowId: string,
	before: Set<string>,
	count: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let last: ExecutionSummary[] = [];
	for (;;) {
		last = (await listExecutions(cluster, workflowId)).filter((e) => !before.has(e.id));
		const done = last.filter((e) => FINISHED.has(e.status));
		if (done.length >= count) return done;
		if (Date.now() > deadline)
			throw new Error(
				`${count} executions of ${workflowId} did not finish in ${timeoutMs} ms: ${JSON.stringify(last)}`,
			);
		await pause(500);
	}
}

/** Which worker ran each execution, from the workers' own log lines. */
export function workerOfExecution(cluster: QueueCluster): Map<string, string> {
	const out = new Map<string, string>();
	for (const w of cluster.workers) {
		for (const m of w.process.log().matchAll(/Worker started execution (\d+)/g)) {
			const prior = out.get(m[1]);
			out.set(m[1], prior && prior !== w.name ? `${prior},${w.name}` : w.name);
		}
	}
	return out;
}
