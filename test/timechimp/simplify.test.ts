// Simplify (on by default) on TimeChimp Time Entry → Get Many and on every User operation: only the
// documented keys, and no BSN or other personal data; off gives TimeChimp's full record.
import { startTimeChimpEmulator, type TimeChimpEmulator } from '../emulators/timechimp';
import { runTimeChimp } from './support';

const NOW = new Date('2025-03-12T10:00:00Z');
const FEBRUARY = { dateFrom: '2025-02-01T00:00:00', dateTo: '2025-02-28T00:00:00' };
const BSN = '111222333';
/** Personal fields a TimeChimp account may hold beyond the emulator's model. */
const PRIVATE = {
	privateAddress: 'Kerkstraat 1, 1234 AB Dorp',
	birthDate: '1990-04-01',
	phoneNumber: '+31 6 12345678',
};
const USER_KEYS = ['id', 'userName', 'displayName', 'employeeNumber', 'active', 'language'];
const ENTRY_KEYS = ['id', 'date', 'hours', 'status', 'modified', 'user', 'task', 'project'];

describe('TimeChimp node: Simplify', () => {
	let emu: TimeChimpEmulator;
	beforeEach(async () => {
		emu = await startTimeChimpEmulator({ now: NOW });
		// Plant a BSN and other personal data on every user.
		for (const user of emu.users) Object.assign(user, { citizenServiceNumber: BSN, ...PRIVATE });
	});
	afterEach(async () => emu.close());

	const secretsIn = (json: string) =>
		[BSN, ...Object.values(PRIVATE), 'citizenServiceNumber', 'contracts'].filter((s) =>
			json.includes(s),
		);

	it('time entries: by default exactly the documented keys, no BSN anywhere in the run', async () => {
		const run = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			filters: FEBRUARY,
		});
		const items = run.items();
		expect(items.length).toBeGreaterThan(50);
		for (const { json } of items) {
			expect(Object.keys(json)).toEqual(ENTRY_KEYS);
			expect(Object.keys(json.user as object)).toEqual([
				'id',
				'displayName',
				'employeeNumber',
				'email',
			]);
			expect(Object.keys(json.task as object)).toEqual(['id', 'name', 'code']);
			expect(Object.keys(json.project as object)).toEqual(['id', 'name', 'code']);
			expect([typeof json.id, typeof json.hours]).toEqual(['number', 'number']);
		}
		const leave = items.find((i) => (i.json.task as any).name === 'Leave')!.json;
		const source = emu.times.find((t) => t.id === leave.id)!;
		expect(leave).toEqual({
			id: source.id,
			date: source.date,
			hours: 8,
			status: 'Approved',
			modified: source.modified,
			user: {
				id: 2,
				displayName: 'Jeroen Bakker',
				employeeNumber: '1002',
				email: 'jeroen.bakker@dezon.example',
			},
			task: { id: source.task.id, name: 'Leave', code: '20' },
			project: { id: 2, name: 'Internal', code: 'INT' },
		});
		expect(secretsIn(JSON.stringify(run.run))).toEqual([]);
	});

	it('time entries: Simplify off returns the full entry as before', async () => {
		const run = await runTimeChimp(emu, {
			resource: 'timeEntry',
			operation: 'getMany',
			simplify: false,
			filters: FEBRUARY,
		});
		const first = run.items()[0].json;
		const source = emu.times.find((t) => t.id === first.id)!;
		expect(first).toEqual({
			...source,
			user: { ...source.user, employeeNumber: '1001', email: 'sanne.devries@dezon.example' },
		});
	});

	it('users: Get Many by default gives exactly the documented keys and no BSN; off gives the full user', async () => {
		const simple = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		expect(simple.items()).toHaveLength(emu.users.length);
		expect(simple.items()[0].json).toEqual({
			id: 1,
			userName: 'sanne.devries@dezon.example',
			displayName: 'Sanne de Vries',
			employeeNumber: '1001',
			active: true,
			language: 'nl',
		});
		for (const { json } of simple.items()) expect(Object.keys(json)).toEqual(USER_KEYS);
		expect(secretsIn(JSON.stringify(simple.run))).toEqual([]);

		const full = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'getMany',
			returnAll: true,
			simplify: false,
			filters: {},
		});
		expect(full.items().map((i) => i.json)).toEqual(JSON.parse(JSON.stringify(emu.users)));
		expect(full.items()[0].json.citizenServiceNumber).toBe(BSN);
	});

	it('users: Create, Update and Create or Update return the simplified user too (operation kept)', async () => {
		const created = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'create',
			userName: 'new@dezon.example',
			displayName: 'New Person',
			additionalFields: { employeeNumber: '2001' },
		});
		const id = created.items()[0].json.id;
		expect(Object.keys(created.items()[0].json)).toEqual(USER_KEYS);

		const updated = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'id', value: '1' },
			updateFields: { displayName: 'Sanne de Vries-Jansen' },
		});
		expect(updated.items()[0].json).toEqual({
			id: 1,
			userName: 'sanne.devries@dezon.example',
			displayName: 'Sanne de Vries-Jansen',
			employeeNumber: '1001',
			active: true,
			language: 'nl',
		});
		// The BSN was sent back unchanged (PUT keeps current values) but is not shown.
		expect(emu.users[0].citizenServiceNumber).toBe(BSN);

		const upserted = await runTimeChimp(
			emu,
			{
				resource: 'user',
				operation: 'upsert',
				employeeNumber: '={{ $json.nr }}',
				userName: '={{ $json.email }}',
				displayName: '={{ $json.name }}',
				additionalFields: {},
			},
			{
				items: [
					{ nr: '1002', email: 'jeroen.bakker@dezon.example', name: 'Jeroen Bakker' },
					{ nr: '1003', email: 'fatima.elamrani@dezon.example', name: 'Fatima El Amrani-B' },
				],
			},
		);
		expect(upserted.items().map((i) => Object.keys(i.json))).toEqual([
			[...USER_KEYS, 'operation'],
			[...USER_KEYS, 'operation'],
		]);
		expect(upserted.items().map((i) => i.json.operation)).toEqual(['unchanged', 'updated']);
		for (const run of [created, updated, upserted])
			expect(secretsIn(JSON.stringify(run.run))).toEqual([]);

		const full = await runTimeChimp(emu, {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'id', value: String(id) },
			updateFields: { active: false },
			simplify: false,
		});
		expect(full.items()[0].json).toMatchObject({ id, active: false, role: { id: 3 } });
		expect(Object.keys(full.items()[0].json)).toEqual(expect.arrayContaining(['contracts']));
	});
});
