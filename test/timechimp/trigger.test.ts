import type {
	IDataObject,
	IHttpRequestOptions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';

import { TimeChimpApi } from '../../credentials/TimeChimpApi.credentials';
import { TimeChimpTrigger } from '../../nodes/TimeChimpTrigger/TimeChimpTrigger.node';
import { startTimeChimpEmulator, type TimeChimpEmulator } from '../emulators/timechimp';

/**
 * The slice of IPollFunctions the trigger uses. Requests go over real HTTP with the
 * credential's own generic authentication; static data persists across polls.
 */
function pollContext(
	emu: TimeChimpEmulator,
	params: IDataObject,
	staticData: IDataObject,
	mode = 'trigger',
) {
	const credentials = { apiToken: emu.token, baseUrl: emu.baseUrl };
	const auth = new TimeChimpApi().authenticate.properties.headers as Record<string, string>;
	const headers = Object.fromEntries(
		Object.entries(auth).map(([k, v]) => [
			k,
			v.replace(/^=\{\{\$credentials\.(\w+)\}\}$/, (_m, key: 'apiToken') => credentials[key]),
		]),
	);
	const context = {
		getNode: () => ({
			id: 't',
			name: 'TimeChimp Trigger',
			type: 'n8n-nodes-nmbrs.timeChimpTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: params,
		}),
		getMode: () => mode,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in params ? params[name] : fallback,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => credentials,
		helpers: {
			returnJsonArray: (data: IDataObject[]) => data.map((json) => ({ json })),
			httpRequestWithAuthentication: async (_type: string, req: IHttpRequestOptions) => {
				const qs = new URLSearchParams(
					Object.entries(req.qs ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
				);
				const res = await fetch(`${req.url}?${qs}`, { method: req.method, headers });
				return {
					statusCode: res.status,
					headers: Object.fromEntries(res.headers),
					body: await res.json(),
				};
			},
		},
	};
	return context as unknown as IPollFunctions;
}

describe('TimeChimp Trigger', () => {
	let emu: TimeChimpEmulator;
	const trigger = new TimeChimpTrigger();
	const ids = (out: INodeExecutionData[][] | null) => (out ? out[0].map((i) => i.json.id) : []);

	beforeEach(async () => {
		emu = await startTimeChimpEmulator(); // seeded entries are all modified before now
	});
	afterEach(async () => emu.close());

	it('starts the clock on the first poll, then emits each new or edited entry once', async () => {
		const state: IDataObject = {};
		const poll = () =>
			trigger.poll.call(
				pollContext(emu, { event: 'newOrUpdatedTimeEntry', approvedOnly: false }, state),
			);

		expect(await poll()).toBeNull();
		expect(state.modified).toEqual(expect.any(String));
		expect(await poll()).toBeNull();

		const added = emu.addTime({
			userId: 2,
			taskId: 2,
			date: '2025-01-02',
			hours: 1.25,
			status: 'PendingApproval',
		});
		const out = await poll();
		expect(ids(out)).toEqual([added.id]);
		expect(out![0][0].json.user).toEqual({
			id: 2,
			displayName: 'Jeroen Bakker',
			employeeNumber: '1002',
			email: 'jeroen.bakker@dezon.example',
		});
		expect(await poll()).toBeNull();

		const old = emu.times[0];
		emu.updateTime(old.id, { hours: 7.75 });
		expect(ids(await poll())).toEqual([old.id]);
		expect(await poll()).toBeNull();

		// Two changes in one window arrive together, in modified order.
		emu.updateTime(added.id, { status: 'Approved' });
		emu.updateTime(old.id, { notes: 'corrected' });
		expect(ids(await poll())).toEqual([added.id, old.id]);
		expect(await poll()).toBeNull();
	});

	it('does not repeat or lose entries sharing the high-water mark', async () => {
		const state: IDataObject = {};
		const poll = () => trigger.poll.call(pollContext(emu, { approvedOnly: false }, state));
		await poll();
		const a = emu.addTime({ userId: 1, taskId: 1, date: '2025-01-03', hours: 8 });
		const b = emu.addTime({ userId: 1, taskId: 3, date: '2025-01-03', hours: 1 });
		b.modified = a.modified; // same stamp, as a bulk approval can produce
		expect(ids(await poll())).toEqual([a.id, b.id]);
		const c = emu.addTime({ userId: 3, taskId: 1, date: '2025-01-03', hours: 7.5 });
		c.modified = a.modified; // arrives late with the same stamp
		expect(ids(await poll())).toEqual([c.id]);
		expect(await poll()).toBeNull();
	});

	it('with Approved Only, emits entries when they get approved', async () => {
		const state: IDataObject = {};
		const poll = () => trigger.poll.call(pollContext(emu, { approvedOnly: true }, state));
		await poll();
		const pending = emu.addTime({
			userId: 1,
			taskId: 1,
			date: '2025-01-06',
			hours: 8,
			status: 'PendingApproval',
		});
		const approved = emu.addTime({
			userId: 2,
			taskId: 1,
			date: '2025-01-06',
			hours: 8,
			status: 'Approved',
		});
		expect(ids(await poll())).toEqual([approved.id]);
		emu.updateTime(pending.id, { status: 'Approved' });
		expect(ids(await poll())).toEqual([pending.id]);
		const last = emu.requests.filter((r) => r.path === '/times').pop()!;
		expect(last.query.$filter).toMatch(/^modified ge \S+Z and status eq 'Approved'$/);
	});

	it('shows the latest entries in a manual test run without touching state', async () => {
		const state: IDataObject = {};
		const out = await trigger.poll.call(pollContext(emu, { approvedOnly: false }, state, 'manual'));
		expect(out![0]).toHaveLength(5);
		const newest = [...emu.times]
			.sort((x, y) => x.modified.localeCompare(y.modified))
			.slice(-5)
			.map((t) => t.id);
		expect(ids(out)).toEqual(newest);
		expect((out![0][0].json.user as IDataObject).employeeNumber).toMatch(/^100[123]$/);
		expect(state).toEqual({});
	});
});
