import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { TimeChimpUser } from './types';
import { loadUsers } from './users';

/** Data read once per execution and shared by all items. */
export class ExecutionCache {
	private users?: Promise<TimeChimpUser[]>;

	constructor(private readonly context: IExecuteFunctions) {}

	async getUsers(): Promise<TimeChimpUser[]> {
		const pending = (this.users ??= loadUsers.call(this.context));
		// A failed read is forgotten so the next item retries instead of replaying the failure.
		pending.catch(() => {
			if (this.users === pending) this.users = undefined;
		});
		return await pending;
	}
}

/**
 * Runs `work` per input item with n8n's conventions: results paired to their item,
 * errors tagged with the item index, and continueOnFail turning them into error items.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const data = await work(i);
			out.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(data), {
					itemData: { item: i },
				}),
			);
		} catch (error) {
			if (context.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			throw withItemIndex(context, error, i);
		}
	}
	return out;
}

/** The error as a node error that names the failing item. */
export function withItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
