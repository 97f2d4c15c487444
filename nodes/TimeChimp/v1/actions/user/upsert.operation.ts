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
import type { TimeChimpUser } from '../../helpers/types';
import { findUser, userDiff } from '../../../core/users';
import { simplifyUser } from '../../helpers/simplify';
import { normEmployeeNumber } from '../../helpers/users';
import { createUser, putUser, userChanges } from '../../helpers/userApi';
import { SIMPLIFY_USER_DESCRIPTION, simplifyField } from '../common';
import {
	SEAT_NOTE,
	activeField,
	displayNameField,
	employeeNumberField,
	languageField,
	sendInvitationField,
	userNameField,
} from './fields';

const properties: INodeProperties[] = [
	{
		...employeeNumberField,
		description: 'Matched first. Leave empty to match on Email only.',
	},
	{
		...userNameField,
		required: true,
		description: `Matched (case-insensitive) when no user has the employee number. ${SEAT_NOTE}`,
	},
	{ ...displayNameField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...activeField,
				description: 'Whether the user can log in and register hours (applied on update)',
			},
			languageField,
			{
				...sendInvitationField,
				description: 'Whether TimeChimp e-mails a newly created user an invitation to log in',
			},
		],
	},
	simplifyField(
		`${SIMPLIFY_USER_DESCRIPTION}. The field operation (created, updated or unchanged) is always returned.`,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['upsert'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: ExecutionCache,
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		const output = (user: TimeChimpUser, operation: 'created' | 'updated' | 'unchanged') => ({
			...(simplify ? simplifyUser(user) : user),
			operation,
		});
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const employeeNumber = normEmployeeNumber(this.getNodeParameter('employeeNumber', i, ''));
		const wanted = userChanges(
			this,
			{
				userName: this.getNodeParameter('userName', i),
				displayName: this.getNodeParameter('displayName', i),
				...(employeeNumber ? { employeeNumber } : {}),
				active: extra.active,
				language: extra.language,
			},
			i,
		);
		const users = await cache.getUsers();
		const found = findUser(users, employeeNumber, String(wanted.userName));
		if ('ambiguous' in found) {
			throw new NodeOperationError(
				this.getNode(),
				`${found.ambiguous.length} TimeChimp users have employee number ${employeeNumber}`,
				{
					description: `Give each user a unique employee number (user IDs ${found.ambiguous.map((u) => u.id).join(', ')}).`,
					itemIndex: i,
				},
			);
		}
		const match = found.user;

		if (!match) {
			const fields = { ...wanted };
			delete fields.active; // not part of TimeChimp's create body; new users are active
			let created = (await createUser.call(
				this,
				{ ...fields, sendInvitation: extra.sendInvitation === true },
				i,
			)) as TimeChimpUser;
			// TimeChimp creates users active: an inactive one (e.g. no contract in payroll) needs a second call.
			if (wanted.active === false)
				created = await putUser.call(this, created, { active: false }, i);
			users.push(created);
			return output(created, 'created');
		}
		const diff = userDiff(match, wanted) as IDataObject;
		if (!Object.keys(diff).length) return output(match, 'unchanged');
		const updated = await putUser.call(this, match, diff, i);
		users[users.indexOf(match)] = updated;
		return output(updated, 'updated');
	});
}
