import { DEMO_COMPANY, DEMO_COMPANY_4W, previousMonth } from '../../emulators/demo-data';
import { startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

let f: NmbrsFixture;
const now = new Date();
beforeAll(async () => (f = await startNmbrsFixture(now)));
afterAll(() => f.emulator.close());

describe('Nmbrs node: companies and hour codes (in-process n8n, emulator over loopback)', () => {
	it('lists the companies the credential can see', async () => {
		const out = await f.output({ resource: 'company', operation: 'getMany' });
		expect(out.map((i) => i.json.name).sort()).toEqual(
			[DEMO_COMPANY.name, DEMO_COMPANY_4W.name].sort(),
		);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out.find((i) => i.json.name === DEMO_COMPANY.name)?.json).toMatchObject({
			companyId: f.companyId,
			companyNumber: DEMO_COMPANY.number,
		});
	});

	it("gets the current period, defaulting to the credential's administration", async () => {
		const out = await f.output({ resource: 'company', operation: 'getCurrentPeriod' });
		const prev = previousMonth(now);
		expect(out.map((i) => i.json)).toEqual([
			{
				companyId: f.companyId,
				year: prev.year,
				period: prev.month,
				periodType: 'M',
				periodsPerYear: 12,
				startDate: `${prev.year}-${String(prev.month).padStart(2, '0')}-01`,
				endDate: new Date(Date.UTC(prev.year, prev.month, 0)).toISOString().slice(0, 10),
			},
		]);
	});

	it('gets the current period of a company chosen by ID (4-weekly)', async () => {
		const id = f.emulator.demo!.company4wId;
		const out = await f.output({
			resource: 'company',
			operation: 'getCurrentPeriod',
			company: { __rl: true, mode: 'id', value: id },
		});
		expect(out[0].json).toMatchObject({ companyId: id, periodType: 'W4', periodsPerYear: 13 });
		// 4-weekly periods are four ISO weeks, Monday to Sunday (the reading in domain/periods.ts).
		const { startDate, endDate } = out[0].json as { startDate: string; endDate: string };
		expect([new Date(startDate).getUTCDay(), new Date(endDate).getUTCDay()]).toEqual([1, 0]);
		expect((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000).toBeGreaterThanOrEqual(27);
	});

	it('merges hour models 1 and 2 by code, model 2 naming shared codes', async () => {
		const out = await f.output({ resource: 'hourCode', operation: 'getMany', hourModel: 'both' });
		const codes = out.map((i) => i.json);
		expect(codes.map((c) => c.code)).toEqual([1, 2, 3, 20, 21, 30]);
		expect(codes.find((c) => c.code === 3)).toMatchObject({
			description: 'Overuren 125% (toeslag)',
			hourModel: 2,
			hourModels: [1, 2],
		});
		expect(codes.find((c) => c.code === 1)).toMatchObject({
			description: 'Normale uren',
			hourModel: 1,
			hourModels: [1],
		});
	});

	it('lists one hour model on request', async () => {
		const out = await f.output({ resource: 'hourCode', operation: 'getMany', hourModel: '2' });
		expect(out.map((i) => i.json.code)).toEqual([3, 30]);
	});

	it('says what to do for an unknown company', async () => {
		const result = await f.run({
			resource: 'company',
			operation: 'getCurrentPeriod',
			company: { __rl: true, mode: 'id', value: '999999' },
		});
		expect(result.error?.message).toMatch(/does not know this company.*2004.*\[item 0\]/);
		expect((result.error as { description?: string }).description).toMatch(/Pick the company/);
	});

	it('returns error items with Continue On Fail', async () => {
		const out = await f.output(
			{
				resource: 'company',
				operation: 'getCurrentPeriod',
				company: { __rl: true, mode: 'id', value: '999999' },
			},
			undefined,
			{ onError: 'continueRegularOutput' },
		);
		expect(out).toEqual([
			{ json: { error: expect.stringMatching(/2004/) }, pairedItem: { item: 0 } },
		]);
	});
});
