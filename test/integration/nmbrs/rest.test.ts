// What only the REST backend has: OAuth2 tokens that expire and rotate, the subscription key,
// paging, 429 with Retry-After, the multi-debtor fallback, companies named by number, and
// rows shared with SOAP. Through the real n8n engine, which refreshes the tokens itself.
import type { IDataObject } from 'n8n-workflow';

import { isHoursRead } from '../../support/backends';
import { exportParams, startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z');
let f: NmbrsFixture;
beforeEach(async () => (f = await startNmbrsFixture(NOW, 'rest')));
afterEach(() => f.emulator.close());

const lines = (hours: number) =>
	[1001, 1002, 1003].flatMap((emp) => [
		{ emp, code: 1, hours, date: '2026-10-01' },
		{ emp, code: 3, hours: 1, date: '2026-10-02' },
	]);
const totals = (n: number) => f.emulator.totals(f.employeeIds[n], 2026, 10);

describe('OAuth2 tokens', () => {
	it('keeps working across 12 refreshes with rotating refresh tokens, each export exact', async () => {
		expect(f.emulator.restConfig.rotateRefreshTokens).toBe(true);
		for (let run = 1; run <= 12; run++) {
			f.emulator.expireAccessTokens();
			const result = await f.run(exportParams({}, {}), lines(run) as IDataObject[]);
			expect({ run, error: result.error?.message }).toEqual({ run, error: undefined });
			expect({ run, totals: totals(1002) }).toEqual({ run, totals: { 1: run, 3: 1 } });
		}
		// One refresh per run although reads run five at a time: n8n refreshes once, and every
		// refresh token was used once (a reuse would have been refused with invalid_grant).
		expect(f.emulator.oauthStats).toMatchObject({ refreshes: 12, refreshFailures: 0 });
	}, 60_000);

	it('keeps working when the refresh token does not rotate', async () => {
		f.emulator.setRestConfig({ rotateRefreshTokens: false });
		for (let run = 1; run <= 3; run++) {
			f.emulator.expireAccessTokens();
			await f.run(exportParams({}, {}), lines(run) as IDataObject[]);
			expect(totals(1001)).toEqual({ 1: run, 3: 1 });
		}
		expect(f.emulator.oauthStats).toMatchObject({ refreshes: 3, refreshFailures: 0 });
	});

	it('says to check the subscription key when the gateway refuses it, and writes nothing', async () => {
		const result = await f.run(exportParams(), lines(8) as IDataObject[], {
			credentials: { subscriptionKey: 'not-the-key' },
		});
		expect(result.error?.message).toBe(
			'Nmbrs did not accept the OAuth2 sign-in or the subscription key (HTTP 401) [item 0]',
		);
		expect((result.error as { description?: string }).description).toMatch(
			/Access denied due to invalid subscription key or bearer token.*check the Subscription Key/,
		);
		expect(JSON.stringify(result.run.data)).not.toContain('not-the-key');
		expect(totals(1001)).toEqual({});
	});
});

describe('REST wire', () => {
	it('follows paging to the end: 250 rows of one employee are all counted', async () => {
		for (let i = 0; i < 250; i++)
			f.emulator.addHourRow(f.employeeIds[1001], {
				year: 2026,
				period: 10,
				hourCode: 1,
				hours: 0.5,
			});
		const out = await f.output({
			resource: 'hours',
			operation: 'get',
			employee: { __rl: true, mode: 'employeeNumber', value: 1001 },
			payrollPeriod: 'specific',
			year: 2026,
			period: 10,
		});
		expect(out[0].json).toMatchObject({ totals: [{ hourCode: 1, hours: 125 }] });
		expect(f.emulator.calls.filter((c) => isHoursRead(c.operation)).length).toBe(3);
	});

	it('waits out 429 with Retry-After on reads and writes, and ends exact', async () => {
		const limited: string[] = [];
		f.emulator.setFaultRule((call) => {
			const kind = call.operation.slice(0, 4);
			if (call.service !== 'rest' || call.index % 2 === 0) return undefined;
			if (limited.filter((op) => op.startsWith(kind)).length >= 3) return undefined;
			limited.push(call.operation);
			return { kind: 'http429', retryAfterSeconds: 0 };
		});
		const result = await f.run(exportParams(), lines(8) as IDataObject[]);
		expect(result.error).toBeUndefined();
		expect(limited).toHaveLength(6);
		expect(limited.filter((op) => op.startsWith('GET ')).length).toBe(3);
		expect(limited.filter((op) => op.startsWith('POST ')).length).toBe(3);
		expect([totals(1001), totals(1002), totals(1003)]).toEqual([
			{ 1: 8, 3: 1 },
			{ 1: 8, 3: 1 },
			{ 1: 8, 3: 1 },
		]);
	});

	it('lists companies debtor by debtor for a multi-debtor login', async () => {
		f.emulator.setRestConfig({ multiDebtor: true });
		const out = await f.output({ resource: 'company', operation: 'getMany' });
		expect(out.map((i) => [i.json.companyNumber, i.json.name])).toEqual([
			[101, 'Bakkerij De Zon B.V.'],
			[102, 'De Zon Logistiek B.V.'],
		]);
		const calls = f.emulator.calls.map((c) => c.operation);
		expect(calls.slice(0, 2)).toEqual(['GET /api/companies', 'GET /api/debtors']);
		expect(new Set(calls.slice(2))).toEqual(new Set(['GET /api/debtors/{debtorId}/companies']));
	});

	it('takes the company number as Administration, the key both APIs share', async () => {
		const result = await f.run(exportParams(), lines(4) as IDataObject[], {
			credentials: { administration: '101' },
		});
		expect(result.error).toBeUndefined();
		expect(totals(1003)).toEqual({ 1: 4, 3: 1 });
		const unknown = await f.run(exportParams(), lines(4) as IDataObject[], {
			credentials: { administration: '999' },
		});
		expect(unknown.error?.message).toMatch(
			/The Administration "999" of the Nmbrs credential is not the number or ID of a company this login can see \[item 0\]/,
		);
	});

	it('reads rows written over SOAP and SOAP reads rows written over REST: one export, two APIs', async () => {
		const soap = await startNmbrsFixture(NOW, 'soap');
		try {
			// Same state: point the SOAP fixture's node at this emulator.
			const soapCreds = soap.credentials({ baseUrl: f.emulator.baseUrl });
			await soap.run(exportParams(), lines(6) as IDataObject[], { credentials: soapCreds });
			expect(totals(1001)).toEqual({ 1: 6, 3: 1 });
			f.emulator.resetCounters();
			const again = await f.output(exportParams(), lines(6) as IDataObject[]);
			expect(again.map((i) => i.json.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
			expect(f.emulator.calls.filter((c) => /^(POST|PUT|DELETE) /.test(c.operation))).toEqual([]);
			await f.run(exportParams(), lines(7) as IDataObject[]);
			const back = await soap.output(
				{
					resource: 'hours',
					operation: 'get',
					employee: { __rl: true, mode: 'employeeNumber', value: 1001 },
					payrollPeriod: 'specific',
					year: 2026,
					period: 10,
				},
				undefined,
				{ credentials: soapCreds },
			);
			expect(back[0].json).toMatchObject({
				totals: [
					{ hourCode: 1, hours: 7 },
					{ hourCode: 3, hours: 1 },
				],
			});
		} finally {
			await soap.emulator.close();
		}
	});

	it('says the period type is not known on REST instead of guessing it', async () => {
		const out = await f.output({ resource: 'company', operation: 'getCurrentPeriod' });
		expect(out[0].json).toMatchObject({
			year: 2026,
			period: 10,
			periodType: null,
			periodsPerYear: null,
		});
		expect(String(out[0].json.note)).toMatch(/does not expose the period type/);
	});
});
