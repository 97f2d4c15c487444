import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NmbrsSession } from '../helpers/context';
import { toNodeError } from '../helpers/errors';

/**
 * Runs `read` for each input item, with n8n's item conventions: pairedItem on every output,
 * `[item N]` on errors, and error items instead of a stop when Continue On Fail is on.
 */
export async function perItem(
	ctx: IExecuteFunctions,
	session: NmbrsSession,
	read: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await read(i);
			for (const json of Array.isArray(result) ? result : [result]) out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, session.token, i);
			if (!ctx.continueOnFail()) throw nodeError;
			out.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
		}
	}
	return out;
}
