import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadUsers } from '../helpers/users';

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const users = await loadUsers.call(this);
	return {
		results: users
			.filter(
				(u) =>
					!needle ||
					`${u.displayName} ${u.userName} ${u.employeeNumber ?? ''}`.toLowerCase().includes(needle),
			)
			.map((u) => ({ name: `${u.displayName} (${u.userName})`, value: String(u.id) })),
	};
}
