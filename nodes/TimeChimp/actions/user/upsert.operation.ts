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
import { employeeNumberKey } from '../../../shared/employeeNumber';
import { normEmail, normEmployeeNumber } from '../../helpers/users';
import { createUser } from './create.operation';
import {
	SEAT_NOTE,
	activeField,
	displayNameField,
	employeeNumberField,
	languageField,
	sendInvitationField,
	userNameField,
} from './fields';
import { putUser, userChanges } from './update.operation';

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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['upsert'] } },
	properties,
);

/**
 * Employee number first (payroll's key, compared as Nmbrs compares it: "0042" = 42), then
 * e-mail; throws when the number is ambiguous. A second user would be a second paid seat.
 */
export function findUser(
	context: IExecuteFunctions,
	users: TimeChimpUser[],
	employeeNumber: string,
	email: string,
	itemIndex: number,
): TimeChimpUser | undefined {
	if (employeeNumber) {
		const byNumber = users.filter(
			(u) => employeeNumberKey(u.employeeNumber) === employeeNumberKey(employeeNumber),
		);
		if (byNumber.length > 1) {
			throw new NodeOperationError(
				context.getNode(),
				`${byNumber.length} TimeChimp users have employee number ${employeeNumber}`,
				{
					description: `Give each user a unique employee number (user IDs ${byNumber.map((u) => u.id).join(', ')}).`,
					itemIndex,
				},
			);
		}
		if (byNumber[0]) return byNumber[0];
	}
	return users.find((u) => normEmail(u.userName) === normEmail(email));
}

function differs(current: TimeChimpUser, changes: IDataObject): IDataObject {
	const diff: IDataObject = {};
	for (const [key, value] of Object.entries(changes)) {
		const before = current[key];
		const same =
			key === 'userName'
				? normEmail(before) === normEmail(value)
				: key === 'employeeNumber'
					? employeeNumberKey(before) === employeeNumberKey(value)
					: before === value;
		if (!same) diff[key] = value;
	}
	return diff;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: ExecutionCache,
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
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
		const match = findUser(this, users, employeeNumber, String(wanted.userName), i);

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
			return { ...created, operation: 'created' };
		}
		const diff = differs(match, wanted);
		if (!Object.keys(diff).length) return { ...match, operation: 'unchanged' };
		const updated = await putUser.call(this, match, diff, i);
		users[users.indexOf(match)] = updated;
		return { ...updated, operation: 'updated' };
	});
}
