// The bad-input table: every case stops with a message that names the problem and the item,
// and nothing is written to Nmbrs.
import type { IDataObject } from 'n8n-workflow';

import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z'); // demo monthly company: current period 2026-10
let f: NmbrsFixture;
beforeAll(async () => (f = await startNmbrsFixture(NOW)));
afterAll(() => f.emulator.close());
beforeEach(() => f.emulator.resetCounters());

const good = { emp: 1002, code: 1, hours: 8, date: '2026-10-01' };
const line = (over: IDataObject) => ({ emp: 1001, code: 1, hours: 8, date: '2026-10-02', ...over });
type Case = [
	name: string,
	parameters: IDataObject,
	items: IDataObject[] | undefined,
	message: RegExp,
];

const exportCase = (
	name: string,
	bad: IDataObject,
	message: RegExp,
	extra: IDataObject = {},
	options: IDataObject = {},
	goodOver: IDataObject = {},
): Case => [
	`Hours → Export: ${name}`,
	exportParams(extra, options),
	[{ ...good, ...goodOver }, line(bad)],
	message,
];
const byEmail = { employee: { __rl: true, mode: 'email', value: '={{ $json.emp }}' } };
const byId = { employee: { __rl: true, mode: 'employeeId', value: '={{ $json.emp }}' } };
const withDays = { daysWorked: 'field', daysWorkedField: 'days' };
const hoursGet = (over: IDataObject): IDataObject => ({
	resource: 'hours',
	operation: 'get',
	employee: { __rl: true, mode: 'employeeNumber', value: 1001 },
	payrollPeriod: 'specific',
	year: 0,
	period: 0,
	...over,
});

