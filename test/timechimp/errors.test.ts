// What a user sees when TimeChimp refuses the token or cannot be reached: the package's own words,
// through the real n8n engine (n8n's error classes rewrite messages that name a network code).
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { runWorkflow } from '../support/n8n-harness';
import { startTimeChimpEmulator, type TimeChimpEmulator } from '../emulators/timechimp';
import { runTimeChimp } from './support';

const NOW = new Date('2025-03-12T10:00:00Z');
const WRONG_TOKEN = 'tc-wrong-token-5a4b3c2d1e';
const TASKS = { resource: 'task', operation: 'getMany', returnAll: true, filters: {} };

/** The TimeChimp Trigger alone, started by the engine as a manual test run. */
async function runTrigger(baseUrl: string, apiToken: string) {
	const result = await runWorkflow(
		{
			nodes: [
				{
					id: 'tr',
					name: 'Trigger',
					type: 'n8n-nodes-nmbrs.timeChimpTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { event: 'newOrUpdatedTimeEntry', approvedOnly: false },
					credentials: { timeChimpApi: { id: '1', name: 'TimeChimp' } },
				},
			],
			connections: {},
		},
		{ credentials: { timeChimpApi: { apiToken, baseUrl } } },
	);
	return result;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

const close = (server: Server) =>
	new Promise<void>((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	});

describe('TimeChimp: a wrong API token, in plain language', () => {
	let emu: TimeChimpEmulator;
	beforeEach(async () => {
		emu = await startTimeChimpEmulator({ now: NOW });
	});
	afterEach(async () => emu.close());

	it('the node says the token was not accepted and how to make a new one, naming the item', async () => {
		const run = await runTimeChimp(emu, TASKS, { token: WRONG_TOKEN });
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('TimeChimp did not accept the API token (HTTP 401) [item 0]');
		expect(run.error?.description).toBe(
			'The token is wrong, was deleted or has expired. In TimeChimp, click the gear icon, open API v2 and create an API token (you need the Owner or Admin role), then paste it into the API Token field of the TimeChimp credential in n8n. TimeChimp said: Unauthorized',
		);
		expect((run.error as any).httpCode).toBe('401');
		expect(JSON.stringify(run.run)).not.toContain(WRONG_TOKEN);
		expect(String(run.error?.stack)).not.toContain(WRONG_TOKEN);

		const soft = await runTimeChimp(emu, TASKS, {
			token: WRONG_TOKEN,
			onError: 'continueRegularOutput',
			items: [{ a: 1 }, { a: 2 }],
		});
		expect(soft.items().map((i) => i.json.error)).toEqual([
			'TimeChimp did not accept the API token (HTTP 401) [item 0]',
			'TimeChimp did not accept the API token (HTTP 401) [item 1]',
		]);
		expect(JSON.stringify(soft.run)).not.toContain(WRONG_TOKEN);
	});

	it('the trigger says the same, without an item', async () => {
		const run = await runTrigger(emu.baseUrl, WRONG_TOKEN);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('TimeChimp did not accept the API token (HTTP 401)');
		expect(run.error?.description).toContain(
			'create an API token (you need the Owner or Admin role), then paste it into the API Token field of the TimeChimp credential',
		);
		expect(JSON.stringify(run.run)).not.toContain(WRONG_TOKEN);
		// The right token works through the same path.
		const ok = await runTrigger(emu.baseUrl, emu.token);
		expect(ok.error).toBeUndefined();
		expect(ok.outputOf('Trigger')).toHaveLength(5);
	});
});

describe('TimeChimp: network failures keep the package wording through n8n', () => {
	it('a connection closed before any answer: "closed by TimeChimp", not the code or n8n\'s text', async () => {
		let hits = 0;
		const [server, baseUrl] = await listen((req) => {
			hits++;
			req.socket.destroy();
		});
		try {
			const run = await runTimeChimp({ token: WRONG_TOKEN, baseUrl } as TimeChimpEmulator, TASKS);
			expect(hits).toBe(1);
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.error?.message).toBe(
				'Could not reach TimeChimp: the connection was closed by TimeChimp before it answered [item 0]',
			);
			expect(run.error?.description).toBe(
				'GET /tasks got no answer (network code ECONNRESET). Check the Base URL in the TimeChimp credential (default https://v2.api.timechimp.com) and that this n8n can reach it; a read is safe to run again.',
			);
			expect((run.error as any).failure).toEqual({ cause: 'temporarily-unavailable' });
			expect(JSON.stringify(run.run)).not.toContain(WRONG_TOKEN);

			const trigger = await runTrigger(baseUrl, WRONG_TOKEN);
			expect(trigger.error?.message).toBe(
				'Could not reach TimeChimp: the connection was closed by TimeChimp before it answered',
			);
		} finally {
			await close(server);
		}
	});

	it('nothing listening at the Base URL: "connection refused" in words', async () => {
		const [server, baseUrl] = await listen(() => undefined);
		await close(server); // the port is free again: connecting is refused
		const run = await runTimeChimp({ token: WRONG_TOKEN, baseUrl } as TimeChimpEmulator, TASKS, {
			onError: 'continueRegularOutput',
			items: [{ a: 1 }],
		});
		expect(run.items().map((i) => i.json.error)).toEqual([
			'Could not reach TimeChimp: nothing accepted the connection at the Base URL (connection refused) [item 0]',
		]);
	});
});
