// Drives the REST side of the Nmbrs emulator over real loopback HTTP (Node's fetch): the
// identity service's code flow, the gateway's key/token checks, paging, the readings, and
// that REST and SOAP share one state.
import { createHash } from 'crypto';
import * as path from 'path';
import * as soap from 'soap';
import type { NmbrsEmulator } from '../emulators/nmbrs';
import {
	DEFAULT_READINGS,
	DEFAULT_REST_CONFIG,
	DEMO_USER,
	REST_READING_MATRIX,
	guidOf,
	intOf,
	startNmbrsEmulator,
} from '../emulators/nmbrs';

const NOW = new Date('2026-11-15T12:00:00Z'); // demo M company: current period 2026-10
const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const GATEWAY_401 = {
	statusCode: 401,
	message: 'Access denied due to invalid subscription key or bearer token.',
};

let emu: NmbrsEmulator;

beforeAll(async () => {
	emu = await startNmbrsEmulator({ now: NOW });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	emu.setReadings(DEFAULT_READINGS);
	emu.setRestConfig(DEFAULT_REST_CONFIG);
	emu.setFaultRule(undefined);
});

const ids = () => emu.restIds();
const sanne = () => ids().employeeIds[1001];
const jeroen = () => ids().employeeIds[1002];

const basic = (id = DEFAULT_REST_CONFIG.clientId, secret = DEFAULT_REST_CONFIG.clientSecret) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function authorizeCode(
	extra: Record<string, string> = {},
	scope = 'offline_access company.info.read employee.payment',
): Promise<{ status: number; location: string | null; text: string }> {
	const q = new URLSearchParams({
		client_id: DEFAULT_REST_CONFIG.clientId,
		redirect_uri: REDIRECT,
		response_type: 'code',
		scope,
		state: 'xyz-42',
		...extra,
	});
	const res = await fetch(`${emu.baseUrl}/connect/authorize?${q}`, { redirect: 'manual' });
	return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function codeOf(extra: Record<string, string> = {}, scope?: string): Promise<string> {
	const r = await authorizeCode(extra, scope);
	expect(r.status).toBe(302);
	return new URL(r.location!).searchParams.get('code')!;
}

async function tokenCall(
	form: Record<string, string>,
	/** null = no Authorization header (client auth in the form, or none). */
	authorization: string | null = basic(),
): Promise<{ status: number; json: Record<string, unknown> }> {
	const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
	if (authorization) headers.Authorization = authorization;
	const res = await fetch(`${emu.baseUrl}/connect/token`, {
		method: 'POST',
		headers,
		body: new URLSearchParams(form).toString(),
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

interface ApiAnswer {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

async function api(
	pathOrUrl: string,
	opts: {
		method?: string;
		token?: string | null;
		key?: string | null;
		body?: unknown;
	} = {},
): Promise<ApiAnswer> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	const key = opts.key === undefined ? DEFAULT_REST_CONFIG.subscriptionKey : opts.key;
	if (key !== null) headers['X-Subscription-Key'] = key;
	const token = opts.token === undefined ? (await emu.authorize()).access_token : opts.token;
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
	const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${emu.baseUrl}${pathOrUrl}`;
	const res = await fetch(url, {
		method: opts.method ?? 'GET',
		headers,
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

function expectProblem(r: ApiAnswer, status: number, code?: string): void {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	expect(Object.keys(r.json).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
	expect(r.json.status).toBe(status);
	expect(typeof r.json.title).toBe('string');
	expect(typeof r.json.detail).toBe('string');
	if (code) expect(r.json.code).toBe(code);
}

const hoursUrl = (employeeId: string, year: number, period: number) =>
	`/api/employees/${employeeId}/variablehours?year=${year}&period=${period}`;

describe('ids', () => {
	it('derives GUIDs from integer ids and back', () => {
		expect(guidOf('company', 54613)).toBe('0000c0c0-0000-4000-8000-000000054613');
		expect(guidOf('employee', '503293')).toBe('0000e0e0-0000-4000-8000-000000503293');
		expect(intOf('0000a0a0-0000-4000-8000-000090000001')).toBe(90000001);
		expect(intOf('503293')).toBe(503293);
		expect(() => intOf('not-an-id')).toThrow(/neither/);
		expect(ids().companyId).toBe(guidOf('company', emu.demo!.companyId));
		expect(ids().employeeIds[1001]).toBe(guidOf('employee', emu.demo!.employeeIds[1001]));
		expect(emu.demoRest).toEqual(ids());
	});

	it('accepts GUIDs in the inspection and seed methods', () => {
		const id = emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 1, hours: 2.5 });
		expect(emu.hourRows(sanne(), 2026, 10).map((r) => r.id)).toEqual([id]);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 2.5 });
		expect(emu.totals(emu.demo!.employeeIds[1001], 2026, 10)).toEqual({ 1: 2.5 });
		emu.setDaysWorked(sanne(), 2026, 10, 7);
		expect(emu.daysWorked(emu.demo!.employeeIds[1001], 2026, 10)).toBe(7);
		emu.setCurrentPeriod(ids().companyId, 2026, 11);
		expect(emu.state.companies.get(intOf(ids().companyId))!.currentPeriod).toBe(11);
		const runId = emu.addRun(ids().companyId, { year: 2026, periodStart: 9, periodEnd: 9 });
		expect(emu.state.runs.find((r) => String(r.id) === runId)!.companyId).toBe(
			intOf(ids().companyId),
		);
		const newId = emu.addEmployee(ids().companyId, {
			number: 2001,
			firstName: 'A',
			prefix: '',
			lastName: 'B',
			emailWork: '',
			contracts: [],
		});
		expect(emu.state.employees.get(Number(newId))!.companyId).toBe(intOf(ids().companyId));
	});
});

describe('OAuth2 code flow', () => {
	it('redirects with code and state, and exchanges the code with HTTP Basic client auth', async () => {
		const r = await authorizeCode();
		expect(r.status).toBe(302);
		const loc = new URL(r.location!);
		expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
		expect(loc.searchParams.get('state')).toBe('xyz-42');
		const code = loc.searchParams.get('code')!;
		expect(code.length).toBeGreaterThan(10);

		const t = await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
		expect(t.status).toBe(200);
		expect(t.json).toEqual({
			access_token: expect.any(String),
			refresh_token: expect.any(String),
			expires_in: 3600,
			token_type: 'Bearer',
			scope: 'offline_access company.info.read employee.payment',
		});
		expect(emu.oauthStats.authorizationCodes).toBe(1);
		const info = await api('/api/user/info?pageNumber=1&pageSize=100', {
			token: t.json.access_token as string,
		});
		expect(info.status).toBe(200);
		expect(info.json.data).toEqual([
			expect.objectContaining({ username: DEMO_USER.username, userId: expect.any(String) }),
		]);

		// Single use.
		const again = await tokenCall({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT,
		});
		expect(again).toEqual({
			status: 400,
			json: expect.objectContaining({ error: 'invalid_grant' }),
		});
	});

	it('accepts client_id + client_secret in the form body', async () => {
		const code = await codeOf();
		const t = await tokenCall(
			{
				grant_type: 'authorization_code',
				code,
				redirect_uri: REDIRECT,
				client_id: DEFAULT_REST_CONFIG.clientId,
				client_secret: DEFAULT_REST_CONFIG.clientSecret,
			},
			null,
		);
		expect(t.status).toBe(200);
		expect(typeof t.json.access_token).toBe('string');
	});

	it('refuses a bad client, a wrong redirect_uri, an unknown client_id and an ungranted scope', async () => {
		const code = await codeOf();
		expect(
			await tokenCall(
				{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
				basic(DEFAULT_REST_CONFIG.clientId, 'wrong'),
			),
		).toEqual({ status: 401, json: expect.objectContaining({ error: 'invalid_client' }) });
		expect(
			await tokenCall(
				{
					grant_type: 'authorization_code',
					code,
					redirect_uri: REDIRECT,
					client_id: 'PartnerApp_other',
					client_secret: DEFAULT_REST_CONFIG.clientSecret,
				},
				null,
			),
		).toEqual({ status: 401, json: expect.objectContaining({ error: 'invalid_client' }) });
		// The bad-client attempts did not use the code up.
		expect(
			(await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status,
		).toBe(200);
		expect(
			await tokenCall({
				grant_type: 'authorization_code',
				code: await codeOf(),
				redirect_uri: 'http://127.0.0.1/elsewhere',
			}),
		).toEqual({ status: 400, json: expect.objectContaining({ error: 'invalid_grant' }) });
		expect((await authorizeCode({ client_id: 'PartnerApp_unknown' })).status).toBe(400);
		const openid = await authorizeCode({}, 'openid offline_access company.info.read');
		expect(openid.status).toBe(400);
		expect(openid.text).toBe('Invalid scope');
		emu.setRestConfig({ grantedScopes: [...DEFAULT_REST_CONFIG.grantedScopes, 'openid'] });
		expect((await authorizeCode({}, 'openid offline_access company.info.read')).status).toBe(302);
	});

	it('expires codes after 5 minutes', async () => {
		const code = await codeOf();
		emu.oauth.ageCodes(5 * 60_000 + 1);
		expect(
			(await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json
				.error,
		).toBe('invalid_grant');
	});

	it('verifies PKCE (S256)', async () => {
		const verifier = 'a'.repeat(20) + '-verifier-' + 'b'.repeat(30);
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
		const form = (code: string, v?: string) => ({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT,
			...(v ? { code_verifier: v } : {}),
		});
		expect((await tokenCall(form(await codeOf(pkce), 'wrong-verifier'))).status).toBe(400);
		expect((await tokenCall(form(await codeOf(pkce)))).json.error).toBe('invalid_grant');
		const ok = await tokenCall(form(await codeOf(pkce), verifier));
		expect(ok.status).toBe(200);
	});

	it('issues no refresh token without offline_access', async () => {
		const t = await emu.authorize('company.info.read');
		expect(t.refresh_token).toBeUndefined();
		expect(t.scope).toBe('company.info.read');
	});

	it('rotates refresh tokens: 12 refreshes in a row, and a used one is invalid_grant', async () => {
		let current = (await emu.authorize()).refresh_token!;
		const seen = new Set([current]);
		for (let i = 0; i < 12; i++) {
			const r = await tokenCall({ grant_type: 'refresh_token', refresh_token: current });
			expect(r.status).toBe(200);
			const next = r.json.refresh_token as string;
			expect(typeof next).toBe('string');
			expect(seen.has(next)).toBe(false);
			seen.add(next);
			expect((await api('/api/user/info', { token: r.json.access_token as string })).status).toBe(
				200,
			);
			// The one just used is dead now.
			if (i === 5) {
				const reuse = await tokenCall({ grant_type: 'refresh_token', refresh_token: current });
				expect(reuse).toEqual({
					status: 400,
					json: expect.objectContaining({ error: 'invalid_grant' }),
				});
			}
			current = next;
		}
		expect(emu.oauthStats).toEqual({
			authorizationCodes: expect.any(Number),
			refreshes: 12,
			refreshFailures: 1,
		});
		const junk = await tokenCall({ grant_type: 'refresh_token', refresh_token: 'junk' });
		expect(junk.status).toBe(400);
		expect(emu.oauthStats.refreshFailures).toBe(2);
	});

	it('keeps the refresh token and omits it from the answer when not rotating', async () => {
		emu.setRestConfig({ rotateRefreshTokens: false });
		const rt = (await emu.authorize()).refresh_token!;
		for (let i = 0; i < 3; i++) {
			const r = await tokenCall({ grant_type: 'refresh_token', refresh_token: rt });
			expect(r.status).toBe(200);
			expect(r.json).not.toHaveProperty('refresh_token');
			expect(typeof r.json.access_token).toBe('string');
		}
		expect(emu.oauthStats.refreshes).toBe(3);
	});
});

describe('gateway', () => {
	it('answers 401 with the gateway body for an expired token, and a refresh cures it', async () => {
		const t = await emu.authorize();
		expect((await api('/api/companies', { token: t.access_token })).status).toBe(200);
		emu.expireAccessTokens();
		const expired = await api('/api/companies', { token: t.access_token });
		expect(expired.status).toBe(401);
		expect(expired.json).toEqual(GATEWAY_401);
		const r = await tokenCall({ grant_type: 'refresh_token', refresh_token: t.refresh_token! });
		expect((await api('/api/companies', { token: r.json.access_token as string })).status).toBe(
			200,
		);
	});

	it('honours accessTokenTtlSeconds', async () => {
		emu.setRestConfig({ accessTokenTtlSeconds: 0 });
		const t = await emu.authorize();
		expect(t.expires_in).toBe(0);
		expect((await api('/api/companies', { token: t.access_token })).json).toEqual(GATEWAY_401);
	});

	it('needs the primary or secondary subscription key and a bearer token', async () => {
		const token = (await emu.authorize()).access_token;
		for (const key of [null, 'wrong-key']) {
			const r = await api('/api/companies', { token, key });
			expect(r.status).toBe(401);
			expect(r.json).toEqual(GATEWAY_401);
		}
		expect((await api('/api/companies', { token, key: 'demo-subscription-key-2' })).status).toBe(
			200,
		);
		expect((await api('/api/companies', { token: null })).json).toEqual(GATEWAY_401);
		expect((await api('/api/companies', { token: 'made-up' })).status).toBe(401);
	});

	it('answers 403 problem details for a missing scope', async () => {
		const token = (await emu.authorize('offline_access company.info.read')).access_token;
		expect((await api('/api/companies', { token })).status).toBe(200);
		expectProblem(await api(hoursUrl(sanne(), 2026, 10), { token }), 403, 'InsufficientScope');
		const write = await api(`/api/employees/${sanne()}/variablehours`, {
			method: 'POST',
			token: (await emu.authorize('employee.payment.read')).access_token,
			body: { hourCode: 1, hours: 1 },
		});
		expectProblem(write, 403);
		expect(emu.hourRows()).toEqual([]);
		// The write scope covers reading.
		const payment = (await emu.authorize('employee.payment')).access_token;
		expect((await api(hoursUrl(sanne(), 2026, 10), { token: payment })).status).toBe(200);
	});

	it('logs every /api call with service rest, the route template, the user and a time', async () => {
		const token = (await emu.authorize()).access_token;
		const before = Date.now();
		await api(hoursUrl(sanne(), 2026, 10), { token });
		await api('/api/companies', { token: null });
		expect(emu.calls).toEqual([
			{
				service: 'rest',
				operation: 'GET /api/employees/{employeeId}/variablehours',
				username: DEMO_USER.username,
				index: 0,
				at: expect.any(Number),
				status: 200,
			},
			{
				service: 'rest',
				operation: 'GET /api/companies',
				username: undefined,
				index: 1,
				at: expect.any(Number),
				status: 401,
			},
		]);
		expect(emu.calls[0].at).toBeGreaterThanOrEqual(before);
		expect(JSON.stringify(emu.calls)).not.toContain(token);
	});

	it('injects faults: 429 with Retry-After, 502/503, latency, and resetAfterApply applies', async () => {
		const token = (await emu.authorize()).access_token;
		const seen: Array<{ service: string; operation: string; index: number }> = [];
		emu.setFaultRule((call) => {
			seen.push(call);
			if (call.index === 0) return { kind: 'http429', retryAfterSeconds: 7 };
			if (call.index === 1) return { kind: 'http503' };
			if (call.index === 2) return { kind: 'http502' };
			if (call.index === 3) return { kind: 'latency', ms: 150 };
			if (call.operation === 'POST /api/employees/{employeeId}/variablehours')
				return { kind: 'resetAfterApply' };
			return undefined;
		});
		const r429 = await api('/api/companies', { token });
		expectProblem(r429, 429);
		expect(r429.headers.get('retry-after')).toBe('7');
		expectProblem(await api('/api/companies', { token }), 503);
		expectProblem(await api('/api/companies', { token }), 502);
		const t0 = Date.now();
		expect((await api('/api/companies', { token })).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		await expect(
			api(`/api/employees/${sanne()}/variablehours`, {
				method: 'POST',
				token,
				body: { hourCode: 1, hours: 3 },
			}),
		).rejects.toThrow();
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 3 });
		expect(seen[0]).toEqual({
			service: 'rest',
			operation: 'GET /api/companies',
			index: 0,
			username: DEMO_USER.username,
		});
		// Not applied: the 429'd call left no trace in the state.
		emu.setFaultRule(() => ({ kind: 'http429' }));
		const refused = await api(`/api/employees/${sanne()}/variablehours`, {
			method: 'POST',
			token,
			body: { hourCode: 2, hours: 1 },
		});
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 3 });
	});

	it('rate-limits to ratePerSecond with 429 + Retry-After: 1', async () => {
		const token = (await emu.authorize()).access_token;
		emu.setRestConfig({ ratePerSecond: 3 });
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 5; i++) {
			const r = await api('/api/user/info', { token });
			statuses.push(r.status);
			if (r.status === 429) {
				retryAfter = r.headers.get('retry-after');
				expectProblem(r, 429);
			}
		}
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		expect(retryAfter).toBe('1');
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await api('/api/user/info', { token })).status).toBe(200);
		emu.setRestConfig({ ratePerSecond: 0 });
		for (let i = 0; i < 6; i++) expect((await api('/api/user/info', { token })).status).toBe(200);
	});

	it('answers 404 and 405 problems for unknown routes, and 415 for a non-JSON body', async () => {
		const token = (await emu.authorize()).access_token;
		expectProblem(await api('/api/nothing-here', { token }), 404);
		expectProblem(await api('/api/companies', { token, method: 'DELETE' }), 405);
		const res = await fetch(`${emu.baseUrl}/api/employees/${sanne()}/variablehours`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${token}`,
				'X-Subscription-Key': DEFAULT_REST_CONFIG.subscriptionKey,
				'Content-Type': 'text/plain',
			},
			body: '{"hourCode":1,"hours":1}',
		});
		expect(res.status).toBe(415);
	});
});

