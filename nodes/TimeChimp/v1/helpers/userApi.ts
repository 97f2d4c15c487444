// TimeChimp user writes shared by the user operations, so operation files do not import each other.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { firstResult, timeChimpRequest } from '../../transport';
import { requireEmail, requireText } from '../actions/user/fields';
import type { TimeChimpUser } from './types';

/** POST /users; the body TimeChimp v2 documents for creating a user. */
export async function createUser(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const body: IDataObject = { sendInvitation: false, ...fields };
	const response = await timeChimpRequest.call(this, 'POST', '/users', { body, itemIndex });
	const echo = { ...body };
	delete echo.sendInvitation; // write-only
	return firstResult(response) ?? echo;
}

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
