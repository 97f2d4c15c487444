// The REST guess matrix: every REST behaviour the public evidence leaves open is a switch in
// the emulator (REST_READING_MATRIX), and the core payroll scenarios run through the real
// n8n engine with the OAuth2 credential under every reading. Each passes, or ends in the clear
// error pinned here with nothing written.
import type { IDataObject } from 'n8n-workflow';

import { REST_READING_MATRIX, type NmbrsReadings } from '../../emulators/nmbrs';
import { isWriteCall } from '../../support/backends';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z');
type Line = { emp: number; code: number; hours: number | string; date?: string };

const october: Line[] = [
	{ emp: 1001, code: 1, hours: 8, date: '2026-10-01' },
	{ emp: 1001, code: 1, hours: '7,5', date: '2026-10-02' },
	{ emp: 1001, code: 3, hours: 1.25, date: '2026-10-02' },
	{ emp: 1002, code: 1, hours: 8, date: '2026-10-01' },
	{ emp: 1002, code: 20, hours: 8, date: '2026-10-05' },
];
// Edit 1001's normal hours down, move overtime (3) to travel (30), withdraw 1002's leave (20).
const edited: Line[] = [
	{ emp: 1001, code: 1, hours: 6, date: '2026-10-01' },
	{ emp: 1001, code: 30, hours: 1.25, date: '2026-10-02' },
	{ emp: 1002, code: 1, hours: 8, date: '2026-10-01' },
];
const MANAGED = { managedHourCodes: '1, 3, 20, 30' };

describe.each(REST_READING_MATRIX)('Nmbrs REST reading: $name', ({ readings }) => {
	const reading = readings as Partial<NmbrsReadings>;
	let f: NmbrsFixture;
	beforeEach(async () => {
		f = await startNmbrsFixture(NOW, 'rest');
		f.emulator.setReadings(reading);
	});
	afterEach(() => f.emulator.close());

	const run = (lines: Line[], extra: IDataObject = {}, options: IDataObject = {}) =>
		f.run(exportParams(extra, options), lines as IDataObject[]);
	const totals = (number: number, period = 10) =>
		f.emulator.totals(f.employeeIds[number], 2026, period);
	const writes = () => f.emulator.calls.filter((c) => isWriteCall(c.operation)).length;
	const lowersRefused = reading.restNegativeHours === 'refused';

	it('exports into the current period, re-exports without writing, and propagates an edit, a move and a withdrawal', async () => {
		const first = await run(october);
		expect(first.error).toBeUndefined();
		expect([totals(1001), totals(1002)]).toEqual([
			{ 1: 15.5, 3: 1.25 },
			{ 1: 8, 20: 8 },
		]);
		f.emulator.resetCounters();
		await run(october);
		expect(writes()).toBe(0);

		const result = await run(edited, {}, MANAGED);
		if (lowersRefused) {
			expect(result.error?.message).toMatch(
				/Nmbrs refused rows with negative hours \(HTTP 400\), so Correction Lines cannot lower totals in period 2026-10 of Bakkerij De Zon B\.V\. \(101\)\. Nothing was written for this period \[item 0\]/,
			);
			expect([totals(1001), totals(1002)]).toEqual([
				{ 1: 15.5, 3: 1.25 },
				{ 1: 8, 20: 8 },
			]);
			// The fix the message names works under the same reading.
			await run(edited, {}, { ...MANAGED, writeMode: 'replaceRows' });
		}
		expect([totals(1001), totals(1002)]).toEqual([{ 1: 6, 30: 1.25 }, { 1: 8 }]);
		f.emulator.resetCounters();
		await run(
			edited,
			{},
			{ ...MANAGED, writeMode: lowersRefused ? 'replaceRows' : 'correctionLines' },
		);
		expect(writes()).toBe(0);
	});

	it('sets days worked to the input whether Nmbrs sets or adds them', async () => {
		f.emulator.setDaysWorked(f.employeeIds[1001], 2026, 10, 3);
		const lines = october.filter((l) => l.emp === 1001);
		await run(lines, {}, { daysWorked: 'distinctDates' });
		expect(f.emulator.daysWorked(f.employeeIds[1001], 2026, 10)).toBe(2);
		expect(f.emulator.daysWorked(f.employeeIds[1002], 2026, 10)).toBe(0);
		f.emulator.resetCounters();
		await run(lines, {}, { daysWorked: 'distinctDates' });
		expect(writes()).toBe(0);
		await run(
			[...lines, { emp: 1001, code: 1, hours: 1, date: '2026-10-09' }],
			{},
			{
				daysWorked: 'distinctDates',
			},
		);
		expect(f.emulator.daysWorked(f.employeeIds[1001], 2026, 10)).toBe(3);
	});

	it('writes into a period with a locked payroll run only where Nmbrs allows it, and says so', async () => {
		f.emulator.addRun(f.companyId, { year: 2026, periodStart: 10, periodEnd: 10, isLocked: true });
		const result = await run(october);
		// The export writes the current period in protected mode, so only 'allow' lets it in.
		if ((reading.restLockedRuns ?? 'refuseUnlessUnprotected') === 'allow') {
			expect(result.error).toBeUndefined();
			expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
			return;
		}
		expect(result.error?.message).toMatch(/^Nmbrs rejected the request \(HTTP 400\)/);
		expect((result.error as { description?: string }).description).toMatch(
			/Nmbrs said: "LockedRun: .*locked payroll run/,
		);
		expect([totals(1001), totals(1002)]).toEqual([{}, {}]);
	});
});
