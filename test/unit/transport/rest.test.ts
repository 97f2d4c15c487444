// The REST transport at its boundary: a scripted `send` stands where n8n's HTTP helper stands,
// so each wire rule can be driven exactly: the session's first call alone, paging bounds, 429,
// writes never re-sent, and every error shape mapped to the domain's errors.
import { NmbrsFault, NmbrsTransportError } from '../../../nodes/Nmbrs/domain/faults';
import { RestClient, retryAfterMs } from '../../../nodes/Nmbrs/transport/rest/client';
import { fairUse } from '../../../nodes/Nmbrs/transport/fairUse';
import { restError } from '../../../nodes/Nmbrs/transport/rest/problems';
import { periodOf, toHourRow } from '../../../nodes/Nmbrs/transport/rest/mapping';
import {
	NoAnswerError,
	type RestRequest,
	type RestResponse,
} from '../../../nodes/Nmbrs/transport/rest/wire';

const settings = {
	timeoutMs: 1000,
	bulkTimeoutMs: 1000,
	readAttempts: 3,
	retryDelayMs: 1,
	sleep: async () => undefined,
};
const connection = {
	baseUrl: 'http://127.0.0.1:9',
	subscriptionKey: 'key-123',
	administration: '',
	fairUse: fairUse(['rest unit test'], 150),
};
const ok = (body: unknown): RestResponse => ({ status: 200, headers: {}, body });

describe('RestClient', () => {
	it('sends the session’s first call alone, so an expired token is refreshed once', async () => {
		let inFlight = 0;
		let most = 0;
		const log: number[] = [];
		const client = new RestClient(
			connection,
			async () => {
				inFlight++;
				most = Math.max(most, inFlight);
				log.push(inFlight);
				await new Promise((r) => setTimeout(r, 5));
				inFlight--;
				return ok({});
			},
			settings,
		);
		await Promise.all([1, 2, 3, 4].map(() => client.request('GET', '/api/x', 'GET /api/x')));
		expect(log[0]).toBe(1);
		expect(log.slice(1).every((n) => n >= 1)).toBe(true);
		expect(most).toBe(3);
	});

	it('sends the subscription key on every request', async () => {
		const seen: RestRequest[] = [];
		const client = new RestClient(connection, async (r) => (seen.push(r), ok({})), settings);
		await client.request('GET', '/api/a', 'op', { query: { year: 2026, period: 3 } });
		expect(seen[0].headers['X-Subscription-Key']).toBe('key-123');
		expect(seen[0].url).toBe('http://127.0.0.1:9/api/a?year=2026&period=3');
	});

	it('follows pages by number to totalPages, and stops on an empty page', async () => {
		const pages: number[] = [];
		const client = new RestClient(
			connection,
			async (r) => {
				const n = Number(new URL(r.url).searchParams.get('pageNumber'));
				pages.push(n);
				return ok({ data: n <= 3 ? [n] : [], pagination: { totalPages: 99 } });
			},
			settings,
		);
		expect(await client.list('/api/l', 'op')).toEqual([1, 2, 3]);
		expect(pages).toEqual([1, 2, 3, 4]);
	});

	it('refuses a list answer without a data array', async () => {
		const client = new RestClient(connection, async () => ok({ items: [] }), settings);
		await expect(client.list('/api/l', 'op')).rejects.toThrow(/without the expected "data" array/);
	});

	it('retries a read after 429 (Retry-After), 503 and a lost answer; never a write', async () => {
		const script: Array<RestResponse | Error> = [
			{ status: 429, headers: { 'retry-after': '0' }, body: {} },
			{ status: 503, headers: {}, body: '' },
			new NoAnswerError('no answer (ECONNRESET)', 'ECONNRESET'),
			ok({ fine: true }),
		];
		let calls = 0;
		const send = async () => {
			const next = script[calls++];
			if (next instanceof Error) throw next;
			return next;
		};
		const client = new RestClient(connection, send, settings);
		expect(await client.request('GET', '/api/r', 'op')).toEqual({ fine: true });
		expect(calls).toBe(4);

		for (const answer of [
			{ status: 503, headers: {}, body: '' },
			new NoAnswerError('no answer (ECONNRESET)', 'ECONNRESET'),
		]) {
			let writes = 0;
			const w = new RestClient(
				connection,
				async () => {
					writes++;
					if (answer instanceof Error) throw answer;
					return answer;
				},
				settings,
			);
			await expect(w.request('POST', '/api/w', 'op', { body: {} })).rejects.toBeInstanceOf(
				NmbrsTransportError,
			);
			expect(writes).toBe(1);
		}
	});

	it('sends a write again after 429 (not applied), up to a bound', async () => {
		let writes = 0;
		const client = new RestClient(
			connection,
			async () => (writes++, { status: 429, headers: {}, body: {} }),
			settings,
		);
		await expect(client.request('POST', '/api/w', 'op', { body: {} })).rejects.toThrow(
			/too many requests/,
		);
		expect(writes).toBe(6);
	});
});

