// n8n in queue mode with real components: Redis, PostgreSQL, one main and two workers of n8n
// 2.41.1, the package installed from its npm pack tarball on every process, against the Nmbrs
// emulator (SOAP) in this jest process. A Webhook-triggered export sends production executions
// through Redis to the workers. Proves: several administrations at once come out exact and both
// workers work; the credential's Calls Per Second holds across both workers together; two
// exports of the same company and period on two workers write the hours once.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { DEMO_HOUR_MODEL_1, DEMO_HOUR_MODEL_2, previousMonth } from '../emulators/demo-data';
import { DEMO_USER, startNmbrsEmulator, type NmbrsEmulator } from '../emulators/nmbrs';
import { isHoursRead, isWriteCall } from '../support/backends';
import {
	startQueueCluster,
	listExecutions,
	monitorRedis,
	waitForExecutions,
	workerOfExecution,
	type ExecutionSummary,
	type QueueCluster,
} from '../support/queue-mode';
import { importCredentials, importWorkflows, packPackage, REPO_ROOT } from '../support/real-n8n';

jest.setTimeout(900_000);

const WORKFLOW_ID = 'nmbrsQueueExp01';
const WEBHOOK_PATH = 'nmbrs-queue-export';
const CREDENTIAL = { id: 'nmbrsQueueCred01', name: 'Nmbrs (queue test)' };
const OWNER = { email: 'queue-owner@example.com', password: 'Queue-Owner-2026' };
/** The credential's fair-use limit, shared by every process that uses the login. */
const CALLS_PER_SECOND = 20;
/** Per call; a worker alone then makes ~1000/LATENCY calls a second, two together twice that. */
const LATENCY_MS = 25;
/** Per call in the overlap check: Nmbrs' realistic pace. */
const OVERLAP_LATENCY_MS = 150;
const CODES = [1, 3];
const EMPLOYEES_PER_COMPANY = 8;

