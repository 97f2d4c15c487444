import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ExecutionCache } from '../helpers/execution';
import * as task from './task/Task.resource';
import * as timeEntry from './timeEntry/TimeEntry.resource';
import * as user from './user/User.resource';

type Operation = {
	execute: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		cache: ExecutionCache,
	) => Promise<INodeExecutionData[]>;
};

const resources: Record<string, Record<string, Operation>> = {
	timeEntry: timeEntry.operations,
	user: user.operations,
	task: task.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for "${resource}"`,
		);
	}
	return [await handler.execute.call(this, items, new ExecutionCache(this))];
}
