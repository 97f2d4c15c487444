// Benchmark of Hours → Export as n8n runs it: the node through n8n-core's WorkflowExecute,
// against the Nmbrs emulator over loopback with a simulated latency per call. It prints figures
// and ratios against the round-trip lower bound and writes them as JSON; it asserts nothing
// (performance is not a test), except that every run ends with Nmbrs equal to the input.
//
//   npm run bench                                   (all sizes; about 15 minutes)
//   SIZES=100,1000 LATENCY_MS=50 COMPANIES=20 npm run bench
import '../support/setup-env';
import * as fs from 'fs';
import * as path from 'path';

// The node first: its actions import each other, and loading one action first breaks that cycle.
import '../../nodes/Nmbrs/Nmbrs.node.ts';
import { MAX_IN_FLIGHT } from '../../nodes/Nmbrs/transport/fairUse';
import { createNmbrsApi } from '../../nodes/Nmbrs/transport';
import { ENGINE_SETTINGS } from '../../nodes/Nmbrs/v1/actions/hours/export.operation';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../support/nmbrs-fixture';
import { DEMO_HOUR_MODEL_1 } from '../emulators/demo-data';

const NOW = new Date('2026-11-25T10:00:00Z');
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 50);
const SIZES = (process.env.SIZES ?? '100,1000,5000').split(',').map(Number);
const NAIVE_UP_TO = Number(process.env.NAIVE_UP_TO ?? 1000);
const COMPANIES = Number(process.env.COMPANIES ?? 20);
const PER_COMPANY = Number(process.env.PER_COMPANY ?? 50);
const CALLS_PER_SECOND = Number(process.env.CALLS_PER_SECOND ?? 100);
const CODES = [1, 2, 3];
const OUT = path.join(__dirname, '..', '..', 'bench-results.json');

interface Measured {
	scenario: string;
	employees: number;
	companies: number;
	wallMs: number;
	calls: number;
	byOperation: Record<string, number>;
	mostInFlight: number;
	writeBatches: number;
	verificationReads: number;
	/** Lower bounds in ms: with the verification reads the design keeps, and without them. */
	lowerBoundMs: number;
	lowerBoundWithoutVerificationMs: number;
	ratio: number;
	ratioWithoutVerification: number;
	/** Peak of (heap + external) over the baseline before the run, garbage included, in MB. */
	peakMemoryMb: number;
	/** Peak of live memory (sampled after a full GC) over the baseline, from a separate run, in MB. */
	peakLiveMemoryMb?: number;
	naiveMs?: number;
	exact: boolean;
}

const isWrite = (op: string) => /Insert|Update|Delete|_Set|POST|PUT|DELETE/.test(op);
const isHoursRead = (op: string) => op === 'HourComponentVar_Get';

/**
 * The round-trip lower bound: reads at the node's concurrency and write batches one after the
 * other, or all calls at the fair-use rate, whichever is longer.
 */
function lowerBound(reads: number, writes: number): number {
	const trips = Math.ceil(reads / ENGINE_SETTINGS.concurrency) * LATENCY_MS + writes * LATENCY_MS;
	return Math.max(trips, ((reads + writes) / CALLS_PER_SECOND) * 1000);
}

function memory(): number {
	const m = process.memoryUsage();
	return m.heapUsed + m.external;
}