describe('paging', () => {
	it('follows nextPage to the end with totals that match', async () => {
		for (let i = 0; i < 45; i++)
			emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 1, hours: i + 1 });
		const token = (await emu.authorize()).access_token;
		let next: string | null = `${emu.baseUrl}${hoursUrl(sanne(), 2026, 10)}&pageSize=10`;
		const got: string[] = [];
		let pages = 0;
		let first: any;
		while (next && pages < 20) {
			const r = await api(next, { token });
			expect(r.status).toBe(200);
			if (pages === 0) first = r.json.pagination;
			expect(r.json.pagination).toMatchObject({
				pageNumber: pages + 1,
				pageSize: 10,
				totalPages: 5,
				totalRecords: 45,
			});
			got.push(...r.json.data.map((d: { hourComponentId: string }) => d.hourComponentId));
			next = r.json.pagination.nextPage;
			pages++;
		}
		expect(pages).toBe(5);
		expect(got).toEqual(emu.hourRows(sanne(), 2026, 10).map((r) => guidOf('hour', r.id)));
		expect(first.previousPage).toBeNull();
		expect(first.firstPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/employees\/.*pageNumber=1/);
		expect(new URL(first.lastPage).searchParams.get('pageNumber')).toBe('5');
		expect(new URL(first.nextPage).searchParams.get('year')).toBe('2026');
		const last = await api(first.lastPage, { token });
		expect(last.json.data).toHaveLength(5);
		expect(new URL(last.json.pagination.previousPage).searchParams.get('pageNumber')).toBe('4');
	});

	it('defaults to 20 per page, caps pageSize at maxPageSize and refuses page 0', async () => {
		for (let i = 0; i < 25; i++)
			emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 1, hours: 1 });
		const token = (await emu.authorize()).access_token;
		const dflt = await api(hoursUrl(sanne(), 2026, 10), { token });
		expect(dflt.json.data).toHaveLength(20);
		expect(dflt.json.pagination.pageSize).toBe(20);
		const big = await api(`${hoursUrl(sanne(), 2026, 10)}&pageSize=1000`, { token });
		expect(big.json.pagination.pageSize).toBe(100);
		expect(big.json.data).toHaveLength(25);
		emu.setRestConfig({ maxPageSize: 7 });
		const capped = await api(`${hoursUrl(sanne(), 2026, 10)}&pageSize=100`, { token });
		expect(capped.json.pagination).toMatchObject({ pageSize: 7, totalPages: 4 });
		expectProblem(await api(`${hoursUrl(sanne(), 2026, 10)}&pageNumber=0`, { token }), 400);
		const empty = await api(hoursUrl(jeroen(), 2026, 10), { token });
		expect(empty.json).toEqual({
			data: [],
			pagination: expect.objectContaining({ totalRecords: 0, nextPage: null }),
		});
	});
});

