// In a real n8n 2.41.1, every error path of the Nmbrs node runs against an emulator that echoes
// the whole request (token included) in its faults, and an API user whose template hands out the
// BSN. Neither the token nor the BSN may appear anywhere n8n stores or prints: the execution
// data, the database file, stdout/stderr and the log file.
import * as fs from 'fs';
import * as path from 'path';

import {
	DEMO_USER,
	startNmbrsEmulator,
	TIMECHIMP_TEMPLATE_OPERATIONS,
	type NmbrsEmulator,
} from '../emulators/nmbrs';
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

const PLANTED_BSN = '999990031';
const TEMPLATE_USER = {
	username: 'template@dezon.example',
	token: 'template-secret-token-8642',
	domain: 'dezon',
};
const BAD_TOKEN = 'wrong-secret-token-97531';
const NOW = new Date();
// The demo's monthly company is in the previous calendar month.
const prev = {
	year: NOW.getUTCMonth() === 0 ? NOW.getUTCFullYear() - 1 : NOW.getUTCFullYear(),
	period: NOW.getUTCMonth() === 0 ? 12 : NOW.getUTCMonth(),
};

let nmbrs: NmbrsEmulator;
let home: N8nHome;
const logFile = () => path.join(home.userFolder, 'n8n.log');

beforeAll(async () => {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Nmbrs', 'Nmbrs.node.js')))
		throw new Error('dist/ is missing: run `npm run build` first (npm run verify does)');
	nmbrs = await startNmbrsEmulator({ seed: 'demo', now: NOW });
	nmbrs.addUser({ ...TEMPLATE_USER, allowedOperations: TIMECHIMP_TEMPLATE_OPERATIONS });
	for (const e of nmbrs.state.employees.values()) e.bsn = PLANTED_BSN;
	// A careless or hostile server: these operations answer with a fault that repeats the request.
	const echoed = new Set([
		'Run_GetList',
		'HourComponentVar_Get',
		'List_GetAll',
		'Company_GetCurrentPeriod',
	]);
	nmbrs.setFaultRule((call) =>
		call.username === DEMO_USER.username && echoed.has(call.operation)
			? { kind: 'echoFault', padding: 20_000 }
			: undefined,
	);
	home = await createN8nHome({ packageTarball: await packPackage() });
	const base = {
		domain: DEMO_USER.domain,
		administration: nmbrs.demo!.companyId,
		environment: 'custom',
		baseUrl: nmbrs.baseUrl,
	};
	await importCredentials(home, [
		{
			id: 'nmbrsFull00000001',
			name: 'Nmbrs full',
			type: 'nmbrsApi',
			data: { ...base, email: DEMO_USER.username, apiToken: DEMO_USER.token },
		},
		{
			id: 'nmbrsTmpl00000001',
			name: 'Nmbrs template',
			type: 'nmbrsApi',
			data: { ...base, email: TEMPLATE_USER.username, apiToken: TEMPLATE_USER.token },
		},
		{
			id: 'nmbrsBad000000001',
			name: 'Nmbrs bad token',
			type: 'nmbrsApi',
			data: { ...base, email: 'someone.else@dezon.example', apiToken: BAD_TOKEN },
		},
	]);
	// Search the raw output: nothing may be hidden by the harness' own redaction.
	home.secrets.clear();
	const cred = (id: string, name: string) => ({ nmbrsApi: { id, name } });
	const full = cred('nmbrsFull00000001', 'Nmbrs full');
	const exportLine = {
		resource: 'hours',
		operation: 'export',
		employee: { __rl: true, mode: 'employeeNumber', value: '1001' },
		hourCode: '1',
		hours: '8',
		date: '',
		payrollPeriod: 'specific',
		...prev,
		preview: false,
	};
	const steps: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
		[
			'Employees via the BSN read',
			{ resource: 'employee', operation: 'getMany', options: { includeWithoutEmail: true } },
			cred('nmbrsTmpl00000001', 'Nmbrs template'),
		],
		[
			'Export into a template user',
			{ ...exportLine, options: {} },
			cred('nmbrsTmpl00000001', 'Nmbrs template'),
		],
		['Companies, echoed fault', { resource: 'company', operation: 'getMany' }, full],
		[
			'Companies, bad token',
			{ resource: 'company', operation: 'getMany' },
			cred('nmbrsBad000000001', 'Nmbrs bad token'),
		],
		['Export, echoed faults', { ...exportLine, options: {} }, full],
		[
			'Hours, echoed fault',
			{
				resource: 'hours',
				operation: 'get',
				employee: { __rl: true, mode: 'employeeNumber', value: '1001' },
				payrollPeriod: 'specific',
				...prev,
			},
			full,
		],
		['Current period, echoed fault', { resource: 'company', operation: 'getCurrentPeriod' }, full],
	];
	const nodes: Array<Record<string, unknown>> = [
		{
			id: 'trigger',
			name: 'Run now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	steps.forEach(([name, parameters, credentials], i) =>
		nodes.push({
			id: `n${i}`,
			name,
			type: 'n8n-nodes-nmbrs.nmbrs',
			typeVersion: 1,
			position: [200 * (i + 1), 0],
			parameters,
			credentials,
			executeOnce: true,
			onError: 'continueRegularOutput',
		}),
	);
	const connections: Record<string, unknown> = {};
	nodes.slice(0, -1).forEach(
		(n, i) =>
			(connections[n.name as string] = {
				main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
			}),
	);
	// The same echoed export once more without Continue On Fail: a failed execution is stored too.
	const failing = {
		id: 'secretsFail000001',
		name: 'Secrets: failing export',
		nodes: [nodes[0], { ...nodes[5], id: 'f1', name: 'Export fails', onError: undefined }],
		connections: { 'Run now': { main: [[{ node: 'Export fails', type: 'main', index: 0 }]] } },
	};
	await importWorkflows(home, [
		{ id: 'secretsPaths00001', name: 'Secrets: every error path', nodes, connections },
		failing,
	] as never);
});

