import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openSession, type NmbrsSession } from '../helpers/context';
import { toNodeError } from '../helpers/errors';
import * as company from './company/Company.resource';
import * as employee from './employee/Employee.resource';
import * as hourCode from './hourCode/HourCode.resource';
import * as hours from './hours/Hours.resource';

export type OperationExecute = (
	this: IExecuteFunctions,
	session: NmbrsSession,
) => Promise<INodeExecutionData[]>;

const resources: Record<string, Record<string, { execute: OperationExecute }>> = {
	company: company.operations,
	hourCode: hourCode.operations,
	employee: employee.operations,
	hours: hours.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const session = await openSession(this);
	try {
		return [await handler.execute.call(this, session)];
	} catch (error) {
		throw toNodeError(this.getNode(), error, session.token);
	}
}