describe('company and employee reads', () => {
	it('lists companies, debtors, hour codes, period and runs', async () => {
		const token = (await emu.authorize()).access_token;
		const companies = await api('/api/companies', { token });
		expect(companies.json.data).toEqual([
			{
				companyId: ids().companyId,
				number: '101',
				name: expect.any(String),
				debtorId: guidOf('debtor', 31001),
			},
			{
				companyId: ids().company4wId,
				number: '102',
				name: expect.any(String),
				debtorId: guidOf('debtor', 31001),
			},
		]);
		const debtors = await api('/api/debtors', { token });
		expect(debtors.json.data).toEqual([
			{ debtorId: guidOf('debtor', 31001), number: '1', name: 'De Zon Holding B.V.' },
		]);
		const codes = await api(`/api/companies/${ids().companyId}/hourcodes?pageSize=100`, { token });
		expect(codes.json.data.map((c: { code: number }) => c.code)).toEqual([1, 2, 3, 20, 21, 30]);
		expect(codes.json.data.find((c: { code: number }) => c.code === 3).description).toBe(
			'Overuren 125%',
		);
		const period = await api(`/api/companies/${ids().companyId}/period`, { token });
		expect(period.json.data).toEqual([{ year: 2026, period: 10 }]);
		emu.addRun(ids().companyId, { year: 2026, periodStart: 9, periodEnd: 9, isLocked: true });
		emu.addRun(ids().companyId, { year: 2025, periodStart: 12, periodEnd: 12, isLocked: false });
		const runs = await api(`/api/companies/${ids().companyId}/runs?year=2026`, { token });
		expect(runs.json.data).toEqual([
			{
				payrollRunId: expect.stringMatching(/^0000b0b0-/),
				number: 1,
				description: 'Run 1',
				year: 2026,
				period: 9,
				createdAt: expect.any(String),
				type: 'regular',
				locked: true,
			},
		]);
		expectProblem(
			await api(`/api/companies/${guidOf('company', 1)}/period`, { token }),
			404,
			'CompanyNotFound',
		);
	});

	it('only shows the companies the demo user may see', async () => {
		emu.addUser({ ...DEMO_USER, companyIds: [emu.demo!.company4wId] });
		const token = (await emu.authorize()).access_token;
		const companies = await api('/api/companies', { token });
		expect(companies.json.data.map((c: { number: string }) => c.number)).toEqual(['102']);
		expectProblem(await api(`/api/companies/${ids().companyId}/hourcodes`, { token }), 403);
	});

	it('serves personal info history, contracts and employees from the SOAP records, never a BSN', async () => {
		const token = (await emu.authorize()).access_token;
		const pi = await api(`/api/companies/${ids().companyId}/employees/personalinfo?pageSize=100`, {
			token,
		});
		expect(pi.status).toBe(200);
		expect(pi.json.data).toHaveLength(6);
		const s = pi.json.data.find((e: { employeeId: string }) => e.employeeId === sanne());
		expect(s.info).toHaveLength(2);
		expect(
			s.info.map((i: any) => [i.period.year, i.period.period, i.contactInfo.businessEmail]),
		).toEqual([
			[2023, 6, 'sanne.devries@dezon.example'],
			[2021, 3, 'sanne.jansen@dezon.example'],
		]);
		expect(s.info[0].basicInfo).toEqual({
			employeeNumber: 1001,
			firstName: 'Sanne',
			firstNameInFull: 'Sanne',
			prefix: 'de',
			initials: 'S.',
			lastName: 'Vries',
			employeeType: 'payroll',
		});
		expect(s.info[0].birthInfo.birthDate).toBeNull();
		expect(s.info[0].contactInfo.privateEmail).toBeNull();
		for (const e of emu.state.employees.values()) expect(pi.text).not.toContain(e.bsn);
		const lotte = pi.json.data.find((e: any) => e.info[0].basicInfo.employeeNumber === 1005);
		expect(lotte.info[0].contactInfo.businessEmail).toBeNull();

		const contracts = await api(`/api/companies/${ids().companyId}/employees/contracts`, {
			token,
		});
		const f = contracts.json.data.find((e: any) => e.employeeId === ids().employeeIds[1003]);
		expect(f.contracts).toEqual([
			expect.objectContaining({
				startDate: '2023-01-01',
				endDate: '2023-12-31',
				indefinite: false,
			}),
			expect.objectContaining({
				startDate: '2024-01-01',
				endDate: null,
				indefinite: true,
				hoursPerWeek: 40,
			}),
		]);

		const employees = await api(`/api/companies/${ids().companyId}/employees`, { token });
		expect(employees.json.data[0]).toEqual({
			employeeId: sanne(),
			employeeBasicInfo: expect.objectContaining({
				employeeNumber: 1001,
				firstName: 'Sanne',
				prefix: 'de',
				lastName: 'Vries',
				employeeType: 'payroll',
			}),
		});
		const one = await api(`/api/companies/${ids().companyId}/employees?employeeId=${jeroen()}`, {
			token,
		});
		expect(one.json.data.map((e: { employeeId: string }) => e.employeeId)).toEqual([jeroen()]);
	});

	it('answers 403 ForbiddenMultiDebtor on /api/companies and serves debtor companies instead', async () => {
		emu.setRestConfig({ multiDebtor: true });
		const token = (await emu.authorize()).access_token;
		const r = await api('/api/companies', { token });
		expectProblem(r, 403);
		expect(r.json.title).toBe('ForbiddenMultiDebtor.');
		const debtors = await api('/api/debtors', { token });
		expect(debtors.json.data.length).toBeGreaterThanOrEqual(2);
		const all: string[] = [];
		for (const d of debtors.json.data) {
			const c = await api(`/api/debtors/${d.debtorId}/companies`, { token });
			expect(c.status).toBe(200);
			all.push(...c.json.data.map((x: { companyId: string }) => x.companyId));
		}
		expect(all.sort()).toEqual([ids().companyId, ids().company4wId].sort());
		expectProblem(await api(`/api/debtors/${guidOf('debtor', 1)}/companies`, { token }), 404);
	});
});

