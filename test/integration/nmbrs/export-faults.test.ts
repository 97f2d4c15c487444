// Payroll is money: whatever breaks during an export, running it again must end with Nmbrs
// totals exactly equal to the input, rows on codes the export does not own untouched.
import { sleep } from 'n8n-workflow';

import {
	runExport,
	type EmployeeTarget,
	type EngineSettings,
	type ExportJob,
} from '../../../nodes/Nmbrs/app/exportEngine';
import { NmbrsTransportError } from '../../../nodes/Nmbrs/domain/faults';
import type { FaultAction } from '../../emulators/nmbrs';
import { prng } from '../../emulators/timechimp/seed';
import { BACKENDS, engineApi, isHoursRead, isWriteCall } from '../../support/backends';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z');
const YEAR = 2026;
const PERIOD = 10;
const OWNED = [1, 2, 3, 20, 30];
const UNOWNED = 21;

describe.each(BACKENDS)('on the %s backend', (backend) => {
	let f: NmbrsFixture;
	beforeAll(async () => (f = await startNmbrsFixture(NOW, backend)));
	afterAll(() => f.emulator.close());
	/** The call that adds hour rows: one SOAP batch, or one REST POST per row. */
	const INSERT =
		backend === 'soap'
			? 'HourComponentVar_Insert_Batch'
			: 'POST /api/employees/{employeeId}/variablehours';

	const settings = (random: () => number): EngineSettings => ({
		batchSize: 2,
		concurrency: 3,
		// Few rounds, so that many runs end unfinished and the re-run path is exercised too.
		maxRounds: 2,
		settleMs: [0, 3],
		sleep,
		random,
	});
	const api = () =>
		engineApi(backend, f.emulator, {
			timeoutMs: 5_000,
			bulkTimeoutMs: 5_000,
			readAttempts: 3,
			retryDelayMs: 1,
		});
	const employees = () => [1001, 1002, 1003, 1004].map((n) => f.employeeIds[n]);

	function randomScenario(random: () => number) {
		const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
		const quarter = () => Math.round(random() * 40) * 25; // 0 … 10 h in quarter hours
		// What Nmbrs has before the export: earlier exports, hand-entered rows, an unowned code.
		for (const id of employees()) {
			for (let r = Math.floor(random() * 4); r > 0; r--) {
				f.emulator.addHourRow(id, {
					year: YEAR,
					period: PERIOD,
					hourCode: pick([...OWNED, UNOWNED]),
					hours: (quarter() - 200) / 100,
				});
			}
		}
		const targets: EmployeeTarget[] = employees()
			.filter(() => random() < 0.85)
			.map((employeeId) => {
				const desired = new Map<number, number>();
				for (let c = 1 + Math.floor(random() * 3); c > 0; c--) desired.set(pick(OWNED), quarter());
				return { employeeId, desired };
			});
		return targets;
	}

	const injected: Record<string, number> = {};
	function faultRule(random: () => number, writeRate: number, readRate: number) {
		const kinds: FaultAction[] = [
			{ kind: 'reset' },
			{ kind: 'resetAfterApply' },
			{ kind: 'http500' },
		];
		return (call: { operation: string }): FaultAction | undefined => {
			const write = isWriteCall(call.operation);
			const rate = write ? writeRate : isHoursRead(call.operation) ? readRate : 0;
			if (random() >= rate) return undefined;
			const fault = kinds[Math.floor(random() * kinds.length)];
			const key = `${write ? 'write' : 'read'}:${fault.kind}`;
			injected[key] = (injected[key] ?? 0) + 1;
			return fault;
		};
	}

	function expectExact(targets: EmployeeTarget[], unownedBefore: Map<string, number>) {
		for (const id of employees()) {
			const totals = f.emulator.totals(id, YEAR, PERIOD);
			const target = targets.find((t) => t.employeeId === id);
			for (const code of OWNED) {
				const expected = target ? (target.desired.get(code) ?? 0) / 100 : undefined;
				// Employees outside the input are not in scope: their rows are not the export's.
				if (expected !== undefined)
					expect({ id, code, hours: totals[code] ?? 0 }).toEqual({ id, code, hours: expected });
			}
			expect({ id, unowned: totals[UNOWNED] ?? 0 }).toEqual({
				id,
				unowned: unownedBefore.get(id) ?? 0,
			});
		}
	}

	describe('randomized interruptions', () => {
		it('ends with exact totals after re-running, over 200 seeds', async () => {
			let failedRuns = 0;
			let totalRuns = 0;
			for (let seed = 1; seed <= 200; seed++) {
				f.emulator.reset();
				const random = prng(seed);
				const targets = randomScenario(random);
				const unownedBefore = new Map(
					employees().map((id) => [id, f.emulator.totals(id, YEAR, PERIOD)[UNOWNED] ?? 0]),
				);
				const job: ExportJob = {
					year: YEAR,
					period: PERIOD,
					unprotected: false,
					targets,
					ownedCodes: new Set(OWNED),
					writeMode: random() < 0.25 ? 'replaceRows' : 'correctionLines',
					preview: false,
					comment: `seed ${seed}`,
				};
				f.emulator.setFaultRule(faultRule(random, 0.45, 0.15));
				let succeeded = false;
				for (let attempt = 1; attempt <= 25 && !succeeded; attempt++) {
					totalRuns++;
					try {
						const outcomes = await runExport(api(), job, settings(random));
						succeeded = outcomes.every((o) => o.status !== 'error');
						if (!succeeded) failedRuns++;
					} catch (error) {
						// A read that failed three times ends a run; anything else is a bug, not a fault.
						if (!(error instanceof NmbrsTransportError)) throw error;
						failedRuns++;
					}
				}
				f.emulator.setFaultRule(undefined);
				expect({ seed, succeeded }).toEqual({ seed, succeeded: true });
				expectExact(targets, unownedBefore);
				// And once it has succeeded, running it again writes nothing.
				f.emulator.resetCounters();
				await runExport(api(), job, settings(random));
				expect({
					seed,
					writes: f.emulator.calls.filter((c) => isWriteCall(c.operation)).length,
				}).toEqual({ seed, writes: 0 });
			}
			// The faults really happened, inside batches (applied, answer lost) and between them.
			expect(injected['write:resetAfterApply']).toBeGreaterThan(100);
			expect(injected['write:reset']).toBeGreaterThan(100);
			expect(injected['read:http500']).toBeGreaterThan(20);
			// And they made runs fail, so the re-run path was exercised.
			expect(failedRuns).toBeGreaterThan(40);
			// eslint-disable-next-line no-console
			console.log(
				`randomized interruptions (${backend}): 200 seeds, ${totalRuns} export runs, ${failedRuns} failed and were re-run; faults injected: ${JSON.stringify(injected)}`,
			);
		}, 300_000);
	});

	describe('overlapping exports of the same period', () => {
		it('end with exact totals (20 overlapping pairs)', async () => {
			for (let pair = 1; pair <= 20; pair++) {
				f.emulator.reset();
				const random = prng(1000 + pair);
				const targets = randomScenario(random);
				const unownedBefore = new Map(
					employees().map((id) => [id, f.emulator.totals(id, YEAR, PERIOD)[UNOWNED] ?? 0]),
				);
				const job: ExportJob = {
					year: YEAR,
					period: PERIOD,
					unprotected: false,
					targets,
					ownedCodes: new Set(OWNED),
					writeMode: 'correctionLines',
					preview: false,
					comment: 'overlap',
				};
				const overlapping = {
					...settings(random),
					batchSize: 100,
					settleMs: [5, 80] as [number, number],
					maxRounds: 8,
				};
				f.emulator.latencyMs = 2;
				const [a, b] = await Promise.all([
					runExport(api(), job, overlapping),
					runExport(api(), job, overlapping),
				]);
				f.emulator.latencyMs = 0;
				expect({ pair, errors: [...a, ...b].filter((o) => o.status === 'error').length }).toEqual({
					pair,
					errors: 0,
				});
				expectExact(targets, unownedBefore);
			}
		}, 120_000);
	});

	describe('Replace Rows with a write lost at every call position', () => {
		// Rows Nmbrs has before the export, per employee number: [hour code, hours].
		const before: Record<number, Array<[number, number]>> = {
			1001: [
				[1, 3],
				[1, 5],
				[3, 2],
			],
			1002: [
				[1, 8],
				[20, 4],
				[20, 4],
			],
			1003: [[1, 1]],
		};
		const desired: Record<number, Array<[number, number]>> = {
			1001: [
				[1, 6],
				[3, 0],
				[30, 2],
			], // lower across two rows, clear a code, add a code
			1002: [
				[1, 9.5],
				[20, 1],
			], // raise, lower two rows to one
			1003: [[1, 0.5]],
		};
		const CODES = [1, 3, 20, 30];
		const seed = () => {
			f.emulator.reset();
			for (const [emp, rows] of Object.entries(before))
				for (const [hourCode, hours] of rows)
					f.emulator.addHourRow(f.employeeIds[Number(emp)], {
						year: YEAR,
						period: PERIOD,
						hourCode,
						hours,
					});
		};
		const job = (): ExportJob => ({
			year: YEAR,
			period: PERIOD,
			unprotected: false,
			targets: Object.entries(desired).map(([emp, codes]) => ({
				employeeId: f.employeeIds[Number(emp)],
				desired: new Map(codes.map(([c, h]) => [c, Math.round(h * 100)])),
			})),
			ownedCodes: new Set(CODES),
			writeMode: 'replaceRows',
			preview: false,
			comment: 'replace',
		});
		const oneRound = (random: () => number) => ({ ...settings(random), maxRounds: 1 });
		const total = (emp: number, code: number) =>
			f.emulator.totals(f.employeeIds[emp], YEAR, PERIOD)[code] ?? 0;
		const sum = (rows: Array<[number, number]>, code: number) =>
			rows.filter(([c]) => c === code).reduce((a, [, h]) => a + h, 0);

		it('never leaves a total outside [min(old, new), max(old, new)], and a re-run ends exact', async () => {
			seed();
			f.emulator.resetCounters();
			await runExport(api(), job(), oneRound(prng(1)));
			const writes = f.emulator.calls.filter((c) => isWriteCall(c.operation)).length;
			// SOAP inserts an employee's new rows in one batch; REST posts each row.
			expect(writes).toBe(backend === 'soap' ? 7 : 7);
			let checked = 0;
			for (let position = 0; position < writes; position++) {
				for (const kind of ['reset', 'resetAfterApply', 'http500'] as const) {
					seed();
					let seen = 0;
					f.emulator.setFaultRule((call) =>
						isWriteCall(call.operation) && seen++ === position ? { kind } : undefined,
					);
					await runExport(api(), job(), oneRound(prng(position))).catch((error: unknown) => {
						// Only Nmbrs' own answers may stop a run; a lost answer never does.
						throw new Error(`position ${position} ${kind}: ${String(error)}`);
					});
					f.emulator.setFaultRule(undefined);
					for (const emp of [1001, 1002, 1003]) {
						for (const code of CODES) {
							const old = sum(before[emp], code);
							const target = sum(desired[emp], code);
							const now = total(emp, code);
							expect({
								position,
								kind,
								emp,
								code,
								inRange: now >= Math.min(old, target) - 1e-9 && now <= Math.max(old, target) + 1e-9,
							}).toEqual({ position, kind, emp, code, inRange: true });
							checked++;
						}
					}
					await runExport(api(), job(), settings(prng(position)));
					for (const emp of [1001, 1002, 1003])
						for (const code of CODES)
							expect({ position, kind, emp, code, total: total(emp, code) }).toEqual({
								position,
								kind,
								emp,
								code,
								total: sum(desired[emp], code),
							});
				}
			}
			expect(checked).toBe(writes * 3 * 12);
		}, 120_000);
	});

	describe('what the export says when totals do not converge', () => {
		const job = (): ExportJob => ({
			year: YEAR,
			period: PERIOD,
			unprotected: false,
			targets: [{ employeeId: f.employeeIds[1001], desired: new Map([[1, 800]]) }],
			ownedCodes: new Set([1]),
			writeMode: 'correctionLines',
			preview: false,
			comment: 'cause',
		});

		it('names another writer only when the read-back shows writes this export did not make', async () => {
			f.emulator.reset();
			// Someone else adds 1 h on the same code each time this export writes.
			f.emulator.setFaultRule((call) => {
				if (call.operation === INSERT)
					f.emulator.addHourRow(f.employeeIds[1001], {
						year: YEAR,
						period: PERIOD,
						hourCode: 1,
						hours: 1,
					});
				return undefined;
			});
			const [crowded] = await runExport(api(), job(), settings(prng(7)));
			expect(crowded).toMatchObject({ status: 'error', otherWriter: true, unconfirmed: 0 });
			expect(crowded.error).toMatch(/changed during the export in a way this export did not write/);

			f.emulator.reset();
			f.emulator.setFaultRule((call) =>
				call.operation === INSERT ? { kind: 'http500' } : undefined,
			);
			const [lost] = await runExport(api(), job(), settings(prng(7)));
			f.emulator.setFaultRule(undefined);
			expect(lost).toMatchObject({
				status: 'error',
				otherWriter: false,
				unconfirmed: 2,
				writes: 2,
			});
			expect(lost.error).toMatch(/^2 of 2 writes were not confirmed by Nmbrs/);
			expect(lost.error).not.toMatch(/another export/);
		});
	});

	describe('through the n8n node', () => {
		it('a run cut off by failing batches reports it; the next run completes exactly, once', async () => {
			f.emulator.reset();
			const lines = [
				{ emp: 1001, code: 1, hours: 8 },
				{ emp: 1002, code: 1, hours: 7.5 },
				{ emp: 1003, code: 20, hours: 4 },
			];
			const params = exportParams();
			// Every batch is applied but its answer is lost: the export must not re-send blindly.
			f.emulator.setFaultRule((call) =>
				call.operation === INSERT ? { kind: 'resetAfterApply' } : undefined,
			);
			const first = (await f.run(params, lines)).outputOf('Node');
			f.emulator.setFaultRule(undefined);
			expect(first.map((i) => i.json.action)).toEqual(['changed', 'changed', 'changed']);
			expect(f.emulator.calls.filter((c) => c.operation === INSERT)).toHaveLength(
				backend === 'soap' ? 1 : 3,
			);
			expect(f.emulator.totals(f.employeeIds[1002], YEAR, PERIOD)).toEqual({ 1: 7.5 });

			// Now every batch is lost before it is applied: rounds run out and the execution fails,
			// saying the writes failed (a scheduled payroll run must never look green).
			f.emulator.reset();
			f.emulator.setFaultRule((call) =>
				call.operation === INSERT ? { kind: 'reset' } : undefined,
			);
			const failed = await f.run(params, lines);
			expect(failed.error?.message).toMatch(
				/The export could not write everything: 3 employee\(s\) in 2026-10 of Bakkerij De Zon B\.V\. \(101\) still differ from the input \[item 0\]/,
			);
			expect((failed.error as { description?: string }).description).toMatch(
				/6 of 6 writes were not confirmed by Nmbrs .* after 6 write rounds the totals still differ/,
			);
			expect((failed.error as { description?: string }).description).not.toMatch(/another export/);
			// HTTP 503 on every write, with Continue On Fail: one error item per employee, nothing written.
			f.emulator.setFaultRule((call) =>
				call.operation === INSERT ? { kind: 'http500' } : undefined,
			);
			const cut = (await f.run(params, lines, { onError: 'continueRegularOutput' })).outputOf(
				'Node',
			);
			f.emulator.setFaultRule(undefined);
			expect(cut.map((i) => i.json.action)).toEqual(['error', 'error', 'error']);
			expect(cut[0].json.error).toMatch(
				/writes were not confirmed by Nmbrs.*still differ from the input after|after 6 write rounds the totals still differ from the input.*Run the export again/,
			);
			expect(f.emulator.hourRows()).toEqual([]);
			const rerun = (await f.run(params, lines)).outputOf('Node');
			expect(rerun.map((i) => i.json.action)).toEqual(['changed', 'changed', 'changed']);
			expect(f.emulator.totals(f.employeeIds[1001], YEAR, PERIOD)).toEqual({ 1: 8 });
			expect(f.emulator.totals(f.employeeIds[1003], YEAR, PERIOD)).toEqual({ 20: 4 });
		}, 60_000);

		it('two overlapping runs of the node end with exact totals', async () => {
			f.emulator.reset();
			const lines = [1001, 1002, 1003].flatMap((emp) => [
				{ emp, code: 1, hours: 8 },
				{ emp, code: 3, hours: 1.5 },
			]);
			const params = exportParams();
			const runs = await Promise.all([f.run(params, lines), f.run(params, lines)]);
			expect(runs.map((r) => r.error?.message)).toEqual([undefined, undefined]);
			for (const emp of [1001, 1002, 1003])
				expect(f.emulator.totals(f.employeeIds[emp], YEAR, PERIOD)).toEqual({ 1: 8, 3: 1.5 });
		}, 60_000);
	});
});
