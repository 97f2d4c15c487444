import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { openSession } from '../helpers/context';
import { toNodeError } from '../helpers/errors';

export async function searchCompanies(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const session = await openSession(this);
	try {
		const companies = await session.api.listCompanies();
		const needle = (filter ?? '').trim().toLowerCase();
		return {
			results: companies
				.filter(
					(c) =>
						needle === '' ||
						c.name.toLowerCase().includes(needle) ||
						String(c.number).includes(needle) ||
						c.id === needle,
				)
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((c) => ({ name: `${c.name} (${c.number})`, value: c.id })),
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error, session.token);
	}
}