describe('hours, one state with SOAP', () => {
	it('a REST POST is seen by the SOAP state, a seeded row by REST', async () => {
		const token = (await emu.authorize()).access_token;
		const post = await api(`/api/employees/${sanne()}/variablehours`, {
			method: 'POST',
			token,
			body: { hourCode: 3, hours: 1.25, comment: 'overtime' },
		});
		expect(post.status).toBe(201);
		const rows = emu.hourRows(sanne(), 2026, 10);
		expect(rows).toEqual([
			expect.objectContaining({ hourCode: 3, hours: 1.25, comment: 'overtime' }),
		]);
		expect(post.json).toEqual({ hourComponentId: guidOf('hour', rows[0].id) });
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 3: 1.25 });

		const seeded = emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 30, hours: '2.5' });
		const read = await api(hoursUrl(sanne(), 2026, 10), { token });
		expect(read.json.data).toEqual([
			{
				hourComponentId: guidOf('hour', rows[0].id),
				hourCode: 3,
				hourCodeDescription: 'Overuren 125%',
				hours: 1.25,
				costCenterId: null,
				costUnitId: null,
				comment: 'overtime',
				createdAt: expect.any(String),
			},
			expect.objectContaining({
				hourComponentId: guidOf('hour', seeded),
				hourCode: 30,
				hourCodeDescription: 'Reisuren',
				hours: 2.5,
				comment: null,
			}),
		]);
	});

	it('a SOAP insert is read over REST, and REST PUT/DELETE change what SOAP sees', async () => {
		const wsdl = path.join(__dirname, '..', 'emulators', 'nmbrs', 'wsdl', 'EmployeeService.wsdl');
		const c = await soap.createClientAsync(wsdl, { endpoint: emu.serviceUrl('EmployeeService') });
		c.addSoapHeader(
			{
				AuthHeaderWithDomain: {
					Username: DEMO_USER.username,
					Token: DEMO_USER.token,
					Domain: DEMO_USER.domain,
				},
			},
			'',
			'tns',
			'https://api.nmbrs.nl/soap/v3/EmployeeService',
		);
		const [ins] = await c.HourComponentVar_InsertAsync({
			EmployeeId: emu.demo!.employeeIds[1002],
			Hourcomponent: { Id: 0, HourCode: 1, Hours: 8, CostCenterId: null, Comment: 'soap' },
			Period: 10,
			Year: 2026,
			UnprotectedMode: false,
		});
		const soapId = guidOf('hour', ins.HourComponentVar_InsertResult);
		const token = (await emu.authorize()).access_token;
		const read = await api(hoursUrl(jeroen(), 2026, 10), { token });
		expect(read.json.data).toEqual([
			expect.objectContaining({ hourComponentId: soapId, hourCode: 1, hours: 8, comment: 'soap' }),
		]);

		const put = await api(`/api/employees/${jeroen()}/variablehours`, {
			method: 'PUT',
			token,
			body: { hourComponentId: soapId, hours: 6.5 },
		});
		expect(put.status).toBe(204);
		const [got] = await c.HourComponentVar_GetAsync({
			EmployeeId: emu.demo!.employeeIds[1002],
			Period: 10,
			Year: 2026,
		});
		expect(got.HourComponentVar_GetResult.HourComponent).toEqual([
			expect.objectContaining({ HourCode: 1, Hours: 6.5, Comment: 'soap' }),
		]);

		const del = await api(`/api/employees/${jeroen()}/hours/${soapId}`, {
			method: 'DELETE',
			token,
		});
		expect(del.status).toBe(204);
		expect(emu.hourRows(jeroen())).toEqual([]);
		expectProblem(
			await api(`/api/employees/${jeroen()}/hours/${soapId}`, { method: 'DELETE', token }),
			404,
			'HourComponentNotFound',
		);
	});

	it('validates like SOAP: employee, hour code, period, protected mode, decimals', async () => {
		const token = (await emu.authorize()).access_token;
		const post = (employeeId: string, body: unknown) =>
			api(`/api/employees/${employeeId}/variablehours`, { method: 'POST', token, body });
		expectProblem(
			await post(guidOf('employee', 1), { hourCode: 1, hours: 1 }),
			404,
			'EmployeeNotFound',
		);
		expectProblem(await post(ids().companyId, { hourCode: 1, hours: 1 }), 404);
		expectProblem(await post(sanne(), { hourCode: 99, hours: 1 }), 400, 'InvalidHourCode');
		expectProblem(
			await post(sanne(), {
				hourCode: 1,
				hours: 1,
				periodDetails: { period: { year: 2026, period: 13 } },
			}),
			400,
			'InvalidPeriod',
		);
		expectProblem(
			await post(sanne(), {
				hourCode: 1,
				hours: 1,
				periodDetails: { period: { year: 2026, period: 9 } },
			}),
			400,
			'ProtectedPeriod',
		);
		expectProblem(await post(sanne(), { hourCode: 1, hours: 1.005 }), 400, 'InvalidHours');
		expectProblem(await post(sanne(), { hourCode: 1, hours: '7.5' }), 400, 'InvalidHours');
		expect(emu.hourRows()).toEqual([]);

		const past = await post(sanne(), {
			hourCode: 1,
			hours: 0.1 + 0.2,
			periodDetails: { period: { year: 2026, period: 9 }, unprotectedMode: true },
		});
		expect(past.status).toBe(201);
		expect(emu.totals(sanne(), 2026, 9)).toEqual({ 1: 0.3 });
		// A 4-weekly company takes period 13.
		const w4 = emu.addEmployee(ids().company4wId, {
			number: 3001,
			firstName: 'W',
			prefix: '',
			lastName: 'Four',
			emailWork: '',
			contracts: [],
		});
		const cur = emu.state.companies.get(intOf(ids().company4wId))!;
		const p13 = await post(guidOf('employee', w4), {
			hourCode: 1,
			hours: 1,
			periodDetails: { period: { year: cur.currentYear, period: 13 } },
		});
		expect(p13.status).toBe(201);
		expectProblem(await api(`/api/employees/${sanne()}/variablehours?year=2026`, { token }), 400);
	});
});

