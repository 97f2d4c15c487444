import { startTimeChimpEmulator, type TimeChimpEmulator } from '../emulators/timechimp';

const NOW = new Date('2025-03-12T10:00:00Z');

async function get(
	emu: TimeChimpEmulator,
	path: string,
	query: Record<string, string> = {},
	token = emu.token,
) {
	const qs = new URLSearchParams(query).toString();
	const res = await fetch(`${emu.baseUrl}${path}${qs ? `?${qs}` : ''}`, {
		headers: { 'api-key': token, 'api-version': '2.0' },
	});
	return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('TimeChimp emulator', () => {
	let emu: TimeChimpEmulator;
	beforeEach(async () => {
		emu = await startTimeChimpEmulator({ now: NOW });
	});
	afterEach(async () => emu.close());

	it('seeds the demo users, tasks and a deterministic month of hours', async () => {
		expect(emu.users.map((u) => [u.employeeNumber, u.userName])).toEqual([
			['1001', 'sanne.devries@dezon.example'],
			['1002', 'jeroen.bakker@dezon.example'],
			['1003', 'fatima.elamrani@dezon.example'],
		]);
		expect(emu.tasks.map((t) => [t.id, t.code])).toEqual([
			[1, '1'],
			[2, '3'],
			[3, '30'],
			[4, '20'],
			[5, '21'],
			[6, ''],
			[7, '99'],
		]);
		const names = emu.times.map((t) => t.task.name);
		expect(names.filter((n) => n === 'Leave')).toHaveLength(1);
		expect(names.filter((n) => n === 'Sick')).toHaveLength(1);
		expect(names.filter((n) => n === 'Team meeting')).toHaveLength(1);
		expect(names.filter((n) => n === 'Training')).toHaveLength(1);
		expect(emu.times.some((t) => t.status === 'PendingApproval')).toBe(true);
		expect(emu.times.every((t) => Date.parse(t.modified) < NOW.getTime())).toBe(true);
		expect(emu.times.every((t) => Number.isInteger(t.hours * 4))).toBe(true);
		expect(emu.times[0].date).toBe('2025-02-03'); // first working day of February
		expect(emu.times.every((t) => t.date < '2025-03-12')).toBe(true);
		const again = await startTimeChimpEmulator({ now: NOW });
		expect(again.times).toEqual(emu.times);
		await again.close();
	});

	it('answers 401 without the right api-key', async () => {
		expect((await get(emu, '/users', {}, 'wrong')).status).toBe(401);
		const res = await fetch(`${emu.baseUrl}/users`);
		expect(res.status).toBe(401);
	});

	it('filters with OData: and/or, parentheses, paths, dates and strings', async () => {
		const { body } = await get(emu, '/times', {
			$filter:
				"date ge 2025-02-01 and date le 2025-02-28 and status eq 'Approved' and (task/code eq '20' or task/code eq '21')",
			$count: 'true',
		});
		expect(body.count).toBe(2);
		expect(body.result.map((t: any) => t.task.name).sort()).toEqual(['Leave', 'Sick']);
		const byUser = await get(emu, '/times', {
			$filter: 'user/id eq 2 and hours gt 7.75',
			$top: '10000',
		});
		expect(byUser.body.result.length).toBeGreaterThan(10);
		expect(byUser.body.result.every((t: any) => t.user.id === 2 && t.hours > 7.75)).toBe(true);
		const users = await get(emu, '/users', {
			$filter: "employeeNumber eq '1003' and active eq true",
		});
		expect(users.body.result.map((u: any) => u.id)).toEqual([3]);
		const quoted = await get(emu, '/users', {
			$filter: "displayName eq 'O''Brien' or employeeNumber ne '1001'",
		});
		expect(quoted.body.result.map((u: any) => u.id)).toEqual([2, 3]);
		const since = await get(emu, '/times', {
			$filter: `modified gt ${emu.times[9].modified}`,
			$count: 'true',
		});
		expect(since.body.count).toBe(
			emu.times.filter((t) => t.modified > emu.times[9].modified).length,
		);
	});

	it('rejects unknown properties and bad syntax with 400', async () => {
		expect((await get(emu, '/times', { $filter: 'nope eq 1' })).status).toBe(400);
		expect((await get(emu, '/times', { $filter: 'date ge' })).status).toBe(400);
		expect((await get(emu, '/times', { $filter: '(date ge 2025-01-01' })).status).toBe(400);
		expect((await get(emu, '/times', { $top: '10001' })).status).toBe(400);
	});

	it('pages with $top/$skip, counts, orders and links to the next page', async () => {
		const first = await get(emu, '/times', { $top: '5', $count: 'true', $orderby: 'date desc,id' });
		expect(first.body.result).toHaveLength(5);
		expect(first.body.count).toBe(emu.times.length);
		expect(first.body.links.find((l: any) => l.rel === 'next').href).toContain('%24skip=5');
		const dates = first.body.result.map((t: any) => t.date);
		expect([...dates].sort().reverse()).toEqual(dates);
		const last = await get(emu, '/times', { $top: '5', $skip: String(emu.times.length - 2) });
		expect(last.body.result).toHaveLength(2);
		expect(last.body.links.some((l: any) => l.rel === 'next')).toBe(false);
		expect(last.body.count).toBeUndefined();
		expect((await get(emu, '/times')).body.result).toHaveLength(100);
	});

	it('reads, creates and updates users; updates bump modified', async () => {
		expect((await get(emu, '/users/2')).body.result[0].userName).toBe(
			'jeroen.bakker@dezon.example',
		);
		expect((await get(emu, '/users/99')).status).toBe(404);
		const post = await fetch(`${emu.baseUrl}/users`, {
			method: 'POST',
			headers: { 'api-key': emu.token, 'content-type': 'application/json' },
			body: JSON.stringify({
				userName: 'new@dezon.example',
				displayName: 'New Person',
				employeeNumber: '2001',
			}),
		});
		const created = ((await post.json()) as any).result[0];
		expect(created).toMatchObject({ id: 4, employeeNumber: '2001', active: true });
		const put = await fetch(`${emu.baseUrl}/users/4`, {
			method: 'PUT',
			headers: { 'api-key': emu.token, 'content-type': 'application/json' },
			body: JSON.stringify({ displayName: 'New P.', active: false }),
		});
		expect(((await put.json()) as any).result[0]).toMatchObject({
			displayName: 'New P.',
			active: false,
		});
		const before = emu.times[0].modified;
		emu.updateTime(emu.times[0].id, { hours: 6 });
		expect(emu.times[0].modified > before).toBe(true);
	});

	it('answers 429 with Retry-After over the rate limit, and has a control API', async () => {
		const limited = await startTimeChimpEmulator({ now: NOW, rateLimitPerMinute: 3 });
		try {
			for (let i = 0; i < 3; i++) expect((await get(limited, '/tasks')).status).toBe(200);
			const res = await get(limited, '/tasks');
			expect(res.status).toBe(429);
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
			const health = await fetch(`${limited.baseUrl}/_emulator/health`);
			expect(await health.json()).toEqual({ ok: true });
			const state = (await (await fetch(`${limited.baseUrl}/_emulator/state`)).json()) as any;
			expect(state.requestCount).toBe(4);
			await fetch(`${limited.baseUrl}/_emulator/reset`, {
				method: 'POST',
				body: JSON.stringify({ seed: 'empty' }),
			});
			expect(limited.times).toHaveLength(0);
			expect((await get(limited, '/tasks')).status).toBe(200); // reset clears the window
		} finally {
			await limited.close();
		}
	});
});
