import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

/**
 * The one per-item loop of both nodes, with n8n's item conventions decided once: every output
 * paired to its item, every error naming it (`[item N]`), and Continue On Fail turning errors
 * into error items. `toError` turns whatever went wrong into the node's own error.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	work: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	toError: (error: unknown, itemIndex: number) => Error,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await work(i);
			for (const json of Array.isArray(result) ? result : [result])
				out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = namingItem(toError(error, i), i);
			if (!ctx.continueOnFail()) throw nodeError;
			out.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
		}
	}
	return out;
}

/** Adds `[item N]` to a node error's message once, and the item to its context. */
export function namingItem(error: Error, itemIndex: number): Error {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	error.context.itemIndex ??= itemIndex;
	if (!/\[item \d+\]$/.test(error.message)) error.message = `${error.message} [item ${itemIndex}]`;
	return error;
}
