// How payroll people choose in the editor: companies by name and number, employees and hour codes
// from lists, Return All / Limit, and the period as Current, Previous, Specific or each line's
// date. Lists are filled by n8n-core's real LoadOptionsContext; runs go through WorkflowExecute;
// both over loopback HTTP against the emulator, on both backends.
import type { IDataObject, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { BACKENDS, isWriteCall, type Backend } from '../../support/backends';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

// Clock fixed so the demo company's current period is 2026-10 (monthly).
const NOW = new Date('2026-11-25T10:00:00Z');
let f: NmbrsFixture;
const open = (backend: Backend) => {
	beforeEach(async () => {
		f = await startNmbrsFixture(NOW, backend);
	});
	afterEach(() => f.emulator.close());
};
const totals = (number: number, period = 10, year = 2026) =>
	f.emulator.totals(f.employeeIds[number], year, period);
const writes = () => f.emulator.calls.filter((c) => isWriteCall(c.operation)).length;

describe.each(BACKENDS)('lists in the editor, on the %s backend', (backend) => {
	open(backend);

	it('lists companies by name and number, with the ID they store', async () => {
		const { results } = (await f.list(
			{ resource: 'company', operation: 'getCurrentPeriod' },
			{
				listSearch: 'searchCompanies',
			},
		)) as INodeListSearchResult;
		const zon = results.find((r) => r.value === f.companyId)!;
		expect(zon.name).toBe(`Bakkerij De Zon B.V. (101) · ID ${f.companyId}`);
		const found = (await f.list(
			{ resource: 'company', operation: 'getCurrentPeriod' },
			{ listSearch: 'searchCompanies', filter: '102' },
		)) as INodeListSearchResult;
		expect(found.results.map((r) => r.name)).toEqual([
			expect.stringMatching(/^De Zon Logistiek B\.V\. \(102\) · ID /),
		]);
	});

	it("lists the company's employees by name and number; the chosen one is read by ID", async () => {
		const params = { resource: 'hours', operation: 'get' };
		const { results } = (await f.list(params, {
			listSearch: 'searchEmployees',
			filter: 'sanne',
		})) as INodeListSearchResult;
		expect(results).toEqual([{ name: 'Sanne de Vries (1001)', value: f.employeeIds[1001] }]);
		f.emulator.addHourRow(f.employeeIds[1001], { year: 2026, period: 10, hourCode: 1, hours: 3 });
		const out = await f.output({
			...params,
			employee: { __rl: true, mode: 'list', value: results[0].value },
		});
		expect(out[0].json).toMatchObject({
			employeeNumber: 1001,
			year: 2026,
			period: 10,
			totals: [{ hourCode: 1, hours: 3 }],
		});
	});

	it("offers the chosen company's hour codes, and an export with a code picked from them", async () => {
		const params = exportParams({ hourCode: '' });
		const options = (await f.list(params, {
			loadOptions: 'getHourCodes',
		})) as INodePropertyOptions[];
		expect(options.map((o) => o.name)).toEqual(
			backend === 'soap'
				? [
						'1 – Normale uren',
						'2 – Overuren 100%',
						'3 – Overuren 125% (toeslag)',
						'20 – Verlofuren',
						'21 – Ziekte-uren',
						'30 – Reisuren',
					]
				: expect.arrayContaining(['1 – Normale uren', '20 – Verlofuren']),
		);
		const picked = options.find((o) => o.name.startsWith('20 '))!.value;
		await f.run(exportParams({ hourCode: picked }), [
			{ emp: 1001, hours: 8, date: '2026-10-05' },
		] as IDataObject[]);
		expect(totals(1001)).toEqual({ 20: 8 });
	});
});

describe.each(BACKENDS)('Return All / Limit, on the %s backend', (backend) => {
	open(backend);

	it('returns up to Limit, or everything with Return All', async () => {
		for (const resource of ['employee', 'hourCode', 'company']) {
			const params = { resource, operation: 'getMany', options: { includeWithoutEmail: true } };
			const all = await f.output({ ...params, returnAll: true });
			const two = await f.output({ ...params, returnAll: false, limit: 2 });
			expect({ resource, more: all.length > 2, two: two.map((i) => i.json) }).toEqual({
				resource,
				more: resource === 'company' ? all.length > 2 : true,
				two: all.slice(0, 2).map((i) => i.json),
			});
		}
		// The default is n8n's: 50.
		const defaults = await f.output({ resource: 'employee', operation: 'getMany' });
		expect(defaults.length).toBeLessThanOrEqual(50);
	});
});

describe.each(BACKENDS)('the Period choice, on the %s backend', (backend) => {
	open(backend);
	const line = (emp: number, hours: number, date: string) => ({ emp, code: 1, hours, date });

	it('Current Period (the default) and Previous Period', async () => {
		const params = exportParams();
		delete params.payrollPeriod;
		delete params.year;
		delete params.period;
		await f.run(params, [line(1001, 8, '2026-10-01')] as IDataObject[]);
		expect(totals(1001, 10)).toEqual({ 1: 8 });
		await f.run({ ...params, payrollPeriod: 'previous', pastPeriods: 'allowChanges' }, [
			line(1001, 5, '2026-09-01'),
		] as IDataObject[]);
		expect([totals(1001, 9), totals(1001, 10)]).toEqual([{ 1: 5 }, { 1: 8 }]);
	});

	it("From Each Line's Date: each line into its own period, or a clear stop where the period type is unknown", async () => {
		const lines = [line(1001, 8, '2026-10-01'), line(1001, 4, '2026-09-30')];
		const result = await f.run(
			exportParams({ payrollPeriod: 'fromDate', pastPeriods: 'allowChanges' }),
			lines as IDataObject[],
		);
		if (backend === 'soap') {
			expect(result.error).toBeUndefined();
			expect([totals(1001, 9), totals(1001, 10)]).toEqual([{ 1: 4 }, { 1: 8 }]);
			return;
		}
		// Nmbrs' REST API does not say whether a company is monthly, 4-weekly or weekly.
		expect(result.error?.message).toBe(
			"The company's period type (monthly, 4-weekly or weekly) is not known, so a date cannot be mapped to a period [item 0]",
		);
		expect(writes()).toBe(0);
	});

	it("From Each Line's Date needs a date on every line", async () => {
		const result = await f.run(exportParams({ payrollPeriod: 'fromDate' }), [
			{ emp: 1001, code: 1, hours: 8, date: '' },
		] as IDataObject[]);
		expect(result.error?.message).toBe(
			'This line has no date, so its period cannot be taken from it [item 0]',
		);
		expect(writes()).toBe(0);
	});

	it('Past Periods → Stop names the company and stops before writing', async () => {
		const result = await f.run(exportParams({ payrollPeriod: 'previous' }), [
			line(1001, 5, '2026-09-01'),
		] as IDataObject[]);
		expect(result.error?.message).toBe(
			'Period 2026-09 of Bakkerij De Zon B.V. (101) is before its current period 2026-10; nothing was written [item 0]',
		);
		expect(writes()).toBe(0);
	});

	it("takes the company number as the credential's Administration", async () => {
		await f.run(exportParams(), [line(1002, 6, '2026-10-02')] as IDataObject[], {
			credentials: { administration: '101' },
		});
		expect(totals(1002)).toEqual({ 1: 6 });
		const unknown = await f.run(exportParams(), [line(1002, 6, '2026-10-02')] as IDataObject[], {
			credentials: { administration: '999' },
		});
		expect(unknown.error?.message).toBe(
			'The Administration "999" of the Nmbrs credential is not the number or ID of a company this login can see [item 0]',
		);
	});

	it('matches employees by work e-mail when the Employee field says so', async () => {
		await f.run(
			exportParams({
				employee: { __rl: true, mode: 'email', value: '={{ $json.email }}' },
			}),
			[{ email: 'Sanne.DeVries@dezon.example', code: 1, hours: 7, date: '2026-10-03' }],
		);
		expect(totals(1001)).toEqual({ 1: 7 });
	});
});
