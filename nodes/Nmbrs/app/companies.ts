import type { Company } from '../domain/types';
import type { NmbrsApi } from './ports';

/** How payroll people name a company: "Bakkerij De Zon B.V. (101)", name and company number. */
export function companyLabel(company: Company): string {
	return `${company.name} (${company.number})`;
}

/**
 * The company a person means by `given`: its ID, or else its company number (what Nmbrs shows
 * on screen). An ID wins, so an Administration that held an ID before keeps its meaning.
 */
export async function findCompany(api: NmbrsApi, given: string): Promise<Company | undefined> {
	const wanted = given.trim();
	if (wanted === '') return undefined;
	const companies = await api.listCompanies();
	return (
		companies.find((c) => c.id.toLowerCase() === wanted.toLowerCase()) ??
		(/^\d+$/.test(wanted) ? companies.find((c) => c.number === Number(wanted)) : undefined)
	);
}

/**
 * "Bakkerij De Zon B.V. (101)" for a company ID, for messages; the bare ID when the company
 * list cannot be read (a message must never fail for want of a name).
 */
export async function labelOf(api: NmbrsApi, companyId: string): Promise<string> {
	const company = await findCompany(api, companyId).catch(() => undefined);
	return company && company.id === companyId ? companyLabel(company) : `company ${companyId}`;
}
