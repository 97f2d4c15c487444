/**
 * One-command local demo: `npm start` (ts-node --transpile-only scripts/start.ts).
 *
 *  1. builds the package when dist/ is missing or older than the sources (FORCE: DEMO_REBUILD=1);
 *  2. makes sure Node 24 + n8n 2.41.1 are in the cache (scripts/n8n-cache.sh, minutes the first time);
 *  3. starts the Nmbrs and TimeChimp emulators in-process with the demo seed;
 *  4. (re)uses the n8n home in .demo/ (git-ignored; DEMO_RESET=1 starts from scratch), installs the
 *     freshly packed package as a community package, imports the two credentials and every
 *     workflows/*.json (credential references pointed at the imported ids);
 *  5. starts n8n on http://localhost:5678 (bound to 127.0.0.1) with a preset owner and prints the login;
 *  6. Ctrl-C (SIGINT) or SIGTERM stops n8n and the emulators.
 *
 * Ports: NMBRS_EMULATOR_PORT (8081), TIMECHIMP_EMULATOR_PORT (8082), N8N_DEMO_PORT (5678).
 * Other env: DEMO_DIR=<dir> (the demo's n8n home and packed tarball; default <repo>/.demo),
 * DEMO_RESET=1 (fresh DEMO_DIR), DEMO_REBUILD=1, DEMO_EXTRA_WORKFLOWS=<dir>[:<dir>] (more
 * workflow JSON to import), DEMO_VERBOSE=1 (n8n's output), DEMO_N8N_LOG_LEVEL, NMBRS_DEMO_COMPANY_ID.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import {
	REPO_ROOT,
	createN8nHome,
	ensureN8nInstalled,
	importCredentials,
	importWorkflows,
	isPortFree,
	packPackage,
	startN8nServer,
	type CredentialImport,
	type N8nServer,
	type WorkflowImport,
} from '../test/support/real-n8n';

/* ------------------------------------------------------------------ demo settings (one place) */

export const DEMO_OWNER = {
	email: 'demo@example.com',
	password: 'Demo-Nmbrs-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

const PORTS = {
	nmbrs: envPort('NMBRS_EMULATOR_PORT', 8081),
	timeChimp: envPort('TIMECHIMP_EMULATOR_PORT', 8082),
	n8n: envPort('N8N_DEMO_PORT', 5678),
};

/** Fixed credential ids, so workflows can reference them and re-imports update in place. */
export const DEMO_CREDENTIAL_IDS = {
	nmbrsApi: 'demoNmbrsApiCred',
	nmbrsOAuth2Api: 'demoNmbrsOAuth2C',
	timeChimpApi: 'demoTimeChimpCrd',
} as const;

/** Credential records for the demo (field names follow credentials/*.credentials.ts). */
export function demoCredentials(
	nmbrsBaseUrl: string,
	timeChimpBaseUrl: string,
	nmbrsCompanyId: string,
	restTokens?: Record<string, unknown>,
): CredentialImport[] {
	// The REST credential as n8n holds it once connected; "Reconnect" in the editor runs the
	// emulator's code flow for real (it signs in as the demo user without asking).
	const rest: CredentialImport[] = restTokens
		? [
				{
					id: DEMO_CREDENTIAL_IDS.nmbrsOAuth2Api,
					name: 'Nmbrs OAuth2 (demo emulator)',
					type: 'nmbrsOAuth2Api',
					data: {
						grantType: 'authorizationCode',
						environment: 'custom',
						apiUrl: nmbrsBaseUrl,
						identityUrl: nmbrsBaseUrl,
						clientId: 'PartnerApp_n8n_demo',
						clientSecret: 'demo-client-secret',
						scope:
							'offline_access company.info.read company.payrollsettings.read employee.info.read employee.employment.read employee.payment.read employee.payment',
						authQueryParameters: '',
						authentication: 'header',
						subscriptionKey: 'demo-subscription-key',
						administration: '101',
						oauthTokenData: restTokens,
					},
				},
			]
		: [];
	return [
		...rest,
		{
			id: DEMO_CREDENTIAL_IDS.nmbrsApi,
			name: 'Nmbrs (demo emulator)',
			type: 'nmbrsApi',
			data: {
				email: 'demo@dezon.example',
				apiToken: 'demo-token-0123456789abcdef',
				domain: 'dezon',
				administration: nmbrsCompanyId,
				environment: 'custom',
				baseUrl: nmbrsBaseUrl,
			},
		},
		{
			id: DEMO_CREDENTIAL_IDS.timeChimpApi,
			name: 'TimeChimp (demo emulator)',
			type: 'timeChimpApi',
			data: { apiToken: 'tc-demo-key-0123456789', baseUrl: timeChimpBaseUrl },
		},
	];
}

/* ------------------------------------------------------------------ helpers */

function envPort(name: string, fallback: number): number {
	const raw = process.env[name];
	if (!raw) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 65535)
		throw new Error(`${name}=${raw} is not a valid port`);
	return n;
}