describe('readings', () => {
	const post = async (token: string, body: unknown, employeeId = sanne()) =>
		api(`/api/employees/${employeeId}/variablehours`, { method: 'POST', token, body });

	it('lists every REST reading value in REST_READING_MATRIX', () => {
		const values = (k: string) =>
			REST_READING_MATRIX.map((m) => (m.readings as Record<string, unknown>)[k]).filter(
				(v) => v !== undefined,
			);
		expect(values('restPeriodShape').sort()).toEqual(['paged', 'plain']);
		expect(values('restPostReturnsId').sort()).toEqual([false, true]);
		expect(values('restNegativeHours').sort()).toEqual(['accepted', 'refused']);
		expect(values('restLockedRuns').sort()).toEqual([
			'allow',
			'refuseAlways',
			'refuseUnlessUnprotected',
		]);
		expect(values('restVariableDaysPost').sort()).toEqual(['add', 'set']);
	});

	it('restPostReturnsId: 201 with the id, or 204 without a body', async () => {
		const token = (await emu.authorize()).access_token;
		const withId = await post(token, { hourCode: 1, hours: 1 });
		expect(withId.status).toBe(201);
		expect(intOf(withId.json.hourComponentId)).toBe(Number(emu.hourRows()[0].id));
		emu.setReadings({ restPostReturnsId: false });
		const without = await post(token, { hourCode: 1, hours: 2 });
		expect(without.status).toBe(204);
		expect(without.text).toBe('');
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 3 });
	});

	it('restNegativeHours: accepted or refused with InvalidHours', async () => {
		const token = (await emu.authorize()).access_token;
		expect((await post(token, { hourCode: 1, hours: -2 })).status).toBe(201);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: -2 });
		emu.setReadings({ restNegativeHours: 'refused' });
		expectProblem(await post(token, { hourCode: 1, hours: -1 }), 400, 'InvalidHours');
		const days = await api(`/api/employees/${sanne()}/variabledays`, {
			method: 'POST',
			token,
			body: { days: -1 },
		});
		expectProblem(days, 400, 'InvalidDays');
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: -2 });
	});

	it('restPeriodShape: paged or plain, never a period type', async () => {
		const token = (await emu.authorize()).access_token;
		const paged = await api(`/api/companies/${ids().companyId}/period`, { token });
		expect(paged.json).toEqual({
			data: [{ year: 2026, period: 10 }],
			pagination: expect.objectContaining({ totalRecords: 1 }),
		});
		emu.setReadings({ restPeriodShape: 'plain' });
		emu.setCurrentPeriod(ids().companyId, 2026, 11);
		const plain = await api(`/api/companies/${ids().companyId}/period`, { token });
		expect(plain.json).toEqual({ year: 2026, period: 11 });
	});

	it('restLockedRuns: refuseUnlessUnprotected, refuseAlways, allow', async () => {
		const token = (await emu.authorize()).access_token;
		emu.addRun(ids().companyId, { year: 2026, periodStart: 10, periodEnd: 10, isLocked: true });
		emu.addRun(ids().companyId, { year: 2026, periodStart: 8, periodEnd: 8, isLocked: false });
		const cur = { hourCode: 1, hours: 1 };
		const curUnprotected = {
			...cur,
			periodDetails: { period: { year: 2026, period: 10 }, unprotectedMode: true },
		};
		const unlockedPast = {
			...cur,
			periodDetails: { period: { year: 2026, period: 8 }, unprotectedMode: true },
		};

		expectProblem(await post(token, cur), 400, 'LockedRun');
		expect((await post(token, curUnprotected)).status).toBe(201);
		expect((await post(token, unlockedPast)).status).toBe(201);

		emu.setReadings({ restLockedRuns: 'refuseAlways' });
		expectProblem(await post(token, cur), 400, 'LockedRun');
		expectProblem(await post(token, curUnprotected), 400, 'LockedRun');
		const locked = emu.hourRows(sanne(), 2026, 10)[0];
		expectProblem(
			await api(`/api/employees/${sanne()}/variablehours`, {
				method: 'PUT',
				token,
				body: {
					hourComponentId: guidOf('hour', locked.id),
					hours: 5,
					periodDetails: { unprotectedMode: true },
				},
			}),
			400,
			'LockedRun',
		);
		expectProblem(
			await api(`/api/employees/${sanne()}/hours/${guidOf('hour', locked.id)}`, {
				method: 'DELETE',
				token,
			}),
			400,
			'LockedRun',
		);

		emu.setReadings({ restLockedRuns: 'allow' });
		expect((await post(token, cur)).status).toBe(201);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 2 });
		expect(emu.totals(sanne(), 2026, 8)).toEqual({ 1: 1 });
	});

	it('restVariableDaysPost: set replaces, add sums; SOAP state sees the period total', async () => {
		const token = (await emu.authorize()).access_token;
		const postDays = (days: number, period?: number) =>
			api(`/api/employees/${sanne()}/variabledays`, {
				method: 'POST',
				token,
				body: period ? { days, periodDetails: { period: { year: 2026, period } } } : { days },
			});
		const getDays = () =>
			api(`/api/employees/${sanne()}/variabledays?year=2026&period=10`, { token });
		expect((await getDays()).json.data).toEqual([]);
		expect((await postDays(5)).status).toBe(204);
		expect((await postDays(7)).status).toBe(204);
		expect((await getDays()).json.data).toEqual([{ days: 7, daysForWageComponentsPerDay: null }]);
		expect(emu.daysWorked(sanne(), 2026, 10)).toBe(7);

		emu.setReadings({ restVariableDaysPost: 'add' });
		await postDays(3);
		await postDays(2);
		expect((await getDays()).json.data.map((d: { days: number }) => d.days)).toEqual([7, 3, 2]);
		expect(emu.daysWorked(sanne(), 2026, 10)).toBe(12);

		// A SOAP-side set is one entry again.
		emu.setDaysWorked(sanne(), 2026, 10, 4);
		expect((await getDays()).json.data).toEqual([{ days: 4, daysForWageComponentsPerDay: null }]);
		expectProblem(await postDays(1, 9), 400, 'ProtectedPeriod');
		expectProblem(
			await api(`/api/employees/${sanne()}/variabledays`, {
				method: 'POST',
				token,
				body: { days: 1.5 },
			}),
			400,
			'InvalidDays',
		);
	});

	it('pastDeleteRefused applies to REST DELETE', async () => {
		const token = (await emu.authorize()).access_token;
		const id = emu.addHourRow(sanne(), { year: 2026, period: 9, hourCode: 1, hours: 1 });
		emu.setReadings({ pastDeleteRefused: true });
		const del = () =>
			api(`/api/employees/${sanne()}/hours/${guidOf('hour', id)}`, { method: 'DELETE', token });
		expectProblem(await del(), 400, 'ProtectedPeriod');
		emu.setReadings({ pastDeleteRefused: false });
		expect((await del()).status).toBe(204);
		expect(emu.hourRows()).toEqual([]);
	});
});

