import { EmployeeMatcher, rosterOf, type MatchEmployeeBy } from '../domain/employees';
import { isNotAllowed } from '../domain/faults';
import type { PayrollPeriod } from '../domain/types';
import type { NmbrsApi } from './ports';
import { loadHourCodes } from './hourCodes';

/** What an export or a read needs to know about a company, read once per execution. */
export interface CompanyContext {
	companyId: string;
	/**
	 * The company's current period; undefined when the API user may not call
	 * Company_GetCurrentPeriod (not in TimeChimp's template). Year and period must then be given.
	 */
	current?: PayrollPeriod;
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
	const [current, histories] = await Promise.all([
		api.getCurrentPeriod(companyId).catch((error: unknown) => (isNotAllowed(error) ? undefined : Promise.reject(error))),
		// The roster comes from the company-wide personal-info read: it needs no employee type.
		api.getPersonalInfoHistories(companyId),
	]);
	const roster = rosterOf(histories);
	const byId = new Map(roster.map((e) => [e.employeeId, e]));
	let hourCodes: Promise<Set<number>> | undefined;
	return {
		companyId,
		current,
		hourCodes: () => (hourCodes ??= loadHourCodes(api, companyId).then((codes) => new Set(codes.map((c) => c.code)))),
		matcher: new EmployeeMatcher(roster, by),
		employeeIds: roster.map((e) => e.employeeId),
		describe: (employeeId) => {
			const e = byId.get(employeeId);
			return { employeeNumber: e?.employeeNumber ?? null, employeeName: e?.displayName ?? '' };
		},
	};
}