/** Where the demo keeps its n8n home and packed tarball: DEMO_DIR, default <repo>/.demo. */
export function demoDirectory(): string {
	const raw = process.env.DEMO_DIR?.trim();
	return raw ? path.resolve(raw) : path.join(REPO_ROOT, '.demo');
}

function say(msg: string): void {
	// eslint-disable-next-line no-console
	console.log(`[demo] ${msg}`);
}

function newestMtime(dir: string, filter: (f: string) => boolean): number {
	if (!fs.existsSync(dir)) return 0;
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
		else if (filter(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
	}
	return newest;
}

function buildIfNeeded(): void {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const outputs: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = outputs.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
	const src = Math.max(
		newestMtime(path.join(REPO_ROOT, 'nodes'), () => true),
		newestMtime(path.join(REPO_ROOT, 'credentials'), () => true),
	);
	const built = newestMtime(path.join(REPO_ROOT, 'dist'), () => true);
	if (missing.length === 0 && built >= src && process.env.DEMO_REBUILD !== '1') {
		say('dist/ is up to date');
		return;
	}
	say(missing.length ? `building (missing: ${missing.join(', ')})` : 'building (sources changed)');
	const t = Date.now();
	const res = spawnSync('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
		timeout: 10 * 60_000,
	});
	if (res.status !== 0)
		throw new Error(
			`npm run build failed (exit ${res.status ?? res.signal}); fix the build and re-run npm start`,
		);
	say(`built in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}

interface Closable {
	baseUrl: string;
	close(): Promise<void>;
}

/** require() an emulator module, failing with a clear message while it does not exist yet. */
function loadEmulator<T>(rel: string, exportName: string): T {
	const file = path.join(REPO_ROOT, rel);
	let mod: any;
	try {
		mod = require(file);
	} catch (e: any) {
		throw new Error(
			`cannot load the emulator ${rel} (${e?.code ?? ''} ${String(e?.message ?? e).split('\n')[0]})`,
		);
	}
	if (typeof mod[exportName] !== 'function')
		throw new Error(`${rel} does not export ${exportName}()`);
	return mod[exportName] as T;
}

function stableId(seed: string): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, 16);
}

/** Read workflows/*.json and point every credential reference at the demo credentials. */
function loadWorkflows(dir: string): WorkflowImport[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const wf = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
			if (!wf.id) wf.id = stableId(`workflows/${f}`);
			if (!wf.name) wf.name = path.basename(f, '.json');
			return loadWorkflowCredentials(wf);
		});
}

/** Points every credential reference of a workflow at the demo credentials. */
function loadWorkflowCredentials<T>(wf: T): T {
	const names: Record<string, string> = {
		nmbrsApi: 'Nmbrs (demo emulator)',
		nmbrsOAuth2Api: 'Nmbrs OAuth2 (demo emulator)',
		timeChimpApi: 'TimeChimp (demo emulator)',
	};
	const nodes = (wf as { nodes?: Array<{ credentials?: Record<string, unknown> }> }).nodes;
	for (const node of nodes ?? []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const id = (DEMO_CREDENTIAL_IDS as Record<string, string>)[type];
			if (id) node.credentials![type] = { id, name: names[type] };
		}
	}
	return wf;
}

/* ------------------------------------------------------------------ main */

async function main(): Promise<void> {
	const t0 = Date.now();
	for (const [what, port] of Object.entries(PORTS)) {
		if (!(await isPortFree(port))) {
			throw new Error(
				`port ${port} (${what}) is in use on 127.0.0.1; stop the other process or set ${
					{
						nmbrs: 'NMBRS_EMULATOR_PORT',
						timeChimp: 'TIMECHIMP_EMULATOR_PORT',
						n8n: 'N8N_DEMO_PORT',
					}[what]
				}`,
			);
		}
	}

	buildIfNeeded();
	say('checking Node 24 + n8n 2.41.1 in the cache (first run: a few minutes, ~3 GB)');
	await ensureN8nInstalled(undefined, { output: process.stdout });

	const startNmbrs = loadEmulator<
		(o: { port: number; seed: 'demo' }) => Promise<
			Closable & {
				demo?: { companyId: string };
				authorize(): Promise<Record<string, unknown>>;
			}
		>
	>('test/emulators/nmbrs/index.ts', 'startNmbrsEmulator');
	const switchToRest = loadEmulator<(wf: WorkflowImport) => WorkflowImport>(
		'test/support/switch-backend.ts',
		'switchToRest',
	);
	const startTimeChimp = loadEmulator<(o: { port: number; seed: 'demo' }) => Promise<Closable>>(
		'test/emulators/timechimp/index.ts',
		'startTimeChimpEmulator',
	);

	const closers: Array<() => Promise<void>> = [];
	let server: N8nServer | undefined;
	let stopping = false;
	const shutdown = async (why: string, code: number) => {
		if (stopping) return;
		stopping = true;
		say(`${why}: stopping`);
		const hardExit = setTimeout(() => process.exit(code || 1), 30_000);
		hardExit.unref();
		try {
			await server?.stop();
		} catch {
			/* ignore */
		}
		for (const close of closers.reverse()) await close().catch(() => undefined);
		say('stopped');
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown('SIGINT', 0));
	process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

	try {
		const nmbrs = await startNmbrs({ port: PORTS.nmbrs, seed: 'demo' });
		closers.push(() => nmbrs.close());
		const timeChimp = await startTimeChimp({ port: PORTS.timeChimp, seed: 'demo' });
		closers.push(() => timeChimp.close());
		const companyId = process.env.NMBRS_DEMO_COMPANY_ID ?? nmbrs.demo?.companyId;
		if (!companyId)
			throw new Error('the Nmbrs emulator exposes no demo.companyId; set NMBRS_DEMO_COMPANY_ID');
		say(`Nmbrs emulator ${nmbrs.baseUrl}, TimeChimp emulator ${timeChimp.baseUrl}`);

		const demoDir = demoDirectory();
		if (process.env.DEMO_RESET === '1') fs.rmSync(demoDir, { recursive: true, force: true });
		const tarball = await packPackage(REPO_ROOT, path.join(demoDir, 'pack'));
		const home = await createN8nHome({
			dir: path.join(demoDir, 'n8n'),
			reuse: true,
			keep: true,
			packageTarball: tarball,
		});
		say(`n8n home ${home.userFolder}; installed ${path.basename(tarball)}`);

		const credentials = demoCredentials(
			nmbrs.baseUrl,
			timeChimp.baseUrl,
			companyId,
			await nmbrs.authorize(),
		);
		await importCredentials(home, credentials);
		const workflowDirs = [
			path.join(REPO_ROOT, 'workflows'),
			...(process.env.DEMO_EXTRA_WORKFLOWS ?? '').split(path.delimiter).filter(Boolean),
		];
		const workflows = workflowDirs.flatMap((d) => loadWorkflows(path.resolve(d)));
		// The monthly export once more on Nmbrs' REST API: the same sample, only the credential switched.
		const monthly = workflows.find((w) => w.id === 'nmbrsMonthlyHrs1');
		if (monthly)
			workflows.push(
				loadWorkflowCredentials({
					...switchToRest(monthly),
					id: 'nmbrsMonthlyRest',
					name: `${monthly.name} (REST)`,
				}),
			);
		if (workflows.length) await importWorkflows(home, workflows);
		say(`imported ${credentials.length} credentials and ${workflows.length} workflow(s)`);

		server = await startN8nServer(home, {
			port: PORTS.n8n,
			host: 'localhost',
			owner: DEMO_OWNER,
			env: process.env.DEMO_N8N_LOG_LEVEL
				? { N8N_LOG_LEVEL: process.env.DEMO_N8N_LOG_LEVEL }
				: { N8N_LOG_LEVEL: 'warn' },
			output: process.env.DEMO_VERBOSE === '1' ? process.stdout : undefined,
		});
		const line = '-'.repeat(60);
		// eslint-disable-next-line no-console
		console.log(
			[
				line,
				`  n8n demo ready in ${((Date.now() - t0) / 1000).toFixed(0)}s: ${server.url}`,
				`  login:    ${DEMO_OWNER.email}`,
				`  password: ${DEMO_OWNER.password}`,
				...workflows.map((w) => `  workflow: ${server!.url}/workflow/${w.id}  (${w.name})`),
				`  Nmbrs emulator ${nmbrs.baseUrl}   TimeChimp emulator ${timeChimp.baseUrl}`,
				'  Ctrl-C stops everything.',
				line,
			].join('\n'),
		);
		// keep running; if n8n dies on its own, stop the rest
		const watch = setInterval(async () => {
			try {
				const res = await fetch(`http://127.0.0.1:${PORTS.n8n}/healthz`, {
					signal: AbortSignal.timeout(5000),
				});
				if (!res.ok) throw new Error(String(res.status));
			} catch {
				clearInterval(watch);
				// eslint-disable-next-line no-console
				console.error(server?.logTail());
				void shutdown('n8n stopped answering', 1);
			}
		}, 10_000);
	} catch (e) {
		// eslint-disable-next-line no-console
		console.error(`[demo] ERROR: ${e instanceof Error ? e.message : String(e)}`);
		await shutdown('error', 1);
	}
}

if (require.main === module) {
	main().catch((e) => {
		// eslint-disable-next-line no-console
		console.error(`[demo] ERROR: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	});
}
