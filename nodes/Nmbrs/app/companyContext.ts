import { Memo } from '../../shared/memo';
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
	const memo = new Memo();
	return (companyId: string): Promise<CompanyContext> =>
		memo.once(companyId, () => load(api, companyId, by));
}

async function load(
	api: NmbrsApi,
	companyId: string,
	by: MatchEmployeeBy,
): Promise<CompanyContext> {
	const [current, histories] = await Promise.all([
		api
			.getCurrentPeriod(companyId)
			.catch((error: unknown) => (isNotAllowed(error) ? undefined : Promise.reject(error))),
		// The roster comes from the company-wide personal-info read: it needs no employee type.
		api.getPersonalInfoHistories(companyId),
	]);
	const roster = rosterOf(histories);
	const byId = new Map(roster.map((e) => [e.employeeId, e]));
	const hourCodes = new Memo();
	return {
		companyId,
		current,
		hourCodes: () =>
			hourCodes.once(
				'codes',
				async () => new Set((await loadHourCodes(api, companyId)).map((c) => c.code)),
			),
		matcher: new EmployeeMatcher(roster, by),
		employeeIds: roster.map((e) => e.employeeId),
		describe: (employeeId) => {
			const e = byId.get(employeeId);
			return { employeeNumber: e?.employeeNumber ?? null, employeeName: e?.displayName ?? '' };
		},
	};
}
