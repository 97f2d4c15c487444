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
import { addEmployeeFields } from '../../helpers/users';
import { timeChimpGetAll } from '../../transport';
import { locatorValue, returnAllOrLimit, userLocator } from '../common';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
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
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'Approved',
				description:
					'Only entries with this approval status. Payroll exports should use Approved. Without this filter every status is returned.',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Approved', value: 'Approved' },
					{ name: 'Invoiced', value: 'Invoiced' },
					{ name: 'Open', value: 'Open' },
					{ name: 'Pending Approval', value: 'PendingApproval' },
					{ name: 'Rejected', value: 'Rejected' },
					{ name: 'Written Off', value: 'WrittenOff' },
				],
			},
			userLocator({ description: 'Only entries of this user' }),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['getMany'] } },
	properties,
);

export function timeEntryFilter(context: IExecuteFunctions, filters: IDataObject, itemIndex: number): string | undefined {
	const date = (name: 'dateFrom' | 'dateTo') => {
		if (!filters[name]) return undefined;
		const value = odataDate(String(filters[name]));
		if (!value) {
			const label = name === 'dateFrom' ? 'Date From' : 'Date To';
			throw new NodeOperationError(context.getNode(), `"${label}" is not a date: ${String(filters[name])}`, {
				description: 'Use a date like 2025-01-31.',
				itemIndex,
			});
		}
		return value;
	};
	const from = date('dateFrom');
	const to = date('dateTo');
	const status = filters.status as string | undefined;
	const userId = locatorValue(filters.userId);
	if (userId && !/^\d+$/.test(userId)) {
		throw new NodeOperationError(context.getNode(), `"User" must be a TimeChimp user ID (a number), not "${userId}"`, {
			itemIndex,
		});
	}
	return andFilter([
		from && `date ge ${from}`,
		to && `date le ${to}`,
		status && status !== 'any' && `status eq ${odataString(status)}`,
		userId && `user/id eq ${userId}`,
	]);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: ExecutionCache,
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
		const filter = timeEntryFilter(this, this.getNodeParameter('filters', i, {}) as IDataObject, i);
		const entries = await timeChimpGetAll.call(this, '/times', { filter, orderby: 'date,id' }, limit, i);
		if (!entries.length) return [];
		return addEmployeeFields(entries, await cache.getUsers());
	});
}