async function measure(
	fixture: NmbrsFixture,
	scenario: string,
	employees: number,
	companies: number,
	targets: number,
	work: () => Promise<void>,
	live = false,
): Promise<Measured> {
	const { emulator } = fixture;
	(global as { gc?: () => void }).gc?.();
	const baseline = memory();
	let peak = baseline;
	// Live memory needs a full GC per sample, which slows the run: only in a separate pass.
	const gc = (global as { gc?: () => void }).gc;
	const sampler = setInterval(
		() => {
			if (live) gc?.();
			peak = Math.max(peak, memory());
		},
		live ? 250 : 20,
	);
	emulator.resetCounters();
	const started = Date.now();
	await work();
	const wallMs = Date.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, memory());
	const byOperation: Record<string, number> = {};
	for (const c of emulator.calls) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1;
	const writes = emulator.calls.filter((c) => isWrite(c.operation)).length;
	const reads = emulator.calls.length - writes;
	const hoursReads = emulator.calls.filter((c) => isHoursRead(c.operation)).length;
	const verificationReads = Math.max(0, hoursReads - targets);
	const withVerification = lowerBound(reads, writes);
	const withoutVerification = lowerBound(reads - verificationReads, writes);
	return {
		scenario,
		employees,
		companies,
		wallMs,
		calls: emulator.calls.length,
		byOperation,
		mostInFlight: emulator.mostInFlight,
		writeBatches: writes,
		verificationReads,
		lowerBoundMs: Math.round(withVerification),
		lowerBoundWithoutVerificationMs: Math.round(withoutVerification),
		ratio: wallMs / withVerification,
		ratioWithoutVerification: wallMs / withoutVerification,
		peakMemoryMb: (peak - baseline) / 2 ** 20,
		exact: false,
	};
}

type Line = { company: string; emp: number; code: number; hours: number };

/** Adds employees 100000+ to a company; returns employee number → id. */
function addEmployees(fixture: NmbrsFixture, companyId: string, count: number, from: number) {
	const ids = new Map<number, string>();
	for (let n = 0; n < count; n++) {
		const number = from + n;
		ids.set(
			number,
			fixture.emulator.addEmployee(companyId, {
				number,
				firstName: 'E',
				prefix: '',
				lastName: String(number),
				emailWork: `e${number}@bench.example`,
				contracts: [['2020-01-01', '']],
			}),
		);
	}
	return ids;
}

function currentPeriod(fixture: NmbrsFixture, companyId: string) {
	const company = fixture.emulator.state.companies.get(Number(companyId))!;
	return { year: company.currentYear, period: company.currentPeriod };
}

/** Whether Nmbrs now holds exactly the input's totals. */
function exact(fixture: NmbrsFixture, lines: Line[], ids: Map<number, string>): boolean {
	return lines.every((l) => {
		const { year, period } = currentPeriod(fixture, l.company);
		const totals = fixture.emulator.totals(ids.get(l.emp)!, year, period);
		return Math.abs((totals[l.code] ?? 0) - l.hours) < 1e-9;
	});
}

const hoursFor = (n: number, code: number) => ((n * 7 + code * 3) % 40) / 4 + 0.25;

function linesOf(company: string, numbers: number[]): Line[] {
	return numbers.flatMap((emp) =>
		CODES.map((code) => ({ company, emp, code, hours: hoursFor(emp, code) })),
	);
}

async function exportRun(fixture: NmbrsFixture, lines: Line[], perItemCompany: boolean) {
	const params = exportParams(
		perItemCompany ? { company: { __rl: true, mode: 'id', value: '={{ $json.company }}' } } : {},
	);
	const result = await fixture.run(
		params,
		lines.map((l) => ({ ...l })),
	);
	if (result.error) throw new Error(`export failed: ${result.error.message}`);
	result.outputOf('Node');
}

