// TimeChimp's Nmbrs API user template is the baseline most users already have: exactly eight
// operations. Everything the package needs for its core must work with those; every other
// right is an extra whose absence is said in a hint, not a failure.
import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { nmbrsApiTest } from '../../../nodes/Nmbrs/v1/methods/credentialTest';
import { TIMECHIMP_TEMPLATE_OPERATIONS } from '../../emulators/nmbrs';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z'); // demo monthly company: current period 2026-10
const USER = {
	username: 'timechimp@dezon.example',
	token: 'timechimp-template-token-31',
	domain: 'dezon',
};
const PLANTED_BSN = '999990019';

let f: NmbrsFixture;
const logs: string[] = [];
beforeAll(async () => {
	f = await startNmbrsFixture(NOW);
	f.emulator.addUser({ ...USER, allowedOperations: TIMECHIMP_TEMPLATE_OPERATIONS });
	for (const e of f.emulator.state.employees.values()) e.bsn = PLANTED_BSN;
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest
			.spyOn(console, method)
			.mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
	}
});
afterAll(async () => {
	jest.restoreAllMocks();
	await f.emulator.close();
});
beforeEach(() => f.emulator.resetCounters());

const asTemplate = { email: USER.username, apiToken: USER.token };
const run = (parameters: IDataObject, items?: IDataObject[]) =>
	f.run(parameters, items, { credentials: asTemplate });
const hints = (result: Awaited<ReturnType<typeof run>>) =>
	JSON.stringify(result.run.data.resultData.runData.Node?.[0] ?? {});
/** Every call the run made was allowed, apart from the extras it tried once and then did without. */
const refusedCalls = () =>
	f.emulator.calls
		.filter((c) => !TIMECHIMP_TEMPLATE_OPERATIONS.includes(`${c.service}.${c.operation}`))
		.map((c) => c.operation);
const seen: string[] = [];
const remember = (result: Awaited<ReturnType<typeof run>>) => {
	seen.push(JSON.stringify(result.run));
	return result;
};
const october = [
	{ emp: 1001, code: 1, hours: 8, date: '2026-10-01' },
	{ emp: 1001, code: 3, hours: 1.25, date: '2026-10-02' },
	{ emp: 1002, code: 1, hours: '7,5', date: '2026-10-01' },
];

