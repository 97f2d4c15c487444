// The local demo, checked in a real browser exactly as a user would use it: `npm start` (free
// loopback ports, DEMO_DIR in a temp dir), log in to the n8n editor in headless Chromium, open the
// monthly sample workflow, load the Nmbrs company list from the emulator, click "Execute workflow",
// check through the emulators' control APIs that Nmbrs now holds TimeChimp's approved hours, and stop
// the demo with Ctrl-C (SIGINT). Writes docs/nmbrs-node.png and docs/monthly-export-run.png.
//
// Needs dist/ (npm run build), n8n 2.41.1 in the cache (scripts/n8n-cache.sh) and /usr/bin/chromium
// (apt-get update && apt-get install -y chromium).
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { DEMO_OWNER } from '../../scripts/start';
import { freePort, isPortFree, redact, REPO_ROOT } from '../support/real-n8n';
import {
	assertChromium,
	captureNodeScreenshot,
	pickFromLists,
	runWorkflowInBrowser,
} from './browser';

jest.setTimeout(600_000);

const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 30_000;
const READY_RE = /n8n demo ready in \d+s: (http:\/\/\S+)/;
const WORKFLOW_ID = 'nmbrsMonthlyHrs1';
/** A workflow the demo imports for this test only: an export node with nothing chosen yet. */
const PICK_WORKFLOW = {
	id: 'browserPickLists',
	name: 'Browser check: pick from lists',
	nodes: [
		{
			id: 'trigger',
			name: 'Run now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'export',
			name: 'Export one line',
			type: 'n8n-nodes-nmbrs.nmbrs',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'hours',
				operation: 'export',
				company: { __rl: true, mode: 'list', value: '' },
				employee: { __rl: true, mode: 'list', value: '' },
				hourCode: '',
				hours: '8',
				preview: true,
			},
			credentials: { nmbrsApi: { id: 'x', name: 'x' } },
		},
	],
	connections: { 'Run now': { main: [[{ node: 'Export one line', type: 'main', index: 0 }]] } },
	settings: {},
};
const DOCS = path.join(REPO_ROOT, 'docs');
/** Values that must never appear in what this test prints. */
const SECRETS = [DEMO_OWNER.password, 'demo-token-0123456789abcdef', 'tc-demo-key-0123456789'];

interface Demo {
	child: ChildProcess;
	/** Redacted output (for messages). */
	output: () => string;
	/** Unredacted output (only for assertions that secrets are absent). */
	raw: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	hasExited: () => boolean;
}

