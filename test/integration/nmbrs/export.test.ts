import type { IDataObject } from 'n8n-workflow';

import { BACKENDS, isWriteCall, type Backend } from '../../support/backends';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

// Clock fixed so the demo company's current period is 2026-10 (monthly).
const NOW = new Date('2026-11-25T10:00:00Z');
let f: NmbrsFixture;
let emp: Record<number, string>;
const open = (backend: Backend = 'soap') => {
	beforeEach(async () => {
		f = await startNmbrsFixture(NOW, backend);
		emp = f.employeeIds;
	});
	afterEach(() => f.emulator.close());
};

type Line = { emp: number | string; code: number | string; hours: number | string; date?: string };
const exportLines = (lines: Line[], extra?: IDataObject, options?: IDataObject, onError?: string) =>
	f.run(exportParams(extra, options), lines as IDataObject[], { onError });
const totals = (number: number, period = 10, year = 2026) =>
	f.emulator.totals(emp[number], year, period);
/** Calls that wrote anything, on either API. */
const insertCalls = () => f.emulator.calls.filter((c) => isWriteCall(c.operation)).length;
/** Company-wide reads of each API, which an export makes once per run. */
const COMPANY_READS: Record<Backend, string[]> = {
	soap: [
		'Company_GetCurrentPeriod',
		'HourModel_GetHourCodes',
		'HourModel2_GetHourCodes',
		'PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany',
	],
	rest: [
		'GET /api/companies/{companyId}/period',
		'GET /api/companies/{companyId}/hourcodes',
		'GET /api/companies/{companyId}/employees/personalinfo',
	],
};

const october: Line[] = [
	{ emp: 1001, code: 1, hours: 8, date: '2026-10-01' },
	{ emp: 1001, code: 1, hours: '7,5', date: '2026-10-02' },
	{ emp: 1001, code: 3, hours: 1.25, date: '2026-10-02' },
	{ emp: 1002, code: 1, hours: '8', date: '2026-10-01' },
	{ emp: 1002, code: 20, hours: 8, date: '2026-10-05' },
];

// The same hours dated in September, for exports into period 9.
const september: Line[] = october.map((l) => ({
	...l,
	date: l.date?.replace('2026-10', '2026-09'),
}));