describe("TimeChimp's API user template (8 operations)", () => {
	it('passes the credential test', async () => {
		const result = await nmbrsApiTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'Nmbrs',
			type: 'nmbrsApi',
			data: f.credentials(asTemplate) as never,
		});
		expect(result).toEqual({
			status: 'OK',
			message: 'Connection successful: Bakkerij De Zon B.V. (101)',
		});
	});

	it('lists companies and hour codes', async () => {
		const companies = remember(await run({ resource: 'company', operation: 'getMany' })).outputOf(
			'Node',
		);
		expect(companies.map((i) => i.json.companyNumber)).toEqual([101, 102]);
		const codes = remember(await run({ resource: 'hourCode', operation: 'getMany' })).outputOf(
			'Node',
		);
		expect(codes.map((i) => i.json.code)).toEqual([1, 2, 3, 20, 21, 30]);
		expect(refusedCalls()).toEqual([]);
	});

	it('imports employees from the personal-info read that carries the BSN, and drops it', async () => {
		const result = remember(
			await run({
				resource: 'employee',
				operation: 'getMany',
				options: { referenceDate: '2026-11-25', includeWithoutEmail: true },
			}),
		);
		expect(result.outputOf('Node').map((i) => i.json.employeeNumber)).toEqual([
			1001, 1002, 1003, 1004, 1005, 1006,
		]);
		expect(result.outputOf('Node')[0].json).toMatchObject({
			firstName: 'Sanne',
			email: 'sanne.devries@dezon.example',
			active: true,
		});
		// The BSN-free read is tried once per session, then the template's read is used.
		expect(refusedCalls()).toEqual(['PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany']);
		expect(f.emulator.calls.map((c) => c.operation)).toContain(
			'PersonalInfo_GetAll_AllEmployeesByCompany',
		);
	});

	it.each([
		['without days worked', {}],
		['with days worked', { daysWorked: 'distinctDates' }],
	])(
		'exports Correction Lines %s, with year and period given, and says what it did without',
		async (_name, options) => {
			f.emulator.reset();
			f.emulator.addUser({ ...USER, allowedOperations: TIMECHIMP_TEMPLATE_OPERATIONS });
			for (const e of f.emulator.state.employees.values()) e.bsn = PLANTED_BSN;
			const params = exportParams({ year: 2026, period: 10 }, options);
			const first = remember(await run(params, october));
			expect(first.error).toBeUndefined();
			expect(f.emulator.totals(f.employeeIds[1001], 2026, 10)).toEqual({ 1: 8, 3: 1.25 });
			expect(f.emulator.totals(f.employeeIds[1002], 2026, 10)).toEqual({ 1: 7.5 });
			expect(hints(first)).toMatch(
				/may not read the current period \(Company_GetCurrentPeriod\), so past periods are not checked before writing/,
			);
			expect(hints(first)).toMatch(/Could not check for payroll runs.*Allow Run_GetList/);
			if ('daysWorked' in options) {
				expect(f.emulator.daysWorked(f.employeeIds[1001], 2026, 10)).toBe(2);
				expect(first.outputOf('Node')[0].json.daysWorked).toEqual({ desired: 2, current: null });
				expect(hints(first)).toMatch(
					/set without reading them first: this Nmbrs API user may not call DaysVar_Get/,
				);
			}
			// Re-running adds no hour rows (days are set again: setting is idempotent).
			f.emulator.resetCounters();
			const again = remember(await run(params, october));
			expect(again.outputOf('Node').map((i) => i.json.hourCodes)).toEqual(
				first.outputOf('Node').map((i) =>
					(i.json.hourCodes as IDataObject[]).map((c) => ({
						...c,
						currentHours: c.desiredHours,
						deltaHours: 0,
					})),
				),
			);
			expect(
				f.emulator.calls.filter((c) => c.operation === 'HourComponentVar_Insert_Batch'),
			).toHaveLength(0);
			expect(f.emulator.totals(f.employeeIds[1001], 2026, 10)).toEqual({ 1: 8, 3: 1.25 });
		},
	);

	it('asks for year and period when "current period" cannot be read, and writes nothing', async () => {
		const result = remember(await run(exportParams(), october));
		expect(result.error?.message).toMatch(
			/Year or Period is 0 \(the company's current period\), but this Nmbrs API user may not read the current period \(Company_GetCurrentPeriod\) \[item 0\]/,
		);
		expect((result.error as { description?: string }).description).toMatch(
			/Give both Year and Period Number, or allow Company_GetCurrentPeriod/,
		);
		expect(f.emulator.calls.filter((c) => /Insert|Set_Batch/.test(c.operation))).toEqual([]);
	});

	it('refuses the settings that need the current period, before writing', async () => {
		for (const [extra, options] of [
			[{ pastPeriods: 'bookInCurrentPeriod' }, {}],
			[{}, { writeMode: 'replaceRows' }],
		]) {
			const result = remember(
				await run(exportParams({ year: 2026, period: 10, ...extra }, options), october),
			);
			expect(result.error?.message).toMatch(
				/needs the company's current period, but this Nmbrs API user may not read it \(Company_GetCurrentPeriod\); nothing was written/,
			);
		}
		expect(
			f.emulator.calls.filter((c) => /Insert|Update|Delete|Set_Batch/.test(c.operation)),
		).toEqual([]);
	});

	it("gets an employee's hours", async () => {
		const result = remember(
			await run({
				resource: 'hours',
				operation: 'get',
				employee: { __rl: true, mode: 'employeeNumber', value: 1001 },
				payrollPeriod: 'specific',
				year: 2026,
				period: 10,
			}),
		);
		expect(result.outputOf('Node')[0].json).toMatchObject({
			employeeNumber: 1001,
			year: 2026,
			period: 10,
			totals: [
				{ hourCode: 1, hours: 8 },
				{ hourCode: 3, hours: 1.25 },
			],
		});
	});

	it('never lets the BSN out: not in any output, hint, error or log', () => {
		// The runs above read PersonalInfo_GetAll_AllEmployeesByCompany, which carries the planted BSN.
		expect(seen.length).toBeGreaterThanOrEqual(8);
		for (const text of [...seen, ...logs]) expect(text).not.toContain(PLANTED_BSN);
		expect(seen.join('\n')).not.toContain(USER.token);
	});
});
