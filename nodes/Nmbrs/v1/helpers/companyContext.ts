import { EmployeeMatcher, latestPersonalInfo, type MatchEmployeeBy } from '../../domain/employees';
import type { PayrollPeriod } from '../../domain/types';
import type { NmbrsApi } from '../../transport';
import { loadHourCodes } from './hourCodes';

/** What an export or a read needs to know about a company, read once per execution. */
export interface CompanyContext {
	companyId: string;
	current: PayrollPeriod;
	/** Codes of hour models 1 and 2; read on first use (Hours → Get never needs them). */
	hourCodes(): Promise<Set<number>>;
	matcher: EmployeeMatcher;
	employeeIds: string[];
	describe(employeeId: string): { employeeNumber: number | null; employeeName: string };
}

export function companyContexts(api: NmbrsApi, by: MatchEmployeeBy) {
	const cache = new Map<string, Promise<CompanyContext>>();
	return (companyId: string): Promise<CompanyContext> => {
		let pending = cache.get(companyId);
		if (!pending) {
			pending = load(api, companyId, by);
			cache.set(companyId, pending);
		}
		return pending;
	};
}

async function load(api: NmbrsApi, companyId: string, by: MatchEmployeeBy): Promise<CompanyContext> {
	const [current, list, histories] = await Promise.all([
		api.getCurrentPeriod(companyId),
		api.listEmployees(companyId),
		// Work e-mail lives only in personal info: read it only when matching on it.
		by === 'email' ? api.getPersonalInfoHistories(companyId) : Promise.resolve([]),
	]);
	const emails = new Map(histories.map((h) => [h.employeeId, latestPersonalInfo(h.records)?.emailWork ?? '']));
	const byId = new Map(list.map((e) => [e.id, e]));
	let hourCodes: Promise<Set<number>> | undefined;
	return {
		companyId,
		current,
		hourCodes: () => (hourCodes ??= loadHourCodes(api, companyId).then((codes) => new Set(codes.map((c) => c.code)))),
		matcher: new EmployeeMatcher(
			list.map((e) => ({ employeeId: e.id, employeeNumber: e.number, email: emails.get(e.id) ?? '', displayName: e.displayName })),
			by,
		),
		employeeIds: list.map((e) => e.id),
		describe: (employeeId) => {
			const e = byId.get(employeeId);
			return { employeeNumber: e?.number ?? null, employeeName: e?.displayName ?? '' };
		},
	};
}
