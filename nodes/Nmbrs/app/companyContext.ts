import { Memo } from '../../shared/memo';
import {
	EmployeeMatcher,
	rosterOf,
	type MatchableEmployee,
	type MatchEmployeeBy,
} from '../domain/employees';
import { isNotAllowed } from '../domain/faults';
import type { PayrollPeriod } from '../domain/types';
import type { NmbrsApi } from './ports';
import { labelOf } from './companies';
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
	/** Hour code → its description in the hour models (the same read as hourCodes). */
	hourCodeNames(): Promise<Map<number, string>>;
	matcher: EmployeeMatcher;
	roster: MatchableEmployee[];
	employeeIds: string[];
	/** "Bakkerij De Zon B.V. (101)", for messages; read on first use. */
	label(): Promise<string>;
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
	const codes = () =>
		hourCodes.once(
			'codes',
			async () =>
				new Map((await loadHourCodes(api, companyId)).map((c) => [c.code, c.description])),
		);
	return {
		companyId,
		current,
		hourCodes: async () => new Set((await codes()).keys()),
		hourCodeNames: codes,
		matcher: new EmployeeMatcher(roster, by),
		roster,
		employeeIds: roster.map((e) => e.employeeId),
		label: () => labelOf(api, companyId),
		describe: (employeeId) => {
			const e = byId.get(employeeId);
			return { employeeNumber: e?.employeeNumber ?? null, employeeName: e?.displayName ?? '' };
		},
	};
}
