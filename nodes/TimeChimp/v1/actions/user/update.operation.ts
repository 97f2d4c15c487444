import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../helpers/execution';
import { simplifyUser } from '../../helpers/simplify';
import { putUser, userChanges } from '../../helpers/userApi';
import type { TimeChimpUser } from '../../helpers/types';
import { firstResult, timeChimpRequest } from '../../../transport';
import { SIMPLIFY_USER_DESCRIPTION, locatorValue, simplifyField, userLocator } from '../common';
import {
	activeField,
	displayNameField,
	employeeNumberField,
	languageField,
	userNameField,
} from './fields';

const properties: INodeProperties[] = [
	userLocator({ required: true, description: 'The TimeChimp user to update' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [activeField, displayNameField, userNameField, employeeNumberField, languageField],
	},
	simplifyField(SIMPLIFY_USER_DESCRIPTION),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const id = locatorValue(this.getNodeParameter('userId', i));
		if (!/^\d+$/.test(id)) {
			throw new NodeOperationError(
				this.getNode(),
				`"User" must be a TimeChimp user ID (a number), not "${id}"`,
				{
					itemIndex: i,
				},
			);
		}
		const changes = userChanges(
			this,
			this.getNodeParameter('updateFields', i, {}) as IDataObject,
			i,
		);
		if (!Object.keys(changes).length) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update', {
				description: 'Add at least one field under "Update Fields".',
				itemIndex: i,
			});
		}
		const current = firstResult<TimeChimpUser>(
			await timeChimpRequest.call(this, 'GET', `/users/${id}`, { itemIndex: i }),
		);
		if (!current) {
			throw new NodeOperationError(this.getNode(), `TimeChimp has no user with ID ${id}`, {
				itemIndex: i,
			});
		}
		const updated = await putUser.call(this, current, changes, i);
		return this.getNodeParameter('simplify', i, true) ? simplifyUser(updated) : updated;
	});
}