const cases: Case[] = [
	exportCase(
		'an unknown employee number',
		{ emp: 4242 },
		/No employee with employee number "4242" in this company \[item 1\]/,
	),
	exportCase('an empty employee', { emp: '' }, /The employee employee number is empty \[item 1\]/),
	exportCase(
		'a missing employee',
		{ emp: null },
		/The employee employee number is empty \[item 1\]/,
	),
	exportCase(
		'an employee number that is text',
		{ emp: 'Sanne' },
		/No employee with employee number "Sanne" in this company \[item 1\]/,
	),
	exportCase(
		'an unknown work e-mail',
		{ emp: 'nobody@dezon.example' },
		/No employee with work e-mail "nobody@dezon.example" in this company \[item 1\]/,
		byEmail,
		{},
		{ emp: 'jeroen.bakker@dezon.example' },
	),
	exportCase(
		'an empty work e-mail',
		{ emp: '' },
		/The employee work e-mail is empty \[item 1\]/,
		byEmail,
		{},
		{ emp: 'jeroen.bakker@dezon.example' },
	),
	exportCase(
		'an hour code that is a name',
		{ code: 'Overtime' },
		/Hour Code "Overtime" is not a whole number \[item 1\]/,
	),
	exportCase(
		'an hour code outside the hour models',
		{ code: 99 },
		/Hour code 99 is not in the hour models of Bakkerij De Zon B\.V\. \(101\) \[item 1\]/,
	),
	exportCase('an empty hour code', { code: '' }, /Hour Code "" is not a whole number \[item 1\]/),
	exportCase(
		'a negative hour code',
		{ code: -1 },
		/Hour Code "-1" is not a whole number \[item 1\]/,
	),
	exportCase(
		'a decimal hour code',
		{ code: 1.5 },
		/Hour Code "1.5" is not a whole number \[item 1\]/,
	),
	exportCase(
		'an hour code with a comma',
		{ code: '1,5' },
		/Hour Code "1,5" is not a whole number \[item 1\]/,
	),
	exportCase('hours as a word', { hours: 'eight' }, /Hours "eight" is not a number \[item 1\]/),
	exportCase('empty hours', { hours: '' }, /Hours "" is not a number \[item 1\]/),
	exportCase('missing hours', { hours: null }, /Hours "null" is not a number \[item 1\]/),
	exportCase(
		'hours with two commas',
		{ hours: '7,5,0' },
		/Hours "7,5,0" is not a number \[item 1\]/,
	),
	exportCase('hours in exponent form', { hours: '1e3' }, /Hours "1e3" is not a number \[item 1\]/),
	exportCase('hours "NaN"', { hours: 'NaN' }, /Hours "NaN" is not a number \[item 1\]/),
	exportCase('hours with a unit', { hours: '8 h' }, /Hours "8 h" is not a number \[item 1\]/),
	exportCase(
		'hours with a thousands separator',
		{ hours: '1.000,5' },
		/Hours "1.000,5" is not a number \[item 1\]/,
	),
	exportCase(
		'year 1900',
		{ y: 1900 },
		/Year 1900 is not a payroll year: use 2000 to 2099 \[item 1\]/,
		{ year: '={{ $json.y ?? 2026 }}', period: 10 },
	),
	exportCase(
		'year 2100',
		{ y: 2100 },
		/Year 2100 is not a payroll year: use 2000 to 2099 \[item 1\]/,
		{ year: '={{ $json.y ?? 2026 }}', period: 10 },
	),
	exportCase('a year that is text', { y: 'abc' }, /Year "abc" is not a whole number \[item 1\]/, {
		year: '={{ $json.y ?? 2026 }}',
		period: 10,
	}),
	exportCase(
		'a year with decimals',
		{ y: 2026.5 },
		/Year 2026.5 is not a whole number \[item 1\]/,
		{ year: '={{ $json.y ?? 2026 }}', period: 10 },
	),
	exportCase('a negative year', { y: -1 }, /Year -1 is not a whole number \[item 1\]/, {
		year: '={{ $json.y ?? 2026 }}',
		period: 10,
	}),
	exportCase(
		'period 13 of a monthly company',
		{ p: 13 },
		/Period 13 does not exist for a monthly company in 2026: use 1 to 12 \[item 1\]/,
		{ period: '={{ $json.p ?? 10 }}' },
	),
	exportCase('a negative period', { p: -1 }, /Period -1 is not a whole number \[item 1\]/, {
		period: '={{ $json.p ?? 10 }}',
	}),
	exportCase(
		'a period that is text',
		{ p: 'abc' },
		/Period "abc" is not a whole number \[item 1\]/,
		{ period: '={{ $json.p ?? 10 }}' },
	),
	exportCase('a period with decimals', { p: 1.5 }, /Period 1.5 is not a whole number \[item 1\]/, {
		period: '={{ $json.p ?? 10 }}',
	}),
	exportCase(
		'a day-first date',
		{ date: '31-02-2026' },
		/Date "31-02-2026" is not a date \[item 1\]/,
	),
	exportCase('30 February', { date: '2026-02-30' }, /Date "2026-02-30" is not a date \[item 1\]/),
	exportCase('a date as a word', { date: 'tomorrow' }, /Date "tomorrow" is not a date \[item 1\]/),
	exportCase(
		'a date in the next month',
		{ date: '2026-11-05' },
		/Date 2026-11-05 is not in period 2026-10 \[item 1\]/,
	),
	exportCase(
		'a date in the month before',
		{ date: '2026-09-30T23:00:00' },
		/Date 2026-09-30 is not in period 2026-10 \[item 1\]/,
	),
	exportCase(
		'a date in another year',
		{ date: '2025-10-01' },
		/Date 2025-10-01 is not in period 2026-10 \[item 1\]/,
	),
	exportCase(
		'a negative total',
		{ hours: -15 },
		/The hours of this employee on hour code 1 add up to -15.00 in 2026-10, below zero \[item 1\]/,
	),
	exportCase(
		'a negative total on a code not allowed below zero',
		{ hours: -15, code: 3 },
		/on hour code 3 add up to -15.00 in 2026-10, below zero \[item 1\]/,
		{},
		{ negativeTotalCodes: '1' },
	),
	exportCase(
		'days worked that are not whole',
		{ days: 'x' },
		/Field "days" must hold a whole number of days worked, got "x" \[item 1\]/,
		{},
		withDays,
		{ days: 1 },
	),
	exportCase(
		'negative days worked',
		{ days: -2 },
		/Field "days" must hold a whole number of days worked, got -2 \[item 1\]/,
		{},
		withDays,
		{ days: 1 },
	),
	exportCase(
		'missing days worked',
		{},
		/Field "days" must hold a whole number of days worked, got undefined \[item 1\]/,
		{},
		withDays,
		{ days: 1 },
	),
	exportCase(
		'Managed Hour Codes with a name',
		{},
		/Managed Hour Codes contains "leave", which is not an hour code/,
		{},
		{ managedHourCodes: '1, leave' },
	),
	exportCase(
		'Hour Codes That May Total Below Zero with a name',
		{},
		/Hour Codes That May Total Below Zero contains "abc", which is not an hour code/,
		{},
		{ negativeTotalCodes: 'abc' },
	),
	exportCase('a company ID that is text', {}, /Company ID "abc" is not a number \[item 0\]/, {
		company: { __rl: true, mode: 'id', value: '={{ "abc" }}' },
	}),
	exportCase(
		'a company the login cannot see',
		{},
		/Nmbrs does not know this company, or the user may not see it \(Nmbrs error 2004\)/,
		{ company: { __rl: true, mode: 'id', value: '31337' } },
	),
	exportCase(
		'a past period',
		{ date: '2026-09-02' },
		/Period 2026-09 of Bakkerij De Zon B\.V\. \(101\) is before its current period 2026-10; nothing was written \[item 0\]/,
		{ period: 9 },
		{},
		{ date: '2026-09-01' },
	),
	[
		'Hours → Export: days worked that differ within one employee and period',
		exportParams({}, withDays),
		[line({ days: 3 }), line({ days: 4 })],
		/Days worked 4 differs from 3 in item 0 of the same employee and period \[item 1\]/,
	],
	[
		'Hours → Export: an unknown employee ID',
		exportParams(byId),
		[line({ emp: 999 })],
		/No employee with employee ID "999" in this company \[item 0\]/,
	],
	[
		'Hours → Export: two lines that together go below zero',
		exportParams(),
		[line({ hours: 5 }), line({ hours: -20 })],
		/The hours of this employee on hour code 1 add up to -15.00 in 2026-10, below zero \[item 0\]/,
	],
	[
		'Hours → Get: an unknown employee',
		hoursGet({ employee: { __rl: true, mode: 'employeeNumber', value: 4242 } }),
		undefined,
		/No employee with employee number "4242" in this company \[item 0\]/,
	],
	[
		'Hours → Get: an empty employee',
		hoursGet({ employee: { __rl: true, mode: 'employeeNumber', value: '={{ "" }}' } }),
		undefined,
		/The employee employee number is empty \[item 0\]/,
	],
	[
		'Hours → Get: period 13',
		hoursGet({ year: 2026, period: 13 }),
		undefined,
		/Period 13 does not exist for a monthly company in 2026: use 1 to 12 \[item 0\]/,
	],
	[
		'Hours → Get: a year that is text',
		hoursGet({ year: 'abc', period: 10 }),
		undefined,
		/Year "abc" is not a whole number \[item 0\]/,
	],
	[
		'Hours → Get: year 1900',
		hoursGet({ year: 1900, period: 10 }),
		undefined,
		/Year 1900 is not a payroll year: use 2000 to 2099 \[item 0\]/,
	],
	[
		'Employee → Get Many: a reference date that is not a date',
		{ resource: 'employee', operation: 'getMany', options: { referenceDate: '31-02-2026' } },
		undefined,
		/Reference Date "31-02-2026" is not a date \[item 0\]/,
	],
	[
		'Company → Get Current Period: a company ID that is text',
		{
			resource: 'company',
			operation: 'getCurrentPeriod',
			company: { __rl: true, mode: 'id', value: '={{ "x1" }}' },
		},
		undefined,
		/Company ID "x1" is not a number \[item 0\]/,
	],
];

describe('bad input is refused with a clear message, and nothing is written', () => {
	it('has at least 50 cases', () => expect(cases.length).toBeGreaterThanOrEqual(50));

	it.each(cases)('%s', async (_name, parameters, items, message) => {
		const result = await f.run(parameters, items);
		expect(result.error?.message).toMatch(message);
		expect(
			f.emulator.calls.filter((c) => /Insert|Update|Delete|Set_Batch|Clear/.test(c.operation)),
		).toEqual([]);
		expect(f.emulator.hourRows()).toEqual([]);
	});
});