describe('PUT and revocation', () => {
	it('PUT keeps protected mode for past rows and cannot move a row to another period', async () => {
		const token = (await emu.authorize()).access_token;
		const id = guidOf(
			'hour',
			emu.addHourRow(sanne(), { year: 2026, period: 9, hourCode: 1, hours: 4 }),
		);
		const put = (body: Record<string, unknown>) =>
			api(`/api/employees/${sanne()}/variablehours`, { method: 'PUT', token, body });
		expectProblem(await put({ hourComponentId: id, hours: 5 }), 400, 'ProtectedPeriod');
		expectProblem(
			await put({
				hourComponentId: id,
				hours: 5,
				periodDetails: { period: { year: 2026, period: 10 }, unprotectedMode: true },
			}),
			404,
			'HourComponentNotFound',
		);
		expectProblem(await put({ hours: 5 }), 400);
		expect(emu.totals(sanne(), 2026, 9)).toEqual({ 1: 4 });
		const ok = await put({
			hourComponentId: id,
			hourCode: 2,
			hours: 5,
			comment: 'fixed',
			periodDetails: { period: { year: 2026, period: 9 }, unprotectedMode: true },
		});
		expect(ok.status).toBe(204);
		expect(emu.hourRows(sanne(), 2026, 9)).toEqual([
			expect.objectContaining({ hourCode: 2, hours: 5, comment: 'fixed' }),
		]);
	});

	it('revokes a refresh token, and POST /_emulator/expire-tokens expires access tokens', async () => {
		const t = await emu.authorize();
		const res = await fetch(`${emu.baseUrl}/connect/revocation`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic() },
			body: new URLSearchParams({
				token: t.refresh_token!,
				token_type_hint: 'refresh_token',
			}).toString(),
		});
		expect(res.status).toBe(200);
		expect(
			(await tokenCall({ grant_type: 'refresh_token', refresh_token: t.refresh_token! })).json
				.error,
		).toBe('invalid_grant');
		expect((await api('/api/user/info', { token: t.access_token })).status).toBe(200);
		await fetch(`${emu.baseUrl}/_emulator/expire-tokens`, { method: 'POST' });
		expect((await api('/api/user/info', { token: t.access_token })).status).toBe(401);
	});

	it('echoFault repeats the request, bearer token included, and applies nothing', async () => {
		const token = (await emu.authorize()).access_token;
		emu.setFaultRule(() => ({ kind: 'echoFault' }));
		const r = await api(`/api/employees/${sanne()}/variablehours`, {
			method: 'POST',
			token,
			body: { hourCode: 1, hours: 1 },
		});
		expectProblem(r, 500);
		expect(r.json.detail).toContain(token);
		expect(emu.hourRows()).toEqual([]);
	});
});

