// Two exports of the same company and period at once. In one n8n process they take turns (a
// per-process lock); across processes (two n8n instances, queue-mode workers) the engine's
// randomized, growing read-back pauses pull them out of lock step. Either way: exact totals.
import type { IDataObject } from 'n8n-workflow';

import {
	runExport,
	type EngineSettings,
	type ExportJob,
} from '../../../nodes/Nmbrs/app/exportEngine';
import { ENGINE_SETTINGS } from '../../../nodes/Nmbrs/v1/actions/hours/export.operation';
import { createNmbrsApi } from '../../../nodes/Nmbrs/transport';
import { prng } from '../../emulators/timechimp/seed';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z');
const YEAR = 2026;
const PERIOD = 10;
let f: NmbrsFixture;
beforeAll(async () => (f = await startNmbrsFixture(NOW)));

/** A fresh demo company with 15 employees in all, as in the reported lock-step case. */
function resetWithStaff(): string[] {
	f.emulator.reset();
	for (let n = 0; n < 9; n++) {
		f.emulator.addEmployee(f.companyId, {
			number: 3000 + n,
			firstName: `Extra${n}`,
			prefix: '',
			lastName: 'Test',
			emailWork: '',
			contracts: [['2020-01-01', '']],
		});
	}
	return [...f.emulator.state.employees.values()]
		.filter((e) => String(e.companyId) === f.companyId)
		.map((e) => String(e.id));
}
afterAll(() => f.emulator.close());

const api = () => createNmbrsApi(f.credentials() as never);

describe('overlapping exports', () => {
	it('across processes: 50 pairs at 150 ms per call, 15 employees, all exact and none failed', async () => {
		// The shipped engine settings, as every n8n process runs them; only the randomness is seeded.
		f.emulator.latencyMs = 150;
		let failed = 0;
		try {
			for (let pair = 1; pair <= 50; pair++) {
				const staff = resetWithStaff();
				expect(staff).toHaveLength(15);
				const random = prng(5000 + pair);
				const job: ExportJob = {
					year: YEAR,
					period: PERIOD,
					unprotected: false,
					targets: staff.map((employeeId) => ({
						employeeId,
						desired: new Map([[1, 800 + Math.round(random() * 8) * 25]]),
					})),
					ownedCodes: new Set([1]),
					writeMode: 'correctionLines',
					preview: false,
					comment: 'overlap',
				};
				const settings = (seed: number): EngineSettings => ({
					...ENGINE_SETTINGS,
					random: prng(seed),
				});
				const [a, b] = await Promise.all([
					runExport(api(), job, settings(pair * 2)),
					runExport(api(), job, settings(pair * 2 + 1)),
				]);
				failed += [...a, ...b].filter((o) => o.status === 'error').length;
				for (const t of job.targets) {
					expect({
						pair,
						employee: t.employeeId,
						total: f.emulator.totals(t.employeeId, YEAR, PERIOD)[1],
					}).toEqual({ pair, employee: t.employeeId, total: t.desired.get(1)! / 100 });
				}
			}
		} finally {
			f.emulator.latencyMs = 0;
		}
		expect(failed).toBe(0);
	}, 600_000);

	it('in one process: two runs of the node take turns, so the second writes nothing', async () => {
		f.emulator.reset();
		f.emulator.latencyMs = 20;
		const lines = [1001, 1002, 1003].flatMap((emp) => [
			{ emp, code: 1, hours: 8 },
			{ emp, code: 3, hours: 1.5 },
		]) as IDataObject[];
		const [first, second] = await Promise.all([
			f.run(exportParams(), lines),
			f.run(exportParams(), lines),
		]);
		f.emulator.latencyMs = 0;
		expect(first.error ?? second.error).toBeUndefined();
		for (const emp of [1001, 1002, 1003])
			expect(f.emulator.totals(f.employeeIds[emp], YEAR, PERIOD)).toEqual({ 1: 8, 3: 1.5 });
		// One batch of writes in all, and no correction rounds: the second export saw the first's result.
		expect(
			f.emulator.calls.filter((c) => c.operation === 'HourComponentVar_Insert_Batch'),
		).toHaveLength(1);
		const actions = [first, second].map((r) => r.outputOf('Node').map((i) => i.json.action));
		expect(actions.sort()).toEqual([
			['changed', 'changed', 'changed'],
			['unchanged', 'unchanged', 'unchanged'],
		]);
	}, 60_000);
});