const now = new Date();
const prev = previousMonth(now);
const periodDay = (d: number) =>
	`${prev.year}-${String(prev.month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Webhook (production, answered at once) → one item per line → the Nmbrs export. */
const WORKFLOW = {
	id: WORKFLOW_ID,
	name: 'Queue mode: hours export per company',
	nodes: [
		{
			id: 'b1c4a0d6-2f43-4f52-9a53-0f1a6a1e0001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5b0e1c8e-7d7e-4a53-9d64-3c0a2b9f0001',
			parameters: {
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: 'b1c4a0d6-2f43-4f52-9a53-0f1a6a1e0002',
			name: 'One item per line',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.lines', options: {} },
		},
		{
			id: 'b1c4a0d6-2f43-4f52-9a53-0f1a6a1e0003',
			name: 'Export hours to Nmbrs',
			type: 'n8n-nodes-nmbrs.nmbrs',
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'hours',
				operation: 'export',
				company: {
					__rl: true,
					mode: 'id',
					value: "={{ $('Webhook').first().json.body.company }}",
				},
				employee: { __rl: true, mode: 'employeeNumber', value: '={{ $json.employeeNumber }}' },
				hourCode: '={{ $json.hourCode }}',
				hours: '={{ $json.hours }}',
				date: '={{ $json.date }}',
				payrollPeriod: 'specific',
				year: "={{ $('Webhook').first().json.body.year }}",
				period: "={{ $('Webhook').first().json.body.period }}",
				preview: false,
				pastPeriods: 'stop',
				options: { managedHourCodes: CODES.join(', '), employeeScope: 'input' },
			},
			credentials: { nmbrsApi: CREDENTIAL },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'One item per line', type: 'main', index: 0 }]] },
		'One item per line': {
			main: [[{ node: 'Export hours to Nmbrs', type: 'main', index: 0 }]],
		},
	},
	active: false,
	settings: { executionOrder: 'v1' },
};

interface Line {
	employeeNumber: number;
	hourCode: number;
	hours: number;
	date: string;
}

interface Company {
	id: string;
	number: number;
	/** Employee number → employee id. */
	employees: Map<number, string>;
	lines: Line[];
}

let nmbrs: NmbrsEmulator;
let cluster: QueueCluster | undefined;
let packDir: string | undefined;
let companyNumber = 500;

/**
 * A fresh monthly company in the emulator (current period: last month) with its employees, and
 * the hour lines to export for it: per employee and code a few lines of quarter hours.
 */
function addCompany(employeeCount = EMPLOYEES_PER_COMPANY): Company {
	const number = ++companyNumber;
	const id = nmbrs.addCompany({
		number,
		name: `Queue Test ${number} B.V.`,
		periodType: 'M',
		currentYear: prev.year,
		currentPeriod: prev.month,
		hourModel1: DEMO_HOUR_MODEL_1.map((h) => ({ ...h })),
		hourModel2: DEMO_HOUR_MODEL_2.map((h) => ({ ...h })),
	});
	const employees = new Map<number, string>();
	const lines: Line[] = [];
	for (let i = 1; i <= employeeCount; i++) {
		const employeeNumber = number * 100 + i;
		employees.set(
			employeeNumber,
			nmbrs.addEmployee(id, {
				number: employeeNumber,
				firstName: `Medewerker${i}`,
				prefix: '',
				lastName: `Bedrijf${number}`,
				emailWork: `m${employeeNumber}@queue.example`,
				contracts: [['2020-01-01', '']],
			}),
		);
		for (const [c, hourCode] of CODES.entries()) {
			for (let day = 1; day <= 3; day++) {
				// 0.25 .. 8 hours, different per company, employee, code and day
				const quarters = 1 + ((number * 7 + i * 5 + c * 11 + day * 3) % 32);
				lines.push({ employeeNumber, hourCode, hours: quarters / 4, date: periodDay(day + c) });
			}
		}
	}
	return { id, number, employees, lines };
}

/** Employee number → hour code → hours that the lines add up to. */
function expectedTotals(company: Company): Record<string, Record<number, number>> {
	const out: Record<string, Record<number, number>> = {};
	for (const l of company.lines) {
		out[l.employeeNumber] ??= {};
		out[l.employeeNumber][l.hourCode] =
			Math.round(((out[l.employeeNumber][l.hourCode] ?? 0) + l.hours) * 100) / 100;
	}
	return out;
}

function actualTotals(company: Company): Record<string, Record<number, number>> {
	const out: Record<string, Record<number, number>> = {};
	for (const [number, id] of company.employees) {
		const totals = nmbrs.totals(id, prev.year, prev.month);
		if (Object.keys(totals).length > 0) out[number] = totals;
	}
	return out;
}

/** Hour rows the exports left in the emulator for a company's period. */
const rowsOf = (company: Company) =>
	[...company.employees.values()].flatMap((id) => nmbrs.hourRows(id, prev.year, prev.month)).length;

/** POSTs the company's lines to the production webhook; n8n answers once the job is queued. */
async function trigger(company: Company): Promise<void> {
	const res = await fetch(`${cluster!.main.url}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			company: company.id,
			year: prev.year,
			period: prev.month,
			lines: company.lines,
		}),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`webhook: HTTP ${res.status} ${text.slice(0, 300)}`);
}

/** Triggers all companies at once and waits (bounded) until each execution has finished. */
async function exportAtOnce(companies: Company[]): Promise<ExecutionSummary[]> {
	const before = new Set((await listExecutions(cluster!, WORKFLOW_ID)).map((e) => e.id));
	await Promise.all(companies.map(trigger));
	const done = await waitForExecutions(cluster!, WORKFLOW_ID, before, companies.length, 300_000);
	expect(done.map((e) => [e.status, e.mode])).toEqual(companies.map(() => ['success', 'webhook']));
	return done;
}

/** The most of `times` (ms) within any 1000 ms: a window [t, t + 1000) for every t in `times`. */
function peakPerSecond(times: number[]): { peak: number; at: number } {
	const at = [...times].sort((a, b) => a - b);
	let best = { peak: 0, at: 0 };
	for (let i = 0, j = 0; i < at.length; i++) {
		while (j < at.length && at[j] < at[i] + 1000) j++;
		if (j - i > best.peak) best = { peak: j - i, at: at[i] };
	}
	return best;
}

/**
 * When the shared limiter let each call start, on Redis' clock, from Redis' MONITOR: the package's
 * pacing script stores each call's reserved start (ms) under a key with `pace:`, one SET per call.
 * Empty if the package paces calls some other way (as before queue mode).
 */
