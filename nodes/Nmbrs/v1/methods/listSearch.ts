import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { companyLabel } from '../../app/companies';
import { companyContexts } from '../../app/companyContext';
import { companyIdFor, openSession, type NmbrsSession } from '../helpers/context';
import { toNodeError } from '../helpers/errors';

/** Runs a list read in the editor, with the node's error wording. */
async function listing(
	ctx: ILoadOptionsFunctions,
	read: (session: NmbrsSession) => Promise<INodeListSearchResult>,
): Promise<INodeListSearchResult> {
	const session = await openSession(ctx);
	try {
		return await read(session);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, session.token);
	}
}

const matches = (needle: string, ...texts: string[]) =>
	needle === '' || texts.some((t) => t.toLowerCase().includes(needle));

/** Companies as "Name (number)", the internal ID shown beside it: the ID is what is stored. */
export async function searchCompanies(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await listing(this, async (session) => {
		const needle = (filter ?? '').trim().toLowerCase();
		const companies = await session.api.listCompanies();
		return {
			results: companies
				.filter((c) => matches(needle, c.name, String(c.number), c.id))
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((c) => ({
					name: `${companyLabel(c)} · ID ${c.id}`,
					value: c.id,
					description: `Company number ${c.number}, company ID ${c.id}`,
				})),
		};
	});
}

/** The chosen company's employees as "Name (employee number)"; the employee ID is stored. */
export async function searchEmployees(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await listing(this, async (session) => {
		const needle = (filter ?? '').trim().toLowerCase();
		const context = await companyContexts(
			session.api,
			'employeeId',
		)(await companyIdFor(this, 0, session));
		return {
			results: context.roster
				.filter((e) => matches(needle, e.displayName, String(e.employeeNumber), e.email))
				.sort((a, b) => a.displayName.localeCompare(b.displayName))
				.map((e) => ({ name: `${e.displayName} (${e.employeeNumber})`, value: e.employeeId })),
		};
	});
}