afterAll(async () => {
	home?.cleanup();
	await nmbrs?.close();
});

it('keeps the API token and the BSN out of execution data, database, stdout, stderr and log file', async () => {
	const logEnv = {
		N8N_LOG_OUTPUT: 'console,file',
		N8N_LOG_FILE_LOCATION: logFile(),
		N8N_LOG_LEVEL: 'debug',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	};
	const paths = await executeWorkflow(home, 'secretsPaths00001', { env: logEnv });
	const failing = await executeWorkflow(home, 'secretsFail000001', { env: logEnv });

	// The paths really ran: the BSN read was made, faults echoed the token, errors were raised.
	expect(
		nmbrs.calls.some(
			(c) =>
				c.operation === 'PersonalInfo_GetAll_AllEmployeesByCompany' &&
				c.username === TEMPLATE_USER.username,
		),
	).toBe(true);
	expect(nmbrs.calls.filter((c) => c.operation === 'List_GetAll').length).toBeGreaterThanOrEqual(2);
	const runData = JSON.stringify(paths.runData);
	expect(runData).toMatch(/"employeeNumber":1001/);
	expect(runData).toMatch(/Nmbrs did not accept the login/);
	expect(runData).toMatch(/Nmbrs error 9999/);
	// The template user's export ran, and said what it did without.
	expect(runData).toMatch(/may not read the current period \(Company_GetCurrentPeriod\)/);
	expect(nmbrs.totals(nmbrs.demo!.employeeIds[1001], prev.year, prev.period)).toEqual({ 1: 8 });
	expect(failing.ok).toBe(false);
	expect(JSON.stringify(failing.error)).toMatch(/9999/);

	const dbFiles = fs
		.readdirSync(path.join(home.userFolder, '.n8n'))
		.filter((f) => f.startsWith('database.sqlite'));
	const db = dbFiles
		.map((f) => fs.readFileSync(path.join(home.userFolder, '.n8n', f)).toString('latin1'))
		.join('\n');
	// The execution data is in the database file (so searching it means something).
	expect(db).toContain('sanne.devries@dezon.example');
	const places: Record<string, string> = {
		'execution data': JSON.stringify(paths.result) + JSON.stringify(failing.result),
		database: db,
		stdout: paths.stdout + failing.stdout,
		stderr: paths.stderr + failing.stderr,
		'log file': fs.existsSync(logFile()) ? fs.readFileSync(logFile(), 'utf8') : '',
	};
	expect(places['log file'].length).toBeGreaterThan(0);
	for (const [place, text] of Object.entries(places)) {
		for (const secret of [DEMO_USER.token, TEMPLATE_USER.token, BAD_TOKEN, PLANTED_BSN]) {
			expect({ place, found: text.includes(secret) ? secret : null }).toEqual({
				place,
				found: null,
			});
		}
	}
});
