import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, workflowWith } from '../support/n8n-harness';
import type { TimeChimpEmulator } from '../emulators/timechimp';

export const NODE_TYPE = 'n8n-nodes-nmbrs.timeChimp';

/** Runs one TimeChimp node (behind a manual trigger, optionally fed `items`) against the emulator. */
export async function runTimeChimp(
	emu: TimeChimpEmulator,
	parameters: IDataObject,
	opts: { items?: IDataObject[]; token?: string; onError?: string } = {},
) {
	const workflow = workflowWith(
		{
			type: NODE_TYPE,
			parameters,
			onError: opts.onError,
			credentials: { timeChimpApi: { id: '1', name: 'TimeChimp' } },
		},
		opts.items,
	);
	const result = await runWorkflow(workflow, {
		credentials: { timeChimpApi: { apiToken: opts.token ?? emu.token, baseUrl: emu.baseUrl } },
	});
	return { ...result, items: () => result.outputOf('Node') };
}

export const requestsTo = (emu: TimeChimpEmulator, path: string) =>
	emu.requests.filter((r) => r.path === path);