function rateGrants(monitorLines: string[]): number[] {
	const starts: number[] = [];
	for (const line of monitorLines) {
		const set = /"SET" "[^"]*pace:[^"]*" "([\d.]+)"/.exec(line);
		if (set) starts.push(Number(set[1]));
	}
	return starts.sort((a, b) => a - b);
}

const overlapMs = (a: ExecutionSummary, b: ExecutionSummary) =>
	Math.min(Date.parse(a.stoppedAt!), Date.parse(b.stoppedAt!)) -
	Math.max(Date.parse(a.startedAt!), Date.parse(b.startedAt!));

beforeAll(async () => {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Nmbrs', 'Nmbrs.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm run verify does)');
	}
	nmbrs = await startNmbrsEmulator({ seed: 'demo', now });
	packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pack-'));
	const credentialData = {
		email: DEMO_USER.username,
		apiToken: DEMO_USER.token,
		domain: DEMO_USER.domain,
		administration: '',
		environment: 'custom',
		baseUrl: nmbrs.baseUrl,
		callsPerSecond: CALLS_PER_SECOND,
	};
	const started = Date.now();
	cluster = await startQueueCluster({
		packageTarball: await packPackage(REPO_ROOT, packDir),
		workers: 2,
		workerConcurrency: 1,
		owner: OWNER,
		secrets: [DEMO_USER.token],
		async beforeStart(cli, mainHome) {
			await importCredentials(mainHome, [
				{ ...CREDENTIAL, type: 'nmbrsApi', data: credentialData },
			]);
			await importWorkflows(mainHome, [WORKFLOW]);
			const published = await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
			if (published.exitCode !== 0)
				throw new Error(`publish:workflow failed:\n${published.stdout}\n${published.stderr}`);
		},
	});
	console.log(
		`queue cluster (Redis, PostgreSQL, main, 2 workers) up in ${Date.now() - started} ms`,
	);
});

afterAll(async () => {
	await cluster?.stop();
	await nmbrs?.close();
	if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
});

