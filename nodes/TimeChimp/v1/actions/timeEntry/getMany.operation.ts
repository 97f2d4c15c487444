import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { ExecutionCache } from '../../helpers/execution';
import { forEachItem } from '../../helpers/execution';
import { andFilter, odataDate, odataString } from '../../helpers/odata';
import { simplifyTimeEntry } from '../../helpers/simplify';
import { addEmployeeFields } from '../../helpers/users';
import { timeChimpGetAll } from '../../../transport';
import { locatorValue, returnAllOrLimit, simplifyField, userLocator } from '../common';

/** Statuses of worked time that payroll pays: approved, and still so once billed or written off. */
export const APPROVED_ONWARD = ['Approved', 'Invoiced', 'WrittenOff'];

const properties: INodeProperties[] = [
	// Payroll needs every entry of the period: a partial page would look like hours withdrawn.
	{ ...returnAllOrLimit[0], default: true },
	returnAllOrLimit[1],
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'approvedOnward',
		description: 'Which entries to return, by approval status',
		options: [
			{ name: 'Any', value: 'any', description: 'Every entry, whatever its status' },
			{ name: 'Approved', value: 'Approved' },
			{
				name: 'Approved or Later (for Payroll)',
				value: 'approvedOnward',
				description:
					'Approved, Invoiced or Written Off: approved worked time stays paid once it is billed',
			},
			{ name: 'Invoiced', value: 'Invoiced' },
			{ name: 'Open', value: 'Open' },
			{ name: 'Pending Approval', value: 'PendingApproval' },
			{ name: 'Rejected', value: 'Rejected' },
			{ name: 'Written Off', value: 'WrittenOff' },
		],
	},
	simplifyField(
		"Whether to return only ID, Date, Hours, Status, Modified, the user (ID, Display Name, Employee Number, Email), the task (ID, Name, Code) and the project (ID, Name, Code) instead of TimeChimp's full time entry",
	),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Date From',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only entries on or after this date (the time of day is ignored)',
			},
			{
				displayName: 'Date To',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only entries on or before this date (the time of day is ignored)',
			},
			userLocator({ description: 'Only entries of this user' }),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['getMany'] } },
	properties,
);

export function timeEntryFilter(
	context: IExecuteFunctions,
	filters: IDataObject,
	status: string,
	itemIndex: number,
): string | undefined {
	const date = (name: 'dateFrom' | 'dateTo') => {
		if (!filters[name]) return undefined;
		const value = odataDate(String(filters[name]));
		if (!value) {
			const label = name === 'dateFrom' ? 'Date From' : 'Date To';
			throw new NodeOperationError(
				context.getNode(),
				`"${label}" is not a date: ${String(filters[name])}`,
				{
					description: 'Use a date like 2025-01-31.',
					itemIndex,
				},
			);
		}
		return value;
	};
	const from = date('dateFrom');
	const to = date('dateTo');
	const userId = locatorValue(filters.userId);
	if (userId && !/^\d+$/.test(userId)) {
		throw new NodeOperationError(
			context.getNode(),
			`"User" must be a TimeChimp user ID (a number), not "${userId}"`,
			{
				itemIndex,
			},
		);
	}
	return andFilter([
		from && `date ge ${from}`,
		to && `date le ${to}`,
		statusFilter(status),
		userId && `user/id eq ${userId}`,
	]);
}

function statusFilter(status: string): string | undefined {
	if (status === 'any' || status === '') return undefined;
	const wanted = status === 'approvedOnward' ? APPROVED_ONWARD : [status];
	const parts = wanted.map((s) => `status eq ${odataString(s)}`);
	return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: ExecutionCache,
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
		const status = this.getNodeParameter('status', i, 'approvedOnward') as string;
		const filter = timeEntryFilter(
			this,
			this.getNodeParameter('filters', i, {}) as IDataObject,
			status,
			i,
		);
		const entries = await timeChimpGetAll.call(
			this,
			'/times',
			{ filter, orderby: 'date,id' },
			limit,
			i,
		);
		if (!entries.length) return [];
		const withEmployee = addEmployeeFields(entries, await cache.getUsers());
		return this.getNodeParameter('simplify', i, true)
			? withEmployee.map(simplifyTimeEntry)
			: withEmployee;
	});
}