describe('REST errors and answers', () => {
	it('maps the gateway 401, problem details and statuses to the SOAP codes of the same meaning', () => {
		const gateway = restError(
			401,
			{
				statusCode: 401,
				message: 'Access denied due to invalid subscription key or bearer token.',
			},
			'op',
			'/api/companies',
		);
		expect(gateway).toMatchObject({ code: 1001, source: { api: 'rest', status: 401 } });
		expect((gateway as NmbrsFault).nmbrsMessage).toMatch(/Access denied/);
		const cases: Array<[number, unknown, string, number | undefined]> = [
			[403, { title: 'Forbidden', detail: 'scope missing' }, '/api/companies/x/hourcodes', 1002],
			[404, { title: 'Not Found' }, '/api/employees/e/variablehours', 2003],
			[404, { title: 'Not Found' }, '/api/companies/c/period', 2004],
			[
				400,
				{ code: 'ProtectedPeriod', detail: 'lies before the current period' },
				'/api/employees/e/variablehours',
				2011,
			],
			[
				400,
				{ code: 'LockedRun', detail: 'covered by locked payroll run' },
				'/api/employees/e/variablehours',
				undefined,
			],
			[
				400,
				{ code: 'InvalidHourCode', detail: 'hour code 99 unknown' },
				'/api/employees/e/variablehours',
				2001,
			],
			[
				400,
				{ code: 'InvalidHours', detail: 'hours must not be negative' },
				'/api/employees/e/variablehours',
				undefined,
			],
		];
		for (const [status, body, path, code] of cases)
			expect({
				status,
				path,
				code: (restError(status, body, 'op', path) as NmbrsFault).code,
			}).toEqual({
				status,
				path,
				code,
			});
		expect(restError(502, 'Bad Gateway', 'op', '/api/x')).toBeInstanceOf(NmbrsTransportError);
	});

	it('reads Retry-After as seconds or as a date', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
	});

	it('reads every plausible shape of the current period and no period type unless named', () => {
		for (const body of [
			{ data: [{ year: 2026, period: 3 }], pagination: {} },
			{ data: { year: 2026, period: 3 } },
			{ year: 2026, period: 3 },
		])
			expect(periodOf(body, 'op')).toEqual({ year: 2026, period: 3 });
		expect(periodOf({ year: 2026, period: 3, periodType: '4W' }, 'op')).toEqual({
			year: 2026,
			period: 3,
			type: 'W4',
		});
		expect(() => periodOf({ data: [] }, 'op')).toThrow(/could not be read/);
	});

	it('never lets an unreadable hour value into the diff', () => {
		expect(
			toHourRow({ hourComponentId: 'a', hourCode: 1, hours: 7.5, comment: null }, 'op'),
		).toEqual({
			id: 'a',
			hourCode: 1,
			hundredths: 750,
			comment: '',
		});
		expect(() => toHourRow({ hourComponentId: 'a', hourCode: 1, hours: 'x' }, 'op')).toThrow(
			/could not be read/,
		);
	});
});