/** One sequential read per employee, then one insert per row: what a simple integration does. */
async function naiveRun(fixture: NmbrsFixture, lines: Line[], ids: Map<number, string>) {
	const api = createNmbrsApi(fixture.credentials() as never);
	const { year, period } = currentPeriod(fixture, lines[0].company);
	const byEmployee = new Map<number, Line[]>();
	for (const l of lines) byEmployee.set(l.emp, [...(byEmployee.get(l.emp) ?? []), l]);
	for (const [emp, own] of byEmployee) {
		const employeeId = ids.get(emp)!;
		const rows = await api.getVariableHours(employeeId, year, period);
		for (const l of own) {
			const current = rows
				.filter((r) => r.hourCode === l.code)
				.reduce((sum, r) => sum + r.hundredths, 0);
			const delta = Math.round(l.hours * 100) - current;
			if (delta !== 0)
				await api.insertVariableHours(
					[{ employeeId, hourCode: l.code, hundredths: delta, comment: 'naive' }],
					{ year, period, unprotected: false },
				);
		}
	}
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function print(rows: Measured[]) {
	console.log(
		'\n| employees | companies | run | wall | lower bound (with / without verification reads) | ÷ bound | ÷ bound w/o verification | vs naive | calls | write batches | most in flight | node memory (live / with garbage) | exact |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of rows) {
		console.log(
			`| ${r.employees} | ${r.companies} | ${r.scenario} | ${fmt(r.wallMs)} | ${fmt(r.lowerBoundMs)} / ${fmt(r.lowerBoundWithoutVerificationMs)} | ${r.ratio.toFixed(2)}× | ${r.ratioWithoutVerification.toFixed(2)}× | ${r.naiveMs ? `${(r.naiveMs / r.wallMs).toFixed(1)}× faster (naive ${fmt(r.naiveMs)})` : '–'} | ${r.calls} | ${r.writeBatches} | ${r.mostInFlight} | ${r.peakLiveMemoryMb === undefined ? '–' : `${r.peakLiveMemoryMb.toFixed(0)} MB`} / ${r.peakMemoryMb.toFixed(0)} MB | ${r.exact ? 'yes' : 'NO'} |`,
		);
	}
}

async function main() {
	console.log(
		`Hours → Export through n8n-core WorkflowExecute; emulator latency ${LATENCY_MS} ms per call; ${CODES.length} hour codes per employee; node concurrency ${ENGINE_SETTINGS.concurrency}, at most ${MAX_IN_FLIGHT} calls in flight per login, ${CALLS_PER_SECOND} calls/s; Node ${process.version}${(global as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a steady memory baseline)'}`,
	);
	const rows: Measured[] = [];
	const liveMb = new Map<number, number>();
	const extra: Record<string, unknown> = {};

	for (const size of SIZES) {
		const fixture = await startNmbrsFixture(NOW, 'soap');
		const credentials = { callsPerSecond: CALLS_PER_SECOND };
		const run = fixture.run;
		fixture.run = (p, items, opts = {}) => run(p, items, { ...opts, credentials });
		const company = fixture.companyId;
		const ids = addEmployees(fixture, company, size, 100_000);
		const numbers = [...ids.keys()];
		if (rows.length === 0) {
			// WSDLs: the first session downloads and parses them; later sessions reuse them.
			let t = Date.now();
			await createNmbrsApi(fixture.credentials() as never).listCompanies();
			const coldMs = Date.now() - t;
			t = Date.now();
			await createNmbrsApi(fixture.credentials() as never).listCompanies();
			extra.wsdl = { coldMs, warmMs: Date.now() - t };
			console.log(
				`WSDL: first call ${coldMs} ms (download + parse), next session ${Date.now() - t} ms`,
			);
		}
		fixture.emulator.latencyMs = LATENCY_MS;
		let lines = linesOf(company, numbers);
		const record = async (scenario: string, targets: number, work: () => Promise<void>) => {
			const m = await measure(fixture, scenario, size, 1, targets, work);
			m.exact = exact(fixture, lines, ids);
			rows.push(m);
			console.log(
				`${size} employees, ${scenario}: ${fmt(m.wallMs)}, ${m.ratio.toFixed(2)}× the lower bound, ${m.calls} calls, ${m.peakMemoryMb.toFixed(0)} MB, exact: ${m.exact}`,
			);
			return m;
		};
		if ((global as { gc?: unknown }).gc) {
			// The node's live memory: the first export on a fresh emulator, sampled after full GCs.
			const fresh = await startNmbrsFixture(NOW, 'soap');
			const freshIds = addEmployees(fresh, fresh.companyId, size, 100_000);
			fresh.emulator.latencyMs = LATENCY_MS;
			const freshLines = linesOf(fresh.companyId, [...freshIds.keys()]);
			const m = await measure(
				fresh,
				'memory',
				size,
				1,
				size,
				() => exportRun(fresh, freshLines, false),
				true,
			);
			liveMb.set(size, m.peakMemoryMb);
			console.log(
				`${size} employees, first export: peak live memory ${m.peakMemoryMb.toFixed(0)} MB`,
			);
			await fresh.emulator.close();
		}
		const first = await record('first export', size, () => exportRun(fixture, lines, false));
		first.peakLiveMemoryMb = liveMb.get(size);
		await record('no-change re-export', size, () => exportRun(fixture, lines, false));
		lines = lines.map((l) =>
			l.emp % 10 === 0 && l.code === 1 ? { ...l, hours: l.hours + 1.5 } : l,
		);
		await record('10% changed', size, () => exportRun(fixture, lines, false));
		await fixture.emulator.close();

		if (size <= NAIVE_UP_TO) {
			const naive = await startNmbrsFixture(NOW, 'soap');
			const naiveIds = addEmployees(naive, naive.companyId, size, 100_000);
			naive.emulator.latencyMs = LATENCY_MS;
			const started = Date.now();
			await naiveRun(naive, linesOf(naive.companyId, [...naiveIds.keys()]), naiveIds);
			first.naiveMs = Date.now() - started;
			console.log(`${size} employees, naive first export: ${fmt(first.naiveMs)}`);
			await naive.emulator.close();
		}
	}

	if (COMPANIES > 0) {
		// One export over many administrations (company per item) against one at a time.
		const fixture = await startNmbrsFixture(NOW, 'soap');
		const credentials = { callsPerSecond: CALLS_PER_SECOND };
		const run = fixture.run;
		fixture.run = (p, items, opts = {}) => run(p, items, { ...opts, credentials });
		const demo = fixture.emulator.state.companies.get(Number(fixture.companyId))!;
		const ids = new Map<number, string>();
		const byCompany: Line[][] = [];
		const setUp = (offset: number) => {
			const lines: Line[] = [];
			for (let c = 0; c < COMPANIES; c++) {
				const companyId = fixture.emulator.addCompany({
					number: 900 + offset + c,
					name: `Bench ${offset + c}`,
					periodType: demo.periodType,
					currentYear: demo.currentYear,
					currentPeriod: demo.currentPeriod,
					hourModel1: DEMO_HOUR_MODEL_1.map((h) => ({ ...h })),
				});
				const own = addEmployees(fixture, companyId, PER_COMPANY, 200_000 + (offset + c) * 1000);
				for (const [n, id] of own) ids.set(n, id);
				const companyLines = linesOf(companyId, [...own.keys()]);
				byCompany.push(companyLines);
				lines.push(...companyLines);
			}
			return lines;
		};
		fixture.emulator.latencyMs = LATENCY_MS;
		const together = setUp(0);
		const employees = COMPANIES * PER_COMPANY;
		const m = await measure(
			fixture,
			`${COMPANIES} companies in one run`,
			employees,
			COMPANIES,
			employees,
			() => exportRun(fixture, together, true),
		);
		m.exact = exact(fixture, together, ids);
		const apart = setUp(COMPANIES);
		const oneByOne = await measure(
			fixture,
			`${COMPANIES} companies one at a time`,
			employees,
			COMPANIES,
			employees,
			async () => {
				for (const lines of byCompany.slice(COMPANIES)) await exportRun(fixture, lines, true);
			},
		);
		oneByOne.exact = exact(fixture, apart, ids);
		rows.push(m, oneByOne);
		extra.companies = { speedUp: oneByOne.wallMs / m.wallMs };
		console.log(
			`${COMPANIES} companies × ${PER_COMPANY} employees: ${fmt(m.wallMs)} in one run, ${fmt(oneByOne.wallMs)} one at a time (${(oneByOne.wallMs / m.wallMs).toFixed(1)}× speed-up)`,
		);
		await fixture.emulator.close();
	}

	print(rows);
	fs.writeFileSync(
		OUT,
		JSON.stringify(
			{
				date: new Date().toISOString(),
				node: process.version,
				latencyMs: LATENCY_MS,
				callsPerSecond: CALLS_PER_SECOND,
				concurrency: ENGINE_SETTINGS.concurrency,
				maxInFlight: MAX_IN_FLIGHT,
				...extra,
				rows,
			},
			null,
			2,
		),
	);
	console.log(`\nJSON: ${path.relative(process.cwd(), OUT)}`);
	if (rows.some((r) => !r.exact)) {
		console.error('A run did not end with Nmbrs equal to the input.');
		process.exit(1);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