describe.each(BACKENDS)('Hours → Export: the diff, on the %s backend', (backend) => {
	open(backend);
	it('exports the sums per employee and code, and a second run writes nothing', async () => {
		const first = await exportLines(october);
		const out = first.outputOf('Node').map((i) => i.json);
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
		expect(totals(1002)).toEqual({ 1: 8, 20: 8 });
		expect(out.find((o) => o.employeeNumber === 1001)).toMatchObject({
			year: 2026,
			period: 10,
			action: 'changed',
			totalHours: 16.75,
			hourCodes: [
				{
					hourCode: 1,
					description: 'Normale uren',
					desiredHours: 15.5,
					currentHours: 0,
					deltaHours: 15.5,
				},
				{
					hourCode: 3,
					description: expect.stringMatching(/^Overuren 125%/), // REST has one list: model 1's name
					desiredHours: 1.25,
					currentHours: 0,
					deltaHours: 1.25,
				},
			],
		});
		expect(first.outputOf('Node')[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// Company-wide data is read once per run, not once per line.
		for (const op of COMPANY_READS[backend]) {
			expect({ op, calls: f.emulator.calls.filter((c) => c.operation === op).length }).toEqual({
				op,
				calls: 1,
			});
		}
		// SOAP sends the four new rows in one batch; REST has no batch insert: one POST per row.
		expect(insertCalls()).toBe(backend === 'soap' ? 1 : 4);

		f.emulator.resetCounters();
		const again = (await exportLines(october)).outputOf('Node').map((i) => i.json);
		expect(insertCalls()).toBe(0);
		expect(again.map((o) => o.action)).toEqual(['unchanged', 'unchanged']);
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
		// Rows stay as written: one correction row per code, none duplicated.
		expect(f.emulator.hourRows(emp[1001], 2026, 10)).toHaveLength(2);
	});

	it('propagates an edit, a move to another code and a deletion', async () => {
		await exportLines(october);
		const edited: Line[] = [
			{ emp: 1001, code: 1, hours: 6, date: '2026-10-01' }, // edit: 15.5 → 6
			{ emp: 1001, code: 30, hours: 1.25, date: '2026-10-02' }, // moved: overtime (3) → travel (30)
			{ emp: 1002, code: 1, hours: 8, date: '2026-10-01' }, // leave (20) deleted
		];
		// Codes 3 and 20 are no longer in the input: they are owned through Managed Hour Codes.
		await exportLines(edited, {}, { managedHourCodes: '1, 3, 20, 30' });
		expect(totals(1001)).toEqual({ 1: 6, 30: 1.25 });
		expect(totals(1002)).toEqual({ 1: 8 });
		f.emulator.resetCounters();
		await exportLines(edited, {}, { managedHourCodes: '1, 3, 20, 30' });
		expect(insertCalls()).toBe(0);
	});

	it('leaves rows on codes it does not own untouched', async () => {
		const manual = f.emulator.addHourRow(emp[1001], {
			year: 2026,
			period: 10,
			hourCode: 21,
			hours: 4,
			comment: 'entered by payroll admin',
		});
		await exportLines(october);
		await exportLines([{ emp: 1001, code: 1, hours: 2 }]);
		expect(totals(1001)).toEqual({ 1: 2, 3: 1.25, 21: 4 });
		expect(f.emulator.hourRows(emp[1001], 2026, 10).find((r) => r.id === manual)).toMatchObject({
			hourCode: 21,
			hours: 4,
		});
	});

	it('brings employees without lines back to zero with the all-employees scope', async () => {
		await exportLines(october);
		await exportLines(
			[
				{ emp: 1001, code: 1, hours: 15.5 },
				{ emp: 1001, code: 3, hours: 1.25 },
			],
			{},
			{ employeeScope: 'allEmployees', managedHourCodes: '20' },
		);
		expect(totals(1002)).toEqual({});
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
	});

	it('takes out what it wrote for an employee whose hours were withdrawn, and never touches an employee it never wrote for', async () => {
		const scope = { employeeScope: 'inputAndExported', managedHourCodes: '1, 3, 20' };
		f.emulator.addHourRow(emp[1004], {
			year: 2026,
			period: 10,
			hourCode: 1,
			hours: 5,
			comment: 'entered by payroll admin',
		});
		f.emulator.addHourRow(emp[1002], {
			year: 2026,
			period: 10,
			hourCode: 1,
			hours: 2,
			comment: 'entered by payroll admin',
		});
		await exportLines(october, {}, scope);
		expect(totals(1002)).toEqual({ 1: 8, 20: 8 }); // the total is the input, the hand row included
		// 1002's approved hours are rejected in the source: the employee drops out of the input.
		const withdrawn = (
			await exportLines(
				october.filter((l) => l.emp !== 1002),
				{},
				scope,
			)
		)
			.outputOf('Node')
			.map((i) => i.json);
		expect(totals(1002)).toEqual({ 1: 2 });
		expect(totals(1004)).toEqual({ 1: 5 });
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
		expect(withdrawn.find((o) => o.employeeNumber === 1002)).toMatchObject({
			action: 'changed',
			totalHours: 2,
		});
		f.emulator.resetCounters();
		await exportLines(
			october.filter((l) => l.emp !== 1002),
			{},
			scope,
		);
		expect(insertCalls()).toBe(0);
	});

	it('reconciles the period of an empty item: when every entry is withdrawn, what the export wrote comes back out', async () => {
		const scope = { employeeScope: 'inputAndExported', managedHourCodes: '1, 3, 20' };
		f.emulator.addHourRow(emp[1004], {
			year: 2026,
			period: 10,
			hourCode: 1,
			hours: 5,
			comment: 'entered by payroll admin',
		});
		await exportLines(october, {}, scope);
		// The source has nothing left for the period: n8n's Always Output Data sends one empty item.
		const emptied = await f.run(exportParams({}, scope), [{}]);
		expect(emptied.error).toBeUndefined();
		expect([totals(1001), totals(1002), totals(1004)]).toEqual([{}, {}, { 1: 5 }]);
		// With the default scope an empty item changes nothing.
		await exportLines(october);
		f.emulator.resetCounters();
		await f.run(exportParams(), [{}]);
		expect(insertCalls()).toBe(0);
	});

	it('replace-rows mode leaves one row per code', async () => {
		await exportLines(october);
		await exportLines(
			[
				{ emp: 1001, code: 1, hours: 9 },
				{ emp: 1001, code: 1, hours: 1 },
			],
			{},
			{ writeMode: 'replaceRows', managedHourCodes: '3' },
		);
		expect(f.emulator.hourRows(emp[1001], 2026, 10).map((r) => [r.hourCode, r.hours])).toEqual([
			[1, 10],
		]);
		f.emulator.resetCounters();
		await exportLines(
			[{ emp: 1001, code: 1, hours: 10 }],
			{},
			{ writeMode: 'replaceRows', managedHourCodes: '3' },
		);
		expect(f.emulator.calls.filter((c) => isWriteCall(c.operation))).toEqual([]);
	});

	it('sets days worked from distinct dates, only when they change', async () => {
		await exportLines(october, {}, { daysWorked: 'distinctDates' });
		expect(f.emulator.daysWorked(emp[1001], 2026, 10)).toBe(2);
		expect(f.emulator.daysWorked(emp[1002], 2026, 10)).toBe(2);
		f.emulator.resetCounters();
		await exportLines(october, {}, { daysWorked: 'distinctDates' });
		expect(f.emulator.calls.filter((c) => isWriteCall(c.operation))).toHaveLength(0);
	});

	it('sets days worked from a field, and stops when lines disagree', async () => {
		const withDays = october.map((l) => ({ ...l, days: l.emp === 1001 ? 12 : 9 }));
		await exportLines(withDays as Line[], {}, { daysWorked: 'field', daysWorkedField: 'days' });
		expect(f.emulator.daysWorked(emp[1001], 2026, 10)).toBe(12);
		expect(f.emulator.daysWorked(emp[1002], 2026, 10)).toBe(9);
		const conflicting = withDays.map((l, i) => (i === 1 ? { ...l, days: 11 } : l));
		const result = await exportLines(
			conflicting as Line[],
			{},
			{ daysWorked: 'field', daysWorkedField: 'days' },
		);
		expect(result.error?.message).toMatch(
			/Days worked 11 differs from 12 in item 0 of the same employee and period \[item 1\]/,
		);
	});

	it('warns when the period already has a payroll run', async () => {
		// Whether REST refuses writes into a locked run is a reading (rest-readings.test.ts).
		if (backend === 'rest') f.emulator.setReadings({ restLockedRuns: 'allow' });
		f.emulator.addRun(f.companyId, {
			year: 2026,
			periodStart: 10,
			periodEnd: 10,
			description: 'Oktober',
			isLocked: true,
		});
		const result = await exportLines(october);
		expect(result.outputOf('Node')[0].json.payrollRuns).toEqual([
			{ number: expect.any(Number), description: 'Oktober', isLocked: true },
		]);
		expect(JSON.stringify(result.run.data.resultData.runData.Node[0])).toMatch(
			/period 2026-10 already has payroll run \d+ \(locked\)/,
		);
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
	});

	// API user templates are SOAP's (REST has OAuth2 scopes instead).
	if (backend === 'soap')
		it('still exports when the API user template does not allow the payroll-run check', async () => {
			const allowed = [
				'List_GetAll',
				'Company_GetCurrentPeriod',
				'HourModel_GetHourCodes',
				'HourModel2_GetHourCodes',
				'PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany',
				'HourComponentVar_Get',
				'HourComponentVar_Insert_Batch',
			];
			f.emulator.addUser({
				username: 'export@dezon.example',
				token: 'export-only-token-42',
				domain: 'dezon',
				allowedOperations: allowed,
			});
			const result = await f.run(exportParams(), october as IDataObject[], {
				credentials: { email: 'export@dezon.example', apiToken: 'export-only-token-42' },
			});
			expect(result.outputOf('Node').map((i) => i.json.action)).toEqual(['changed', 'changed']);
			expect(JSON.stringify(result.run.data.resultData.runData.Node[0])).toMatch(
				/Could not check for payroll runs.*1002.*Allow Run_GetList/,
			);
			expect(totals(1002)).toEqual({ 1: 8, 20: 8 });
		});

	it('says how much a run takes out, and stops before writing when that passes the limit', async () => {
		await exportLines(october);
		const edited: Line[] = [
			{ emp: 1001, code: 1, hours: 6, date: '2026-10-01' },
			{ emp: 1001, code: 30, hours: 1.25, date: '2026-10-02' },
			{ emp: 1002, code: 1, hours: 8, date: '2026-10-01' },
		];
		f.emulator.resetCounters();
		const stopped = await exportLines(
			edited,
			{},
			{ managedHourCodes: '1, 3, 20, 30', maxDecreaseHours: '18,5' },
		);
		expect(stopped.error?.message).toMatch(
			/This export would lower totals in period 2026-10 of Bakkerij De Zon B\.V\. \(101\) by 18.75 hours in all \(2 employee\(s\); hour codes 1, 3, 20\), more than the 18.50 allowed; nothing was written \[item 0\]/,
		);
		expect((stopped.error as { description?: string }).description).toMatch(
			/hours missing from the input are taken out/,
		);
		expect(insertCalls()).toBe(0);
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
		const allowed = await exportLines(
			edited,
			{},
			{ managedHourCodes: '1, 3, 20, 30', maxDecreaseHours: '18.75' },
		);
		expect(totals(1001)).toEqual({ 1: 6, 30: 1.25 });
		expect(JSON.stringify(allowed.run.data.resultData.runData.Node[0].hints)).toMatch(
			/this export lowered totals by 18.75 hours in all \(2 employee\(s\); hour codes 1, 3, 20\)\. Totals are set to the input/,
		);
		const bad = await exportLines(edited, {}, { maxDecreaseHours: 'lots' });
		expect(bad.error?.message).toMatch(
			/Stop When Totals Would Drop By More Than "lots" is not a number of hours/,
		);
	});

	it('preview computes the plan and writes nothing', async () => {
		const out = (await exportLines(october, { preview: true })).outputOf('Node').map((i) => i.json);
		expect(out.map((o) => o.action)).toEqual(['preview', 'preview']);
		expect(out[0].hourCodes).toEqual([
			{
				hourCode: 1,
				description: 'Normale uren',
				desiredHours: 15.5,
				currentHours: 0,
				deltaHours: 15.5,
			},
			{
				hourCode: 3,
				description: expect.stringMatching(/^Overuren 125%/), // REST has one list: model 1's name
				desiredHours: 1.25,
				currentHours: 0,
				deltaHours: 1.25,
			},
		]);
		expect(f.emulator.hourRows()).toEqual([]);
	});

	it('preview says nothing was written, and what the run would take out', async () => {
		await exportLines(october);
		const result = await exportLines([{ emp: 1001, code: 1, hours: 2 }], { preview: true });
		const hints = JSON.stringify(result.run.data.resultData.runData.Node[0].hints);
		expect(hints).toMatch(/Preview: nothing was written to Nmbrs/);
		expect(hints).toMatch(
			/this export would lower totals by 13.50 hours in all \(1 employee\(s\); hour codes 1\)/,
		);
		expect(totals(1001)).toEqual({ 1: 15.5, 3: 1.25 });
	});
});

describe.each(BACKENDS)('Hours → Export: periods, on the %s backend', (backend) => {
	open(backend);
	it('stops before writing anything for a past period, and says what to do', async () => {
		const result = await exportLines([...september, { emp: 1001, code: 1, hours: 3 }], {
			period: 9,
		});
		expect(result.error?.message).toMatch(
			/Period 2026-09 .* before its current period 2026-10; nothing was written/,
		);
		expect((result.error as { description?: string }).description).toMatch(
			/Allow Changes \(Unprotected\).*Book Corrections Into Current Period/s,
		);
		expect(f.emulator.hourRows()).toEqual([]);
	});

	it('writes a past period with Allow Changes to Past Periods', async () => {
		await exportLines(september, { period: 9, pastPeriods: 'allowChanges' });
		expect(totals(1001, 9)).toEqual({ 1: 15.5, 3: 1.25 });
	});

	it('books corrections for a closed period into the current period, once', async () => {
		await exportLines(september, { period: 9, pastPeriods: 'allowChanges' });
		// September is paid; its hours change afterwards (+2 on code 1 for 1001).
		const lines = [
			...september.map((l) => ({ ...l, period: 9 })),
			{ emp: 1001, code: 1, hours: 2, period: 9 },
			{ emp: 1002, code: 1, hours: 4, period: 10 },
		];
		const run = () =>
			exportLines(lines as Line[], {
				period: '={{ $json.period }}',
				pastPeriods: 'bookInCurrentPeriod',
			});
		const out = (await run()).outputOf('Node').map((i) => i.json);
		expect(totals(1001, 9)).toEqual({ 1: 15.5, 3: 1.25 });
		expect(totals(1001, 10)).toEqual({ 1: 2 });
		expect(totals(1002, 10)).toEqual({ 1: 4 });
		expect(out.find((o) => o.employeeNumber === 1001)).toMatchObject({
			period: 10,
			correctionsFromPeriods: ['2026-09'],
		});
		f.emulator.resetCounters();
		await run();
		expect(insertCalls()).toBe(0);
		expect(totals(1001, 10)).toEqual({ 1: 2 });
	});

	it('accepts period 13 and rejects 14 for a 4-weekly company', async () => {
		const id = backend === 'soap' ? f.emulator.demo!.company4wId : f.emulator.restIds().company4wId;
		const company = { __rl: true, mode: 'id', value: id };
		const w4Employee = f.emulator.addEmployee(f.emulator.demo!.company4wId, {
			number: 2001,
			firstName: 'Kees',
			prefix: '',
			lastName: 'Smit',
			emailWork: 'kees@dezon.example',
			contracts: [['2020-01-01', '']],
		});
		const current = f.emulator.state.companies.get(Number(f.emulator.demo!.company4wId))!;
		await exportLines([{ emp: 2001, code: 1, hours: 8 }], {
			company,
			year: current.currentYear,
			period: 13,
			pastPeriods: 'allowChanges',
		});
		expect(f.emulator.totals(w4Employee, current.currentYear, 13)).toEqual({ 1: 8 });
		const rejected = await exportLines([{ emp: 2001, code: 1, hours: 8 }], {
			company,
			year: current.currentYear,
			period: 14,
			pastPeriods: 'allowChanges',
		});
		if (backend === 'soap')
			expect(rejected.error?.message).toMatch(
				/Period 14 does not exist for a 4-weekly company.*use 1 to 13 \[item 0\]/,
			);
		// REST does not tell the node the period type: Nmbrs itself refuses, and nothing is written.
		else
			expect(rejected.error?.message).toMatch(
				/^The period does not fit the company's period type \(HTTP 400\) \[item 0\]/,
			);
		expect(f.emulator.totals(w4Employee, current.currentYear, 14)).toEqual({});
	});
});

describe('Hours → Export: bad input', () => {
	open();
	const cases: Array<[string, Line, RegExp]> = [
		[
			'an unknown employee',
			{ emp: 4242, code: 1, hours: 8 },
			/No employee with employee number "4242" in this company \[item 2\]/,
		],
		[
			'an hour code outside the hour models',
			{ emp: 1001, code: 99, hours: 8 },
			/Hour code 99 is not in the hour models of Bakkerij De Zon B\.V\. \(101\) \[item 2\]/,
		],
		[
			'a non-numeric hour code',
			{ emp: 1001, code: 'Overtime', hours: 8 },
			/Hour Code "Overtime" is not a whole number \[item 2\]/,
		],
		[
			'hours that are not a number',
			{ emp: 1001, code: 1, hours: 'eight' },
			/Hours "eight" is not a number \[item 2\]/,
		],
	];

	it.each(cases)('stops on %s, names the item and writes nothing', async (_name, bad, message) => {
		const result = await exportLines([october[0], october[3], bad]);
		expect(result.error?.message).toMatch(message);
		expect(f.emulator.hourRows()).toEqual([]);
		expect(f.emulator.calls.filter((c) => c.operation.includes('Insert'))).toEqual([]);
	});

	it('stops on a period out of range', async () => {
		const result = await exportLines(october, { period: 13 });
		expect(result.error?.message).toMatch(
			/Period 13 does not exist for a monthly company in 2026: use 1 to 12 \[item 0\]/,
		);
		expect(f.emulator.hourRows()).toEqual([]);
	});

	it('with Continue On Fail, outputs bad lines and their employee as errors and exports everyone else', async () => {
		const lines: Line[] = [
			...october,
			{ emp: 1001, code: 1, hours: 'x' },
			{ emp: 4242, code: 1, hours: 1 },
		];
		const out = (await exportLines(lines, {}, {}, 'continueRegularOutput')).outputOf('Node');
		const errors = out.filter((i) => i.json.action === 'error');
		expect(errors.map((e) => e.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 5 },
			{ item: 6 },
		]);
		expect(errors[0].json.error).toMatch(
			/Not exported: item 5 of the same employee and period is invalid/,
		);
		expect(totals(1001)).toEqual({});
		expect(totals(1002)).toEqual({ 1: 8, 20: 8 });
		expect(out.find((i) => i.json.employeeNumber === 1002)?.json.action).toBe('changed');
	});

	it('rejects Managed Hour Codes that are not codes', async () => {
		const result = await exportLines(october, {}, { managedHourCodes: '1, leave' });
		expect(result.error?.message).toMatch(/Managed Hour Codes contains "leave"/);
	});
});
