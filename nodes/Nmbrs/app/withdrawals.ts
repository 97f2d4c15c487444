import { readRows } from './exportEngine';
import type { NmbrsApi } from './ports';
import type { EmployeeTarget } from '../domain/exportPlan';
import { withdrawalTarget } from '../domain/diff';

/** The employees outside the input whose export-written rows must come back out, or why that cannot be known. */
export type Withdrawals = { targets: EmployeeTarget[] } | { commentsUnavailable: true };

/**
 * Employees who have rows this export wrote (recognised by the row comment) in the period but
 * no line in the input any more: their hours were withdrawn in the source. Only those rows are
 * taken out; an employee the export never wrote for is never touched.
 */
export async function findWithdrawals(
	api: NmbrsApi,
	employeeIds: string[],
	at: { year: number; period: number },
	ownedCodes: Set<number>,
	marker: string,
	concurrency: number,
): Promise<Withdrawals> {
	const rows = await readRows(api, employeeIds, at.year, at.period, concurrency);
	const all = [...rows.values()];
	if (all.some((own) => own.some((r) => r.comment === undefined)))
		return { commentsUnavailable: true };
	const targets: EmployeeTarget[] = [];
	for (const [employeeId, own] of rows) {
		const desired = withdrawalTarget(own, ownedCodes, marker);
		if (desired.size > 0) targets.push({ employeeId, desired });
	}
	return { targets };
}
