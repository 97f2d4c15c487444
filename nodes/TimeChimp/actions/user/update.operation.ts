import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../helpers/execution';
import type { TimeChimpUser } from '../../helpers/types';
import { firstResult, timeChimpRequest } from '../../transport';
import { locatorValue, userLocator } from '../common';
import {
	activeField,
	displayNameField,
	employeeNumberField,
	languageField,
	requireEmail,
	requireText,
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

const WRITABLE = [
	'userName',
	'displayName',
	'employeeNumber',
	'active',
	'language',
	'badgeNumber',
	'citizenServiceNumber',
];

/**
 * PUT /users/{id}. TimeChimp's PUT may reset omitted fields, so the current values of
 * the writable fields are sent along with the changes (contracts and tags are left out).
 */
export async function putUser(
	this: IExecuteFunctions,
	current: TimeChimpUser,
	changes: IDataObject,
	itemIndex: number,
): Promise<TimeChimpUser> {
	const body: IDataObject = {};
	for (const key of WRITABLE) if (current[key] !== undefined) body[key] = current[key];
	const role = current.role as IDataObject | undefined;
	if (role?.id !== undefined) body.role = { id: role.id };
	Object.assign(body, changes);
	const response = await timeChimpRequest.call(this, 'PUT', `/users/${current.id}`, {
		body,
		itemIndex,
	});
	return (firstResult<TimeChimpUser>(response) ?? { ...current, ...changes }) as TimeChimpUser;
}

/** The changes from an Update Fields / Additional Fields collection, validated. */
export function userChanges(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const changes: IDataObject = {};
	if (fields.userName !== undefined)
		changes.userName = requireEmail(context, fields.userName, itemIndex);
	if (fields.displayName !== undefined) {
		changes.displayName = requireText(context, 'Display Name', fields.displayName, itemIndex);
	}
	if (fields.employeeNumber !== undefined)
		changes.employeeNumber = String(fields.employeeNumber).trim() || null;
	if (typeof fields.active === 'boolean') changes.active = fields.active;
	if (fields.language) changes.language = fields.language;
	return changes;
}

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
		return await putUser.call(this, current, changes, i);
	});
}
