import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../helpers/execution';
import { simplifyUser } from '../../helpers/simplify';
import { createUser } from '../../helpers/userApi';
import { SIMPLIFY_USER_DESCRIPTION, simplifyField } from '../common';
import {
	SEAT_NOTE,
	displayNameField,
	employeeNumberField,
	languageField,
	requireEmail,
	requireText,
	sendInvitationField,
	userNameField,
} from './fields';

const properties: INodeProperties[] = [
	{ ...userNameField, required: true, description: `${userNameField.description}. ${SEAT_NOTE}` },
	{ ...displayNameField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [employeeNumberField, languageField, sendInvitationField],
	},
	simplifyField(SIMPLIFY_USER_DESCRIPTION),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const fields: IDataObject = {
			userName: requireEmail(this, this.getNodeParameter('userName', i), i),
			displayName: requireText(this, 'Display Name', this.getNodeParameter('displayName', i), i),
		};
		if (String(extra.employeeNumber ?? '').trim())
			fields.employeeNumber = String(extra.employeeNumber).trim();
		if (extra.language) fields.language = extra.language;
		fields.sendInvitation = extra.sendInvitation === true;
		const created = await createUser.call(this, fields, i);
		return this.getNodeParameter('simplify', i, true) ? simplifyUser(created) : created;
	});
}
