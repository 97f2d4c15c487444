import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEMO_USER, startNmbrsEmulator, type NmbrsEmulator } from '../emulators/nmbrs';
import { oauth2Credential, type Backend } from './backends';
import { loadOptions, runWorkflow, workflowWith, type RunResult } from './n8n-harness';

export const NMBRS_NODE = 'n8n-nodes-nmbrs.nmbrs';

/** Hours → Export parameters for input items shaped { emp, code, hours, date }. */
export const exportParams = (extra: IDataObject = {}, options: IDataObject = {}): IDataObject => ({
	resource: 'hours',
	operation: 'export',
	employee: { __rl: true, mode: 'employeeNumber', value: '={{ $json.emp }}' },
	hourCode: '={{ $json.code }}',
	hours: '={{ $json.hours }}',
	date: '={{ $json.date }}',
	// Year and Period Number 0: the company's current period, unless a test gives them.
	payrollPeriod: 'specific',
	year: 0,
	period: 0,
	preview: false,
	options,
	...extra,
});

export interface NmbrsFixture {
	backend: Backend;
	emulator: NmbrsEmulator;
	companyId: string;
	employeeIds: Record<number, string>;
	credentials(overrides?: IDataObject): IDataObject;
	/** Runs the Nmbrs node once (after a manual trigger, fed with `items` when given). */
	run(
		parameters: IDataObject,
		items?: IDataObject[],
		opts?: { onError?: string; credentials?: IDataObject },
	): Promise<RunResult>;
	/** What the editor lists for a field of the node as configured (listSearch or loadOptions). */
	list(
		parameters: IDataObject,
		method: Parameters<typeof loadOptions>[1],
		opts?: { credentials?: IDataObject },
	): ReturnType<typeof loadOptions>;
	/** Output of the node, or throws the node's error. */
	output(
		parameters: IDataObject,
		items?: IDataObject[],
		opts?: { onError?: string; credentials?: IDataObject },
	): Promise<INodeExecutionData[]>;
}

/**
 * The emulator with the demo seed and the Nmbrs node wired to it through one backend: SOAP
 * (credential Nmbrs API) or REST (Nmbrs OAuth2 API, connected by the emulator's real code
 * flow; tokens refreshed by n8n-core are kept between runs, as n8n's database keeps them).
 */
export async function startNmbrsFixture(
	now = new Date(),
	backend: Backend = 'soap',
): Promise<NmbrsFixture> {
	const emulator = await startNmbrsEmulator({ seed: 'demo', now });
	const demo = backend === 'soap' ? emulator.demo! : emulator.restIds();
	let tokenData: IDataObject | undefined =
		backend === 'rest' ? ((await emulator.authorize()) as IDataObject) : undefined;
	const credentials = (overrides: IDataObject = {}) =>
		backend === 'soap'
			? {
					email: DEMO_USER.username,
					apiToken: DEMO_USER.token,
					domain: DEMO_USER.domain,
					administration: demo.companyId,
					environment: 'custom',
					baseUrl: emulator.baseUrl,
					...overrides,
				}
			: oauth2Credential(emulator, tokenData!, { administration: demo.companyId, ...overrides });
	const type = backend === 'soap' ? 'nmbrsApi' : 'nmbrsOAuth2Api';
	const run: NmbrsFixture['run'] = async (parameters, items, opts = {}) => {
		const store = { [type]: credentials(opts.credentials) as never };
		const result = await runWorkflow(
			workflowWith(
				{
					type: NMBRS_NODE,
					parameters: backend === 'soap' ? parameters : { authentication: 'oAuth2', ...parameters },
					onError: opts.onError,
					credentials: { [type]: { id: '1', name: 'Nmbrs' } },
				},
				items,
			),
			{ credentials: store },
		);
		if (backend === 'rest') tokenData = (store[type] as IDataObject).oauthTokenData as IDataObject;
		return result;
	};
	const list: NmbrsFixture['list'] = async (parameters, method, opts = {}) => {
		const store = { [type]: credentials(opts.credentials) as never };
		const result = await loadOptions(
			{
				type: NMBRS_NODE,
				parameters: (backend === 'soap'
					? parameters
					: { authentication: 'oAuth2', ...parameters }) as INodeParameters,
				credentials: { [type]: { id: '1', name: 'Nmbrs' } },
			},
			method,
			{ credentials: store },
		);
		if (backend === 'rest') tokenData = (store[type] as IDataObject).oauthTokenData as IDataObject;
		return result;
	};
	return {
		backend,
		emulator,
		companyId: demo.companyId,
		employeeIds: demo.employeeIds,
		credentials,
		run,
		list,
		output: async (parameters, items, opts) =>
			(await run(parameters, items, opts)).outputOf('Node'),
	};
}