describe('control API and config', () => {
	it('serves the REST config and keeps it (and tokens) over reset', async () => {
		emu.setRestConfig({ maxPageSize: 5, rotateRefreshTokens: false });
		const token = (await emu.authorize()).access_token;
		await fetch(`${emu.baseUrl}/_emulator/reset`, { method: 'POST' });
		emu.reset();
		const cfg = await (await fetch(`${emu.baseUrl}/_emulator/rest-config`)).json();
		expect(cfg).toMatchObject({
			clientId: 'PartnerApp_n8n_demo',
			clientSecret: 'demo-client-secret',
			subscriptionKey: 'demo-subscription-key',
			secondarySubscriptionKey: 'demo-subscription-key-2',
			maxPageSize: 5,
			rotateRefreshTokens: false,
		});
		expect((await api('/api/companies', { token })).status).toBe(200);
	});

	it('takes REST settings as a constructor option', async () => {
		const other = await startNmbrsEmulator({
			now: NOW,
			rest: { clientId: 'PartnerApp_x_1', subscriptionKey: 'k1' },
		});
		try {
			expect(other.restConfig.clientSecret).toBe('demo-client-secret');
			const t = await other.authorize('company.info.read');
			const res = await fetch(`${other.baseUrl}/api/companies`, {
				headers: { Authorization: `Bearer ${t.access_token}`, 'X-Subscription-Key': 'k1' },
			});
			expect(res.status).toBe(200);
		} finally {
			await other.close();
		}
	});
});
