import { startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

let f: NmbrsFixture;
beforeAll(async () => (f = await startNmbrsFixture()));
afterAll(() => f.emulator.close());

describe('Employee → Get Many (import employees)', () => {
	it('joins the latest personal info with contracts; no contract = inactive; no work e-mail = left out', async () => {
		const out = await f.output({
			resource: 'employee',
			operation: 'getMany',
			options: { referenceDate: '2026-11-25' },
		});
		const byNumber = Object.fromEntries(out.map((i) => [i.json.employeeNumber, i.json]));
		expect(Object.keys(byNumber).sort()).toEqual(['1001', '1002', '1003', '1004', '1006']);
		// Latest personal-info record wins: Sanne married in 2023.
		expect(byNumber[1001]).toMatchObject({
			firstName: 'Sanne',
			prefix: 'de',
			lastName: 'Vries',
			email: 'sanne.devries@dezon.example',
			active: true,
			contractStartDate: '2021-03-01',
			contractEndDate: null,
		});
		expect(byNumber[1003]).toMatchObject({
			email: 'fatima.elamrani@dezon.example',
			active: true,
			contractStartDate: '2024-01-01',
		});
		expect(byNumber[1004]).toMatchObject({ active: false, contractEndDate: '2025-06-30' });
		expect(byNumber[1006]).toMatchObject({
			active: false,
			contractStartDate: null,
			contractEndDate: null,
		});
		expect(out.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
		const hints = JSON.stringify(
			(await f.run({ resource: 'employee', operation: 'getMany', options: {} })).run.data.resultData
				.runData.Node[0],
		);
		expect(hints).toMatch(
			/1 employee\(s\) of company \d+ left out: no work e-mail in Nmbrs \(1005\)/,
		);
	});

	it('includes employees without work e-mail, flagged, on request', async () => {
		const out = await f.output({
			resource: 'employee',
			operation: 'getMany',
			options: { includeWithoutEmail: true },
		});
		expect(out.find((i) => i.json.employeeNumber === 1005)?.json).toMatchObject({
			email: '',
			importable: false,
		});
	});

	it('filters to active employees on a reference date', async () => {
		const out = await f.output({
			resource: 'employee',
			operation: 'getMany',
			options: { onlyActive: true, referenceDate: '2025-01-15' },
		});
		expect(out.map((i) => i.json.employeeNumber).sort()).toEqual([1001, 1002, 1003, 1004]);
	});
});
