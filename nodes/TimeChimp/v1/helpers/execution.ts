import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { Memo } from '../../../shared/memo';
import { forEachItem as runPerItem } from '../../../shared/perItem';
import type { TimeChimpUser } from './types';
import { loadUsers } from './users';

/** Data read once per execution and shared by all items. */
export class ExecutionCache {
	private readonly memo = new Memo();

	constructor(private readonly context: IExecuteFunctions) {}

	async getUsers(): Promise<TimeChimpUser[]> {
		return await this.memo.once('users', () => loadUsers.call(this.context));
	}
}

/** Runs `work` per input item through the shared loop (nodes/shared/perItem.ts). */
export async function forEachItem(
	context: IExecuteFunctions,
	work: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await runPerItem(context, work, (error, i) => withItemIndex(context, error, i));
}

/** The error as a node error; the shared loop names the item. */
export function withItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