describe('n8n queue mode: one main, two workers, Redis and PostgreSQL', () => {
	it('four administrations at once through the queue: exact totals, both workers ran executions', async () => {
		nmbrs.latencyMs = LATENCY_MS;
		nmbrs.resetCounters();
		const companies = [addCompany(), addCompany(), addCompany(), addCompany()];
		const done = await exportAtOnce(companies);
		for (const c of companies)
			expect({ company: c.number, totals: actualTotals(c) }).toEqual({
				company: c.number,
				totals: expectedTotals(c),
			});
		const ranOn = workerOfExecution(cluster!);
		const workers = done.map((e) => ranOn.get(e.id));
		expect(workers.every((w) => w === 'worker1' || w === 'worker2')).toBe(true);
		expect(new Set(workers)).toEqual(new Set(['worker1', 'worker2']));
	});

	it(`Calls Per Second (${CALLS_PER_SECOND}) holds across both workers together`, async () => {
		nmbrs.latencyMs = LATENCY_MS;
		nmbrs.resetCounters();
		// 20 employees: ~50 calls per export, over a second of calls for one worker alone.
		const companies = [addCompany(20), addCompany(20)];
		const monitor = await monitorRedis(cluster!.redis.port);
		let done: ExecutionSummary[];
		try {
			done = await exportAtOnce(companies);
		} finally {
			monitor.stop();
		}
		for (const c of companies) expect(actualTotals(c)).toEqual(expectedTotals(c));
		const calls = nmbrs.calls.filter((c) => c.username === DEMO_USER.username);
		const arrivals = calls.map((c) => c.at).sort((a, b) => a - b);
		const { peak, at } = peakPerSecond(arrivals);
		const first = arrivals[0];
		const grants = rateGrants(monitor.lines());
		const granted = peakPerSecond(grants);
		// Paired in order: how long after its slot each call reached the emulator.
		const lag =
			grants.length === arrivals.length ? arrivals.map((a, i) => Math.round(a - grants[i])) : [];
		console.log(
			`calls per 1000 ms across both workers: peak ${peak} (limit ${CALLS_PER_SECOND}) at +${at - first} ms; ` +
				`${calls.length} calls in ${arrivals[arrivals.length - 1] - first} ms. Slots granted in Redis: ` +
				(grants.length
					? `${grants.length}, peak ${granted.peak} per 1000 ms at +${Math.round(granted.at - first)} ms; `
					: 'none seen; ') +
				`slot to arrival ${lag.length ? `${Math.min(...lag)}..${Math.max(...lag)} ms` : 'not paired'}`,
		);
		// Every call took its slot from the limiter in Redis, which all processes share, and in no
		// 1000 ms on Redis' clock did it grant more than the limit.
		expect(grants).toHaveLength(calls.length);
		expect(granted.peak).toBeLessThanOrEqual(CALLS_PER_SECOND);
		// What Nmbrs sees: the arrivals. +1 because a call reaches the emulator some ms after its
		// slot (0..44 ms measured on the loaded 2-core test machine), more than the 20 ms margin of
		// the package's spacing (1020 ms / limit): one late call can share a second with the next.
		expect(peak).toBeLessThanOrEqual(CALLS_PER_SECOND + 1);
		// The check means something: both executions ran at the same time, one on each worker
		// (each keeping to the limit on its own would together exceed it).
		const ranOn = workerOfExecution(cluster!);
		expect(new Set(done.map((e) => ranOn.get(e.id)))).toEqual(new Set(['worker1', 'worker2']));
		expect(overlapMs(done[0], done[1])).toBeGreaterThan(1000);
	});

	it('the same company and period exported twice at once on two workers: the hours are written once', async () => {
		// Nmbrs' own pace (150 ms per call, as the in-process overlap test): one export then takes
		// seconds, far longer than the gap between the two workers picking up their jobs, so two
		// exports that do not wait for each other read the same (empty) period and both write.
		nmbrs.latencyMs = OVERLAP_LATENCY_MS;
		// What one export needs: the same shape of company, exported alone.
		const alone = addCompany();
		nmbrs.resetCounters();
		await exportAtOnce([alone]);
		expect(actualTotals(alone)).toEqual(expectedTotals(alone));
		const one = {
			rows: rowsOf(alone),
			inserts: nmbrs.calls.filter((c) => c.operation === 'HourComponentVar_Insert_Batch').length,
			writes: nmbrs.calls.filter((c) => isWriteCall(c.operation)).length,
			reads: nmbrs.calls.filter((c) => isHoursRead(c.operation)).length,
			spanMs: Math.max(...nmbrs.calls.map((c) => c.at)) - Math.min(...nmbrs.calls.map((c) => c.at)),
		};
		expect(one.rows).toBe(EMPLOYEES_PER_COMPANY * CODES.length);

		const company = addCompany();
		nmbrs.resetCounters();
		const done = await exportAtOnce([company, { ...company }]);
		const ranOn = workerOfExecution(cluster!);
		const workers = done.map((e) => ranOn.get(e.id));
		const startGapMs = Math.abs(Date.parse(done[0].startedAt!) - Date.parse(done[1].startedAt!));
		const pair = {
			rows: rowsOf(company),
			inserts: nmbrs.calls.filter((c) => c.operation === 'HourComponentVar_Insert_Batch').length,
			writes: nmbrs.calls.filter((c) => isWriteCall(c.operation)).length,
			reads: nmbrs.calls.filter((c) => isHoursRead(c.operation)).length,
		};
		console.log(
			`overlap: on ${workers.join(' and ')}, started ${startGapMs} ms apart (one export alone: ` +
				`${one.spanMs} ms of calls); rows ${pair.rows} (one export: ${one.rows}), ` +
				`Insert_Batch calls ${pair.inserts} (one: ${one.inserts}), writes ${pair.writes} ` +
				`(one: ${one.writes}), hour reads ${pair.reads} (one: ${one.reads})`,
		);
		// A real overlap: two workers, started well within the time one export takes.
		expect(new Set(workers)).toEqual(new Set(['worker1', 'worker2']));
		expect(startGapMs).toBeLessThan(one.spanMs / 2);
		expect(actualTotals(company)).toEqual(expectedTotals(company));
		// Written once: the second export read Nmbrs and found nothing left to write.
		expect(pair).toEqual({
			rows: one.rows,
			inserts: one.inserts,
			writes: one.writes,
			reads: expect.any(Number),
		});
		expect(pair.reads).toBeGreaterThan(one.reads);
	});
});
