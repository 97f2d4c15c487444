import { startTimeChimpEmulator, type TimeChimpEmulator } from '../emulators/timechimp';
import { SlidingWindowLimiter } from '../../nodes/shared/limiter';
import { requestsTo, runTimeChimp } from './support';

const NOW = new Date('2025-03-12T10:00:00Z');
const FEBRUARY = { dateFrom: '2025-02-01T00:00:00', dateTo: '2025-02-28T00:00:00' };

describe('TimeChimp node: time entries', () => {
	let emu: TimeChimpEmulator;
	beforeEach(async () => {
		emu = await startTimeChimpEmulator({ now: NOW });
	});
	afterEach(async () => emu.close());

	it('gets all approved entries of a month with employee number and e-mail added', async () => {
		const run = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			returnAll: true,
			status: 'Approved',
			filters: FEBRUARY,
		});
		const items = run.items();
		const expected = emu.times.filter(
			(t) => t.date.startsWith('2025-02') && t.status === 'Approved',
		);
		expect(items).toHaveLength(expected.length);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const leave = items.find((i) => (i.json.task as any).name === 'Leave')!.json;
		expect(leave).toMatchObject({
			hours: 8,
			status: 'Approved',
			user: {
				id: 2,
				displayName: 'Jeroen Bakker',
				employeeNumber: '1002',
				email: 'jeroen.bakker@dezon.example',
			},
			task: { code: '20' },
		});
		const [call] = requestsTo(emu, '/times');
		expect(call.query.$filter).toBe(
			"date ge 2025-02-01 and date le 2025-02-28 and status eq 'Approved'",
		);
		expect(call.query).toMatchObject({ $orderby: 'date,id', $count: 'true' });
		expect(call.apiVersion).toBe('2.0');
		const dates = items.map((i) => i.json.date as string);
		expect([...dates].sort()).toEqual(dates);
	});

	it('by default returns every entry approved or later: an invoiced or written-off entry stays in the payroll input', async () => {
		const invoiced = emu.addTime({
			userId: 1,
			taskId: 1,
			date: '2025-02-10',
			hours: 3,
			status: 'Invoiced',
		});
		const writtenOff = emu.addTime({
			userId: 2,
			taskId: 1,
			date: '2025-02-11',
			hours: 2,
			status: 'WrittenOff',
		});
		const rejected = emu.addTime({
			userId: 2,
			taskId: 1,
			date: '2025-02-12',
			hours: 5,
			status: 'Rejected',
		});
		const run = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			filters: FEBRUARY,
		});
		const ids = run.items().map((i) => i.json.id);
		// Return All is the default: more than one page of 50.
		expect(ids.length).toBeGreaterThan(50);
		expect(ids).toEqual(expect.arrayContaining([invoiced.id, writtenOff.id]));
		expect(ids).not.toContain(rejected.id);
		const expected = emu.times.filter(
			(t) =>
				t.date.startsWith('2025-02') && ['Approved', 'Invoiced', 'WrittenOff'].includes(t.status),
		);
		expect(ids).toHaveLength(expected.length);
		expect(requestsTo(emu, '/times')[0].query.$filter).toBe(
			"date ge 2025-02-01 and date le 2025-02-28 and (status eq 'Approved' or status eq 'Invoiced' or status eq 'WrittenOff')",
		);
	});

	it('filters on user and "Any" status, and honours Limit', async () => {
		const run = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			status: 'any',
			filters: { userId: { __rl: true, mode: 'id', value: '3' } },
		});
		expect(run.items()).toHaveLength(5);
		expect(run.items().every((i) => (i.json.user as any).employeeNumber === '1003')).toBe(true);
		const [call] = requestsTo(emu, '/times');
		expect(call.query).toMatchObject({ $filter: 'user/id eq 3', $top: '5' });
	});

	it('pages through more than one page with Return All, reading users once per execution', async () => {
		for (let i = 0; i < 1100; i++)
			emu.addTime({ userId: 1 + (i % 3), taskId: 1, date: '2025-03-11', hours: 0.25 });
		const run = await runTimeChimp(
			emu,
			{
				resource: 'timeEntry',
				operation: 'getMany',
				returnAll: true,
				status: 'any',
				filters: { dateFrom: '2025-03-11' },
			},
			{ items: [{ a: 1 }, { a: 2 }] },
		);
		const items = run.items();
		const perInput = emu.times.filter((t) => t.date >= '2025-03-11').length;
		expect(perInput).toBeGreaterThan(1100);
		expect(items).toHaveLength(2 * perInput);
		expect(items[perInput].pairedItem).toEqual({ item: 1 });
		expect(new Set(items.slice(0, perInput).map((i) => i.json.id)).size).toBe(perInput);
		expect(requestsTo(emu, '/times')).toHaveLength(4); // two pages per input item
		expect(requestsTo(emu, '/users')).toHaveLength(1);
	});

	it('rejects a date that is not a date, naming the field and item', async () => {
		const run = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			returnAll: true,
			filters: { dateFrom: 'last tuesday' },
		});
		expect(run.error?.message).toContain('"Date From" is not a date');
		expect((run.error as any)?.context?.itemIndex).toBe(0);
	});
});