function startDemo(env: Record<string, string>): Demo {
	// `npm start`, in its own process group, so Ctrl-C can be sent the way a terminal does.
	const child = spawn('npm', ['start'], {
		cwd: REPO_ROOT,
		env: { ...process.env, npm_config_update_notifier: 'false', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let log = '';
	let done = false;
	const onData = (d: Buffer) => {
		log = (log + d.toString()).slice(-40_000);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('close', (code, signal) => {
			done = true;
			resolve({ code, signal });
		}),
	);
	return {
		child,
		output: () => redact(log, SECRETS),
		raw: () => log,
		exited,
		hasExited: () => done,
	};
}

function signalGroup(child: ChildProcess, sig: NodeJS.Signals): void {
	try {
		if (child.pid) process.kill(-child.pid, sig);
	} catch {
		/* already gone */
	}
}

function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

async function waitForReady(demo: Demo, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const m = READY_RE.exec(demo.output());
		if (m) return m[1];
		if (demo.hasExited())
			throw new Error(`npm start exited before it was ready:\n${tail(demo.output())}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`npm start was not ready within ${timeoutMs / 1000}s:\n${tail(demo.output())}`);
}

async function getJson(url: string): Promise<any> {
	const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
	if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
	return res.json();
}

/** Last month as n8n's `$now.minus({ months: 1 })` sees it (the demo runs n8n in Europe/Amsterdam). */
function lastMonthInAmsterdam(now = new Date()): { year: number; month: number } {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Amsterdam',
		year: 'numeric',
		month: 'numeric',
	}).formatToParts(now);
	const year = Number(parts.find((p) => p.type === 'year')!.value);
	const month = Number(parts.find((p) => p.type === 'month')!.value);
	return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

type Totals = Record<string, Record<string, number>>;
const round2 = (n: number) => Math.round(n * 100) / 100;

describe('npm start demo in a real browser (headless Chromium)', () => {
	const ports = { nmbrs: 0, timeChimp: 0, n8n: 0 };
	let demoDir: string;
	let demo: Demo | undefined;
	let url: string;
	let nmbrsUrl: string;
	let timeChimpUrl: string;
	const t0 = Date.now();

	beforeAll(async () => {
		assertChromium();
		if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Nmbrs', 'Nmbrs.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first');
		}
		// Three distinct free loopback ports.
		const picked = new Set<number>();
		for (const k of Object.keys(ports) as Array<keyof typeof ports>) {
			let p = await freePort();
			while (picked.has(p)) p = await freePort();
			picked.add(p);
			ports[k] = p;
		}
		demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nmbrs-demo-'));
		const extra = path.join(demoDir, 'extra-workflows');
		fs.mkdirSync(extra);
		fs.writeFileSync(path.join(extra, 'pick.json'), JSON.stringify(PICK_WORKFLOW));
		demo = startDemo({
			DEMO_EXTRA_WORKFLOWS: extra,
			NMBRS_EMULATOR_PORT: String(ports.nmbrs),
			TIMECHIMP_EMULATOR_PORT: String(ports.timeChimp),
			N8N_DEMO_PORT: String(ports.n8n),
			DEMO_DIR: demoDir,
		});
		url = await waitForReady(demo, READY_TIMEOUT_MS);
		expect(url).toBe(`http://localhost:${ports.n8n}`);
		nmbrsUrl = `http://127.0.0.1:${ports.nmbrs}`;
		timeChimpUrl = `http://127.0.0.1:${ports.timeChimp}`;
		// eslint-disable-next-line no-console
		console.log(
			`demo ready after ${((Date.now() - t0) / 1000).toFixed(1)}s at ${url} (DEMO_DIR ${demoDir})`,
		);
	});

	afterAll(async () => {
		if (demo && !demo.hasExited()) {
			// a failed test: stop the demo the polite way first (it stops n8n), then hard
			signalGroup(demo.child, 'SIGTERM');
			const t = setTimeout(() => signalGroup(demo!.child, 'SIGKILL'), STOP_TIMEOUT_MS);
			await demo.exited;
			clearTimeout(t);
		}
		if (demoDir) fs.rmSync(demoDir, { recursive: true, force: true });
	});

	it('uses the demo dir and the chosen loopback ports', () => {
		expect(
			fs.existsSync(
				path.join(
					demoDir,
					'n8n',
					'.n8n',
					'nodes',
					'node_modules',
					'n8n-nodes-nmbrs',
					'package.json',
				),
			),
		).toBe(true);
		expect(demo!.output()).toContain(`${nmbrsUrl}`);
		expect(demo!.output()).toContain(`${timeChimpUrl}`);
	});

	it('shows the Nmbrs companies from the emulator in the "Nmbrs hour codes" node', async () => {
		const outFile = path.join(DOCS, 'nmbrs-node.png');
		const shot = await captureNodeScreenshot({
			url,
			email: DEMO_OWNER.email,
			password: DEMO_OWNER.password,
			workflowId: WORKFLOW_ID,
			nodeName: 'Nmbrs hour codes',
			outFile,
			timeoutMs: 120_000,
		});
		expect(shot.items).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^Bakkerij De Zon B\.V\. \(101\) · ID \d+$/),
				expect.stringMatching(/^De Zon Logistiek B\.V\. \(102\) · ID \d+$/),
			]),
		);
		expect(fs.statSync(outFile).size).toBeGreaterThan(10_000);
	});

	it('picks a company, an employee and an hour code from lists, and finds the node by "payroll"', async () => {
		const outFile = path.join(DOCS, 'nmbrs-pickers.png');
		const searchOutFile = path.join(DOCS, 'nmbrs-search-payroll.png');
		const picked = await pickFromLists({
			url,
			email: DEMO_OWNER.email,
			password: DEMO_OWNER.password,
			workflowId: PICK_WORKFLOW.id,
			nodeName: 'Export one line',
			company: /Bakkerij De Zon/,
			employee: /Sanne de Vries \(1001\)/,
			hourCode: /^1 – Normale uren/,
			outFile,
			search: 'payroll',
			searchOutFile,
			timeoutMs: 180_000,
		});
		expect(picked.companies).toEqual(
			expect.arrayContaining([expect.stringMatching(/^Bakkerij De Zon B\.V\. \(101\) · ID /)]),
		);
		// The employees and hour codes listed are those of the company just picked.
		expect(picked.employees).toEqual(
			expect.arrayContaining(['Sanne de Vries (1001)', 'Jeroen Bakker (1002)']),
		);
		expect(picked.hourCodes).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^1 – Normale uren/),
				expect.stringMatching(/^30 – Reisuren/),
			]),
		);
		expect(picked.picked).toEqual({
			company: expect.stringMatching(/^Bakkerij De Zon B\.V\. \(101\)/),
			employee: 'Sanne de Vries (1001)',
			hourCode: expect.stringMatching(/^1 – Normale uren/),
		});
		expect(picked.searchResults).toContain('Nmbrs');
		expect(fs.statSync(outFile).size).toBeGreaterThan(10_000);
		expect(fs.statSync(searchOutFile).size).toBeGreaterThan(10_000);
	});

	it('"Execute workflow" in the editor exports last month\'s approved TimeChimp hours into Nmbrs', async () => {
		const prev = lastMonthInAmsterdam();
		const nmbrsBefore = await getJson(`${nmbrsUrl}/_emulator/state`);
		const company = nmbrsBefore.companies.find((c: any) => c.number === 101);
		expect(company).toBeDefined();
		// the demo company's current period is last month: the export writes there
		expect({ year: company.currentYear, month: company.currentPeriod }).toEqual(prev);
		const validCodes = new Set<number>(
			[...company.hourModel1, ...company.hourModel2].map((h: any) => h.code),
		);
		expect([...validCodes].sort((a, b) => a - b)).toEqual([1, 2, 3, 20, 21, 30]);

		const outFile = path.join(DOCS, 'monthly-export-run.png');
		const run = await runWorkflowInBrowser({
			url,
			email: DEMO_OWNER.email,
			password: DEMO_OWNER.password,
			workflowId: WORKFLOW_ID,
			outFile,
			expectSuccessNodes: [
				'Nmbrs hour codes',
				'Export hours to Nmbrs',
				'Entries without a valid hour code',
			],
			timeoutMs: 180_000,
		});
		if (run.status !== 'success')
			throw new Error(
				`execution ${run.executionId} ended with status ${run.status}: ${redact(run.error ?? '', SECRETS)}`,
			);
		expect(fs.statSync(outFile).size).toBeGreaterThan(10_000);

		// What TimeChimp holds: approved entries of last month with a valid hour code, per employee number and code.
		const tc = await getJson(`${timeChimpUrl}/_emulator/state`);
		const monthPrefix = `${prev.year}-${String(prev.month).padStart(2, '0')}-`;
		const employeeNumberOf = new Map<number, string>(
			tc.users.map((u: any) => [u.id, String(u.employeeNumber)]),
		);
		const expected: Totals = {};
		const skippedTasks = new Set<string>();
		for (const t of tc.times) {
			if (
				!['Approved', 'Invoiced', 'WrittenOff'].includes(t.status) ||
				!String(t.date).startsWith(monthPrefix)
			)
				continue;
			const code = Number(t.task?.code);
			if (!t.task?.code || !validCodes.has(code)) {
				skippedTasks.add(t.task?.name);
				continue;
			}
			const emp = employeeNumberOf.get(t.user.id)!;
			expected[emp] ??= {};
			expected[emp][code] = round2((expected[emp][code] ?? 0) + t.hours);
		}
		expect(Object.keys(expected).sort()).toEqual(['1001', '1002', '1003']);
		expect(skippedTasks).toEqual(new Set(['Team meeting', 'Training']));

		// What Nmbrs holds now for the demo company's employees in last month's period.
		const nmbrs = await getJson(`${nmbrsUrl}/_emulator/state`);
		const numberOfEmployee = new Map<string, string>(
			nmbrs.employees
				.filter((e: any) => e.companyId === company.id)
				.map((e: any) => [String(e.id), String(e.number)]),
		);
		const actual: Totals = {};
		for (const r of nmbrs.hourRows) {
			const emp = numberOfEmployee.get(String(r.employeeId));
			if (!emp || r.year !== prev.year || r.period !== prev.month) continue;
			actual[emp] ??= {};
			actual[emp][r.hourCode] = round2((actual[emp][r.hourCode] ?? 0) + r.hours);
		}
		expect(actual).toEqual(expected);
	});

	it('stops on Ctrl-C (SIGINT) within 30 s and frees its ports', async () => {
		const d = demo!;
		const t = Date.now();
		signalGroup(d.child, 'SIGINT');
		const result = await Promise.race([
			d.exited,
			new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_TIMEOUT_MS).unref()),
		]);
		if (result === 'timeout')
			throw new Error(
				`npm start did not exit within ${STOP_TIMEOUT_MS / 1000}s of SIGINT:\n${tail(d.output())}`,
			);
		// eslint-disable-next-line no-console
		console.log(
			`demo stopped ${((Date.now() - t) / 1000).toFixed(1)}s after SIGINT (exit ${result.code ?? result.signal}); total ${((Date.now() - t0) / 1000).toFixed(1)}s`,
		);
		expect(d.output()).toContain('[demo] stopped');
		for (const [what, port] of Object.entries(ports)) {
			// n8n may need a moment after its parent exits to release the socket
			let free = await isPortFree(port);
			for (let i = 0; !free && i < 20; i++) {
				await new Promise((r) => setTimeout(r, 250));
				free = await isPortFree(port);
			}
			if (!free) throw new Error(`port ${port} (${what}) is still in use after the demo stopped`);
		}
		// the output never shows the demo's API tokens
		expect(d.raw()).not.toMatch(/demo-token-0123456789abcdef|tc-demo-key-0123456789/);
	});
});
