import type { HourRow, NewHourRow } from './types';

/** One hour code of one employee in one period, all in hundredths of an hour. */
export interface CodePlan {
	hourCode: number;
	desired: number;
	current: number;
	delta: number;
}

export function totalsByCode(rows: HourRow[]): Map<number, number> {
	const totals = new Map<number, number>();
	for (const row of rows)
		totals.set(row.hourCode, (totals.get(row.hourCode) ?? 0) + row.hundredths);
	return totals;
}

/**
 * Compares what the source says with what Nmbrs has, for the hour codes the export owns.
 * A code the export owns but the source no longer has is desired 0 (moved or deleted hours).
 * Codes outside `owns` are never part of the plan, so they are never written.
 */
export function planCodes(
	desired: Map<number, number>,
	rows: HourRow[],
	owns: (hourCode: number) => boolean,
): CodePlan[] {
	const current = totalsByCode(rows);
	const codes = new Set<number>([...desired.keys(), ...current.keys()].filter(owns));
	return [...codes]
		.sort((a, b) => a - b)
		.map((hourCode) => {
			const want = desired.get(hourCode) ?? 0;
			const have = current.get(hourCode) ?? 0;
			return { hourCode, desired: want, current: have, delta: want - have };
		});
}

export function hasChanges(plan: CodePlan[]): boolean {
	return plan.some((line) => line.delta !== 0);
}

/** Default write mode: one appended correction row per code whose total differs. */
export function correctionRows(
	employeeId: string,
	plan: CodePlan[],
	comment: string,
): NewHourRow[] {
	return plan
		.filter((line) => line.delta !== 0)
		.map((line) => ({ employeeId, hourCode: line.hourCode, hundredths: line.delta, comment }));
}

export interface ReplaceActions {
	updates: HourRow[];
	deletes: string[];
	inserts: NewHourRow[];
}

/**
 * "Replace Rows" mode: change existing rows instead of adding correction rows, and never write
 * negative hours. Every call for a code moves its total the same way, toward the input: a total
 * is raised by increasing its largest row (or adding one), lowered by deleting or reducing
 * positive rows, largest first. So whichever calls are lost, the total stays between what
 * Nmbrs had and the input. Rows are not merged: a merge would pass outside that range.
 */
export function replaceActions(
	employeeId: string,
	plan: CodePlan[],
	rows: HourRow[],
	comment: string,
): ReplaceActions {
	const actions: ReplaceActions = { updates: [], deletes: [], inserts: [] };
	for (const line of plan) {
		if (line.delta === 0) continue;
		// Largest first; ties by id, so the same rows give the same actions.
		const own = rows
			.filter((r) => r.hourCode === line.hourCode)
			.sort(
				(a, b) =>
					b.hundredths - a.hundredths || a.id.localeCompare(b.id, undefined, { numeric: true }),
			);
		if (line.delta > 0) {
			if (own.length === 0)
				actions.inserts.push({
					employeeId,
					hourCode: line.hourCode,
					hundredths: line.delta,
					comment,
				});
			else actions.updates.push({ ...own[0], hundredths: own[0].hundredths + line.delta });
			continue;
		}
		let remaining = -line.delta;
		for (const r of own.filter((x) => x.hundredths > 0)) {
			if (remaining === 0) break;
			if (r.hundredths <= remaining) {
				actions.deletes.push(r.id);
				remaining -= r.hundredths;
			} else {
				actions.updates.push({ ...r, hundredths: r.hundredths - remaining });
				remaining = 0;
			}
		}
	}
	return actions;
}

/**
 * Desired totals for an employee whose lines left the input: each owned code keeps what others
 * entered and loses what the export wrote (rows whose comment starts with `marker`). Codes
 * without export rows are left out, so they are not touched.
 */
export function withdrawalTarget(
	rows: HourRow[],
	owned: Set<number>,
	marker: string,
): Map<number, number> {
	const desired = new Map<number, number>();
	for (const code of new Set(rows.map((r) => r.hourCode))) {
		if (!owned.has(code)) continue;
		const own = rows.filter((r) => r.hourCode === code);
		const written = own
			.filter((r) => r.comment?.startsWith(marker))
			.reduce((s, r) => s + r.hundredths, 0);
		if (written !== 0) desired.set(code, own.reduce((s, r) => s + r.hundredths, 0) - written);
	}
	return desired;
}

export function replaceNeeded(actions: ReplaceActions): boolean {
	return actions.updates.length + actions.deletes.length + actions.inserts.length > 0;
}

export function chunk<T>(items: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
	return chunks;
}