describe('TimeChimp node: users and tasks', () => {
	let emu: TimeChimpEmulator;
	beforeEach(async () => {
		emu = await startTimeChimpEmulator({ now: NOW });
	});
	afterEach(async () => emu.close());

	it('creates or updates users: matches on employee number, then e-mail; skips unchanged', async () => {
		const items = [
			{ nr: '1001', email: 'sanne.devries@dezon.example', name: 'Sanne de Vries' }, // unchanged
			{ nr: '1002', email: 'jeroen.bakker@dezon.example', name: 'Jeroen J. Bakker' }, // updated by number
			{ nr: '', email: 'FATIMA.ElAmrani@dezon.example', name: 'Fatima el Amrani' }, // e-mail, case-insensitive
			{ nr: '1006', email: 'daan.visser@dezon.example', name: 'Daan Visser' }, // created
			{ nr: '1006', email: 'daan.visser@dezon.example', name: 'Daan Visser' }, // now known: unchanged
		];
		const run = await runTimeChimp(
			emu,
			{
				resource: 'user',
				operation: 'upsert',
				employeeNumber: '={{ $json.nr }}',
				userName: '={{ $json.email }}',
				displayName: '={{ $json.name }}',
				additionalFields: {},
			},
			{ items },
		);
		const out = run.items();
		expect(out.map((i) => i.json.operation)).toEqual([
			'unchanged',
			'updated',
			'unchanged',
			'created',
			'unchanged',
		]);
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(emu.users.find((u) => u.id === 2)!.displayName).toBe('Jeroen J. Bakker');
		expect(emu.users.find((u) => u.employeeNumber === '1006')).toMatchObject({
			userName: 'daan.visser@dezon.example',
			active: true,
		});
		expect(emu.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
		expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(requestsTo(emu, '/users').filter((r) => r.method === 'GET')).toHaveLength(1);
	});

	it('compares employee numbers as the Nmbrs node does: "0042" and 42 are one person, never a second seat', async () => {
		emu.users.find((u) => u.employeeNumber === '1002')!.employeeNumber = '01002';
		const items = [
			{ nr: 1002, email: 'jeroen.bakker@dezon.example', name: 'Jeroen Bakker' }, // Nmbrs gives a number
			{ nr: ' 0001001 ', email: 'other.address@dezon.example', name: 'Sanne de Vries' }, // padded, e-mail differs
		];
		const run = await runTimeChimp(
			emu,
			{
				resource: 'user',
				operation: 'upsert',
				employeeNumber: '={{ $json.nr }}',
				userName: '={{ $json.email }}',
				displayName: '={{ $json.name }}',
				additionalFields: {},
			},
			{ items },
		);
		expect(run.items().map((i) => [i.json.operation, i.json.id])).toEqual([
			['unchanged', 2],
			['updated', 1],
		]);
		expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		expect(emu.users.find((u) => u.id === 1)!.userName).toBe('other.address@dezon.example');
	});

	it('creates, updates and lists users, and lists tasks', async () => {
		const created = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'create',
			userName: 'new@dezon.example',
			displayName: 'New Person',
			additionalFields: { employeeNumber: '2001', language: 'en' },
		});
		const id = created.items()[0].json.id as number;
		expect(created.items()[0].json).toMatchObject({ employeeNumber: '2001', language: 'en' });

		const updated = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'list', value: String(id) },
			updateFields: { active: false },
		});
		expect(updated.items()[0].json).toMatchObject({
			id,
			active: false,
			displayName: 'New Person',
			employeeNumber: '2001',
		});

		const inactive = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'getMany',
			returnAll: true,
			filters: { active: false },
		});
		expect(inactive.items().map((i) => i.json.id)).toEqual([id]);
		const byEmail = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'getMany',
			returnAll: false,
			limit: 10,
			filters: { email: 'Sanne.DeVries@dezon.example' },
		});
		expect(byEmail.items().map((i) => i.json.employeeNumber)).toEqual(['1001']);

		const tasks = await runTimeChimp(emu, {
			resource: 'task',
			operation: 'getMany',
			returnAll: true,
			filters: { active: true },
		});
		expect(tasks.items().map((i) => i.json.code)).toEqual(['1', '3', '30', '20', '21', '', '99']);
	});

	it('reports a missing "Update Fields" and an unknown user as node errors', async () => {
		const nothing = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'id', value: '1' },
			updateFields: {},
		});
		expect(nothing.error?.message).toBe('Nothing to update [item 0]');
		const unknown = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'id', value: '999' },
			updateFields: { displayName: 'X' },
		});
		expect(unknown.error?.name).toBe('NodeApiError');
		expect((unknown.error as any).httpCode).toBe('404');
	});
});

