import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEMO_USER, startNmbrsEmulator, type NmbrsEmulator } from '../emulators/nmbrs';
import { runWorkflow, workflowWith, type RunResult } from './n8n-harness';

export const NMBRS_NODE = 'n8n-nodes-nmbrs.nmbrs';

/** Hours → Export parameters for input items shaped { emp, code, hours, date }. */
export const exportParams = (extra: IDataObject = {}, options: IDataObject = {}): IDataObject => ({
	resource: 'hours',
	operation: 'export',
	matchEmployeeBy: 'employeeNumber',
	employee: '={{ $json.emp }}',
	hourCode: '={{ $json.code }}',
	hours: '={{ $json.hours }}',
	date: '={{ $json.date }}',
	year: 0,
	period: 0,
	preview: false,
	allowPastPeriods: false,
	options,
	...extra,
});

export interface NmbrsFixture {
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
	/** Output of the node, or throws the node's error. */
	output(
		parameters: IDataObject,
		items?: IDataObject[],
		opts?: { onError?: string; credentials?: IDataObject },
	): Promise<INodeExecutionData[]>;
}

export async function startNmbrsFixture(now = new Date()): Promise<NmbrsFixture> {
	const emulator = await startNmbrsEmulator({ seed: 'demo', now });
	const demo = emulator.demo!;
	const credentials = (overrides: IDataObject = {}) => ({
		email: DEMO_USER.username,
		apiToken: DEMO_USER.token,
		domain: DEMO_USER.domain,
		administration: demo.companyId,
		environment: 'custom',
		baseUrl: emulator.baseUrl,
		...overrides,
	});
	const run: NmbrsFixture['run'] = (parameters, items, opts = {}) =>
		runWorkflow(
			workflowWith(
				{
					type: NMBRS_NODE,
					parameters,
					onError: opts.onError,
					credentials: { nmbrsApi: { id: '1', name: 'Nmbrs' } },
				},
				items,
			),
			{ credentials: { nmbrsApi: credentials(opts.credentials) as never } },
		);
	return {
		emulator,
		companyId: demo.companyId,
		employeeIds: demo.employeeIds,
		credentials,
		run,
		output: async (parameters, items, opts) =>
			(await run(parameters, items, opts)).outputOf('Node'),
	};
}
