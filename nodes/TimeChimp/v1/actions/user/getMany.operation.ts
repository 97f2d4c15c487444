import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../helpers/execution';
import { andFilter, odataString } from '../../helpers/odata';
import { simplifyUser } from '../../helpers/simplify';
import { normEmail } from '../../../core/users';
import { timeChimpGetAll } from '../../../transport';
import { SIMPLIFY_USER_DESCRIPTION, returnAllOrLimit, simplifyField } from '../common';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	simplifyField(SIMPLIFY_USER_DESCRIPTION),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active users (on) or only inactive users (off)',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the user who logs in with this e-mail address (case-insensitive)',
			},
			{
				displayName: 'Employee Number',
				name: 'employeeNumber',
				type: 'string',
				default: '',
				description: 'Only users with this payroll employee number',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const employeeNumber = String(filters.employeeNumber ?? '').trim();
		const email = normEmail(filters.email);
		const filter = andFilter([
			typeof filters.active === 'boolean' && `active eq ${filters.active}`,
			employeeNumber && `employeeNumber eq ${odataString(employeeNumber)}`,
		]);
		// E-mail is matched here, case-insensitively, so the limit applies after it.
		const users = await timeChimpGetAll.call(
			this,
			'/users',
			{ filter, orderby: 'id' },
			email ? undefined : limit,
			i,
		);
		const matching = email ? users.filter((u) => normEmail(u.userName) === email) : users;
		const out = limit === undefined ? matching : matching.slice(0, limit);
		return this.getNodeParameter('simplify', i, true) ? out.map(simplifyUser) : out;
	});
}
