import type { IDataObject } from 'n8n-workflow';

import { timeChimpGetAll, type TimeChimpContext } from '../../transport';
import type { TimeChimpUser, TimeEntry } from './types';

/** All TimeChimp users (active and inactive): one paged read. */
export async function loadUsers(this: TimeChimpContext): Promise<TimeChimpUser[]> {
	return (await timeChimpGetAll.call(this, '/users', { orderby: 'id' })) as TimeChimpUser[];
}

/**
 * Time entries carry only user id and name; payroll needs the employee number and the
 * e-mail (TimeChimp's userName), so both are copied in from the users list.
 */
export function addEmployeeFields(entries: IDataObject[], users: TimeChimpUser[]): TimeEntry[] {
	const byId = new Map(users.map((u) => [u.id, u]));
	return entries.map((entry) => {
		const ref = (entry.user ?? {}) as IDataObject;
		const user = byId.get(Number(ref.id));
		return {
			...entry,
			user: {
				...ref,
				employeeNumber: user?.employeeNumber ?? null,
				email: user?.userName ?? null,
			},
		} as TimeEntry;
	});
}

export const normEmployeeNumber = (value: unknown) => String(value ?? '').trim();
