// The guess matrix: every Nmbrs behaviour the public evidence leaves open is a switch in the
// emulator (test/emulators/nmbrs/readings.ts), and the core payroll scenarios run under every
// reading. Each either passes or ends in the clear error this file pins, with nothing written.
import type { IDataObject } from 'n8n-workflow';

import {
	READING_MATRIX,
	TIMECHIMP_TEMPLATE_OPERATIONS,
	type FaultAction,
	type NmbrsReadings,
} from '../../emulators/nmbrs';
import { prng } from '../../emulators/timechimp/seed';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

// Clock fixed so the demo company's current period is 2026-10 (monthly).
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
const september: Line[] = october.map((l) => ({
	...l,
	date: l.date?.replace('2026-10', '2026-09'),
}));
const TEMPLATE_USER = {
	username: 'template@dezon.example',
	token: 'timechimp-template-token-7',
	domain: 'dezon',
};

describe.each(READING_MATRIX)('Nmbrs reading: $name', ({ readings }) => {
	const reading = readings as Partial<NmbrsReadings>;
	let f: NmbrsFixture;
	beforeEach(async () => {
		f = await startNmbrsFixture(NOW);
		f.emulator.setReadings(reading);
		f.emulator.addUser({ ...TEMPLATE_USER, allowedOperations: TIMECHIMP_TEMPLATE_OPERATIONS });
	});
	afterEach(() => f.emulator.close());

	const run = (
		lines: Line[],
		extra: IDataObject = {},
		options: IDataObject = {},
		credentials?: IDataObject,
	) => f.run(exportParams(extra, options), lines as IDataObject[], { credentials });
	const asTemplateUser = { email: TEMPLATE_USER.username, apiToken: TEMPLATE_USER.token };
	const totals = (number: number, period = 10) =>
		f.emulator.totals(f.employeeIds[number], 2026, period);
	const writes = () => f.emulator.calls.filter((c) => !/Get|List_/.test(c.operation)).length;
	const lowersRefused = reading.negativeHours === 'refused';

	it('exports, re-exports without writing, and propagates an edit, a move and a withdrawal', async () => {
		await run(october);
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
				/Nmbrs refused rows with negative hours \(Nmbrs error 9999\), so Correction Lines cannot lower totals in period 2026-10 of Bakkerij De Zon B\.V\. \(101\)\. Nothing was written for this period \[item 0\]/,
			);
			expect((result.error as { description?: string }).description).toMatch(
				/Write Mode "Replace Rows".*HourComponent_Update and HourComponent_Delete/,
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

	it("imports employees, with the full template and with TimeChimp's", async () => {
		for (const credentials of [undefined, asTemplateUser]) {
			const out = await f.output(
				{ resource: 'employee', operation: 'getMany', options: { referenceDate: '2026-11-25' } },
				undefined,
				{ credentials },
			);
			expect(out.map((i) => [i.json.employeeNumber, i.json.active])).toEqual([
				[1001, true],
				[1002, true],
				[1003, true],
				[1004, false],
				[1006, false],
			]);
			expect(out[0].json).toMatchObject({
				firstName: 'Sanne',
				prefix: 'de',
				lastName: 'Vries',
				email: 'sanne.devries@dezon.example',
			});
		}
		expect(f.emulator.calls.some((c) => c.operation === 'List_GetByCompany')).toBe(false);
	});

	it('reads the current period of a monthly and a 4-weekly company and exports into it', async () => {
		f.emulator.state.setCurrentPeriod(f.companyId, 2026, 3);
		const company4w = { __rl: true, mode: 'id', value: f.emulator.demo!.company4wId };
		const monthly = (await f.output({ resource: 'company', operation: 'getCurrentPeriod' }))[0]
			.json;
		expect(monthly).toMatchObject({ year: 2026, period: 3, periodType: 'M' });
		const w4 = (
			await f.output({ resource: 'company', operation: 'getCurrentPeriod', company: company4w })
		)[0].json;
		expect(w4).toMatchObject({ year: 2026, period: 12, periodType: 'W4', periodsPerYear: 13 });
		const kees = f.emulator.addEmployee(f.emulator.demo!.company4wId, {
			number: 2001,
			firstName: 'Kees',
			prefix: '',
			lastName: 'Smit',
			emailWork: '',
			contracts: [['2020-01-01', '']],
		});
		await run([{ emp: 2001, code: 1, hours: 8 }], { company: company4w });
		expect(f.emulator.totals(kees, 2026, 12)).toEqual({ 1: 8 });
		await run([{ emp: 1001, code: 1, hours: 4 }]);
		expect(totals(1001, 3)).toEqual({ 1: 4 });
	});

	it("protects past periods: stopped by the node, or refused by Nmbrs for TimeChimp's template, nothing written", async () => {
		const stopped = await run(september, { period: 9 });
		expect(stopped.error?.message).toMatch(
			/Period 2026-09 of Bakkerij De Zon B\.V\. \(101\) is before its current period 2026-10; nothing was written \[item 0\]/,
		);
		// TimeChimp's template cannot read the current period: Nmbrs itself refuses the write.
		const refused = await run(september, { year: 2026, period: 9 }, {}, asTemplateUser);
		const code = reading.pastPeriodFault ?? 2011;
		expect(refused.error?.message).toMatch(
			new RegExp(
				`Nmbrs refused to write into period 2026-09 of Bakkerij De Zon B\\.V\\. \\(101\\) \\(Nmbrs error ${code}\\): it is before the company's current period, which Nmbrs protects\\. Nothing was written for this period \\[item 0\\]`,
			),
		);
		expect((refused.error as { description?: string }).description).toMatch(
			/Allow Changes \(Unprotected\)/,
		);
		expect(f.emulator.hourRows()).toEqual([]);
		// Allowed, the past period is written; a later correction there goes through as Nmbrs permits.
		await run(september, { period: 9, pastPeriods: 'allowChanges' });
		expect(totals(1001, 9)).toEqual({ 1: 15.5, 3: 1.25 });
		f.emulator.addHourRow(f.employeeIds[1001], { year: 2026, period: 9, hourCode: 1, hours: 2 });
		// Lowering 17.50 to 2.00 deletes the 15.50 row: a delete, which has no unprotected mode.
		const replaced = await run(
			[{ emp: 1001, code: 1, hours: 2, date: '2026-09-03' }],
			{ period: 9, pastPeriods: 'allowChanges' },
			{ writeMode: 'replaceRows' },
		);
		if (reading.pastDeleteRefused) {
			expect(replaced.error?.message).toMatch(
				new RegExp(
					`Nmbrs refused to delete an hour row in period 2026-09 of Bakkerij De Zon B\\.V\\. \\(101\\), a past period \\(Nmbrs error ${code}\\): Replace Rows cannot change rows there`,
				),
			);
			expect((replaced.error as { description?: string }).description).toMatch(
				/Book Corrections Into Current Period/,
			);
			expect(totals(1001, 9)).toEqual({ 1: 17.5, 3: 1.25 });
		} else {
			expect(replaced.error).toBeUndefined();
			expect(totals(1001, 9)).toEqual({ 1: 2, 3: 1.25 });
		}
	});

	it('takes out withdrawn hours, or says it cannot tell its own rows', async () => {
		const scope = { employeeScope: 'inputAndExported', managedHourCodes: '1, 3, 20' };
		await run(october, {}, scope);
		const result = await run(
			october.filter((l) => l.emp !== 1002),
			{},
			scope,
		);
		if (reading.getReturnsComment === false) {
			expect(result.error?.message).toMatch(
				/needs row comments, which this Nmbrs does not return, so the export cannot tell its own rows from hand-entered ones; nothing was written \[item 0\]/,
			);
			expect(totals(1002)).toEqual({ 1: 8, 20: 8 });
		} else if (lowersRefused) {
			// Taking hours out is a lowering: refused as such, nothing written, and Replace Rows does it.
			expect(result.error?.message).toMatch(/Nmbrs refused rows with negative hours/);
			expect(totals(1002)).toEqual({ 1: 8, 20: 8 });
			await run(
				october.filter((l) => l.emp !== 1002),
				{},
				{ ...scope, writeMode: 'replaceRows' },
			);
			expect(totals(1002)).toEqual({});
		} else {
			expect(result.error).toBeUndefined();
			expect(totals(1002)).toEqual({});
		}
	});

	it('converges after randomized interruptions', async () => {
		const kinds: FaultAction[] = [
			{ kind: 'reset' },
			{ kind: 'resetAfterApply' },
			{ kind: 'http500' },
		];
		let injected = 0;
		for (let seed = 1; seed <= 3; seed++) {
			f.emulator.reset();
			const random = prng(seed * 7919);
			f.emulator.setFaultRule((call) => {
				if (!/Insert|Set_Batch/.test(call.operation) || random() >= 0.5) return undefined;
				injected++;
				return kinds[Math.floor(random() * kinds.length)];
			});
			const raised = october.map((l) => ({
				...l,
				hours: Number(String(l.hours).replace(',', '.')) + seed,
			}));
			for (const lines of [october, raised]) {
				for (let attempt = 1; attempt <= 12; attempt++) {
					const result = await run(lines, {}, { daysWorked: 'distinctDates' });
					if (!result.error && result.outputOf('Node').every((i) => i.json.action !== 'error'))
						break;
				}
			}
			f.emulator.setFaultRule(undefined);
			expect({ seed, totals: [totals(1001), totals(1002)] }).toEqual({
				seed,
				totals: [
					{ 1: 15.5 + 2 * seed, 3: 1.25 + seed },
					{ 1: 8 + seed, 20: 8 + seed },
				],
			});
			expect(f.emulator.daysWorked(f.employeeIds[1001], 2026, 10)).toBe(2);
		}
		expect(injected).toBeGreaterThan(2);
	}, 60_000);
});