describe('TimeChimp node: failures, rate limits and secrecy', () => {
	let emu: TimeChimpEmulator;
	afterEach(async () => emu.close());

	it('never puts the API token into outputs or errors', async () => {
		emu = await startTimeChimpEmulator({ now: NOW });
		const secret = 'tc-wrong-secret-9f8e7d';
		const failed = await runTimeChimp(
			emu,
			{ resource: 'task', operation: 'getMany', returnAll: true, filters: {} },
			{ token: secret },
		);
		expect(failed.error?.name).toBe('NodeApiError');
		expect((failed.error as any).httpCode).toBe('401');
		expect(failed.error?.description).toContain('API token');
		expect((failed.error as any).failure).toEqual({ cause: 'credential-invalid' });
		expect(JSON.stringify(failed.run)).not.toContain(secret);
		expect(JSON.stringify(failed.error)).not.toContain(secret);
		expect(String(failed.error?.stack)).not.toContain(secret);

		const soft = await runTimeChimp(
			emu,
			{ resource: 'task', operation: 'getMany', returnAll: true, filters: {} },
			{ token: secret, onError: 'continueRegularOutput', items: [{ a: 1 }] },
		);
		expect(soft.items()).toEqual([
			{
				json: { error: 'TimeChimp did not accept the API token (HTTP 401) [item 0]' },
				pairedItem: { item: 0 },
			},
		]);

		const ok = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		expect(JSON.stringify(ok.run)).not.toContain(emu.token);
	});

	it('waits for Retry-After on 429 and then succeeds', async () => {
		emu = await startTimeChimpEmulator({
			now: NOW,
			rateLimitPerMinute: 1,
			rateLimitWindowMs: 1000,
		});
		await fetch(`${emu.baseUrl}/tasks`, { headers: { 'api-key': emu.token } }); // use up the window
		const started = Date.now();
		const run = await runTimeChimp(emu, {
			resource: 'task',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		expect(run.items()).toHaveLength(7);
		expect(requestsTo(emu, '/tasks').map((r) => r.status)).toEqual([200, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});
});

describe('TimeChimp request limiter', () => {
	it('queues callers into the sliding window and refuses waits over the bound', () => {
		const limiter = new SlidingWindowLimiter(2, 1000, 1500);
		// Third and fourth start when the first and second leave the window.
		expect([
			limiter.reserve(0),
			limiter.reserve(10),
			limiter.reserve(20),
			limiter.reserve(30),
		]).toEqual([0, 0, 980, 980]);
		expect(limiter.reserve(40)).toBe(-1); // would start at 2000: over the 1500 ms bound
		expect(limiter.reserve(1500)).toBe(500);
	});
});
