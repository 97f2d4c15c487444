// n8n's error classes replace a message that mentions a network error code (ECONNRESET, …) with
// generic text. In a real n8n 2.41.1, a connection that Nmbrs resets must still reach the user in
// the package's own words: what happened, and that running again is safe.
import * as fs from 'fs';
import * as path from 'path';

import { DEMO_USER, startNmbrsEmulator, type NmbrsEmulator } from '../emulators/nmbrs';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	packPackage,
	REPO_ROOT,
	type N8nHome,
} from '../support/real-n8n';

jest.setTimeout(600_000);

let nmbrs: NmbrsEmulator;
let home: N8nHome;

beforeAll(async () => {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Nmbrs', 'Nmbrs.node.js')))
		throw new Error('dist/ is missing: run `npm run build` first (npm run verify does)');
	nmbrs = await startNmbrsEmulator({ seed: 'demo' });
	// Every company list is cut off mid-connection, retries included.
	nmbrs.setFaultRule((call) => (call.operation === 'List_GetAll' ? { kind: 'reset' } : undefined));
	home = await createN8nHome({ packageTarball: await packPackage() });
	await importCredentials(home, [
		{
			id: 'nmbrsReset0000001',
			name: 'Nmbrs',
			type: 'nmbrsApi',
			data: {
				email: DEMO_USER.username,
				apiToken: DEMO_USER.token,
				domain: DEMO_USER.domain,
				environment: 'custom',
				baseUrl: nmbrs.baseUrl,
			},
		},
	]);
	await importWorkflows(home, [
		{
			id: 'messagesReset0001',
			name: 'Messages: connection reset',
			nodes: [
				{
					id: 'trigger',
					name: 'Run now',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'companies',
					name: 'Companies',
					type: 'n8n-nodes-nmbrs.nmbrs',
					typeVersion: 1,
					position: [200, 0],
					parameters: { resource: 'company', operation: 'getMany' },
					credentials: { nmbrsApi: { id: 'nmbrsReset0000001', name: 'Nmbrs' } },
				},
			],
			connections: { 'Run now': { main: [[{ node: 'Companies', type: 'main', index: 0 }]] } },
		},
	] as never);
});

afterAll(async () => {
	home?.cleanup();
	await nmbrs?.close();
});

it("keeps the package's own words for a connection Nmbrs resets", async () => {
	const result = await executeWorkflow(home, 'messagesReset0001');
	expect(nmbrs.calls.filter((c) => c.operation === 'List_GetAll').length).toBeGreaterThan(0);
	expect(result.ok).toBe(false);
	const error = result.error as { message?: string; description?: string };
	expect(error.message).toBe(
		'Nmbrs could not be reached: The connection to Nmbrs was closed by the other side [item 0]',
	);
	expect(error.description).toMatch(/Re-running an export is safe/);
	expect(JSON.stringify(result.result)).not.toMatch(/closed unexpectedly/);
});
