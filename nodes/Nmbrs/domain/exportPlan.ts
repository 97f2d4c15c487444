import { comparePeriods, periodKey } from './periods';
import type { CodePlan } from './diff';
import { millionthsToHundredths } from './hours';
import type { PayrollPeriod, PayrollRun } from './types';

export interface EmployeeTarget {
	employeeId: string;
	/** Desired hundredths per hour code (only codes with input lines). */
	desired: Map<number, number>;
	/** Days worked to set, when the export manages days. */
	days?: number;
}

/** One validated input line: an employee's hours on an hour code in a period. */
export interface ExportLine {
	itemIndex: number;
	companyId: string;
	employeeId: string;
	hourCode: number;
	millionths: number;
	year: number;
	period: number;
	date?: string;
	/** Days worked given on the line, when days come from a field. */
	days?: number;
}

/** All lines of one company and one period: one export job. */
export interface PeriodGroup {
	companyId: string;
	year: number;
	period: number;
	lines: ExportLine[];
	/** The input item errors about this group point at: its first line, or an empty item. */
	firstItem: number;
}

/** An empty input item (as n8n's Always Output Data sends): no line, but it names a period to reconcile. */
export interface PeriodMarker {
	itemIndex: number;
	companyId: string;
	year: number;
	period: number;
}

export function groupByCompanyAndPeriod(
	lines: ExportLine[],
	markers: PeriodMarker[] = [],
): PeriodGroup[] {
	const groups = new Map<string, PeriodGroup>();
	const groupOf = (at: { companyId: string; year: number; period: number }, itemIndex: number) => {
		const key = `${at.companyId}|${periodKey(at)}`;
		let group = groups.get(key);
		if (!group) {
			group = {
				companyId: at.companyId,
				year: at.year,
				period: at.period,
				lines: [],
				firstItem: itemIndex,
			};
			groups.set(key, group);
		}
		return group;
	};
	for (const line of lines) groupOf(line, line.itemIndex).lines.push(line);
	for (const marker of markers) groupOf(marker, marker.itemIndex);
	return [...groups.values()];
}

export function isPast(group: { year: number; period: number }, current: PayrollPeriod): boolean {
	return comparePeriods(group, current) < 0;
}

/** desired(employee, code) = the sum of the input lines, summed exactly, then rounded to hundredths. */
export function desiredByEmployee(lines: ExportLine[]): Map<string, Map<number, number>> {
	const millionths = new Map<string, Map<number, number>>();
	for (const line of lines) {
		const codes = millionths.get(line.employeeId) ?? new Map<number, number>();
		codes.set(line.hourCode, (codes.get(line.hourCode) ?? 0) + line.millionths);
		millionths.set(line.employeeId, codes);
	}
	const result = new Map<string, Map<number, number>>();
	for (const [employeeId, codes] of millionths) {
		result.set(
			employeeId,
			new Map([...codes].map(([code, m]) => [code, millionthsToHundredths(m)])),
		);
	}
	return result;
}

export type DaysSource = 'off' | 'distinctDates' | 'field';

/** Days worked per employee: distinct dates of their lines, or the value the lines carry. */
export function daysByEmployee(
	lines: ExportLine[],
	source: DaysSource,
): Map<string, number | { conflict: number[] }> {
	const result = new Map<string, number | { conflict: number[] }>();
	if (source === 'off') return result;
	const byEmployee = new Map<string, ExportLine[]>();
	for (const line of lines)
		byEmployee.set(line.employeeId, [...(byEmployee.get(line.employeeId) ?? []), line]);
	for (const [employeeId, own] of byEmployee) {
		if (source === 'distinctDates') {
			result.set(employeeId, new Set(own.map((l) => l.date).filter((d): d is string => !!d)).size);
			continue;
		}
		const values = [...new Set(own.map((l) => l.days).filter((d): d is number => d !== undefined))];
		if (values.length === 1) result.set(employeeId, values[0]);
		else if (values.length > 1) result.set(employeeId, { conflict: values });
	}
	return result;
}

/**
 * Folds the corrections of a closed period into the current period's targets:
 * desired(current) += desired(closed) − what Nmbrs has for the closed period. The closed
 * period never changes, so running this again adds nothing new.
 */
export function foldCorrections(
	targets: Map<string, EmployeeTarget>,
	employeeId: string,
	closedPlan: CodePlan[],
): void {
	const target = targets.get(employeeId) ?? { employeeId, desired: new Map<number, number>() };
	for (const line of closedPlan) {
		target.desired.set(line.hourCode, (target.desired.get(line.hourCode) ?? 0) + line.delta);
	}
	targets.set(employeeId, target);
}

/** Payroll runs that already cover the period: hours changed now may need a correction run. */
export function runsCovering(
	runs: PayrollRun[],
	at: { year: number; period: number },
): PayrollRun[] {
	return runs.filter(
		(r) => r.year === at.year && r.periodStart <= at.period && at.period <= r.periodEnd,
	);
}

/** The employee-period a line belongs to: one bad line rejects all lines with the same key. */
export function lineKey(l: {
	companyId: string;
	employeeId: string;
	year: number;
	period: number;
}): string {
	return `${l.companyId}|${l.employeeId}|${l.year}|${l.period}`;
}

/**
 * Employee-periods whose lines add up to a negative total on an hour code not allowed to go
 * below zero, with the first line of that code and the total in hundredths.
 */
export function negativeTotals(
	lines: ExportLine[],
	allowed: Set<number>,
): Map<string, ExportLine & { total: number }> {
	const sums = new Map<string, { first: ExportLine; millionths: number }>();
	for (const line of lines) {
		if (allowed.has(line.hourCode)) continue;
		const key = `${lineKey(line)}|${line.hourCode}`;
		const sum = sums.get(key) ?? { first: line, millionths: 0 };
		sum.millionths += line.millionths;
		sums.set(key, sum);
	}
	const result = new Map<string, ExportLine & { total: number }>();
	for (const { first, millionths } of sums.values()) {
		const total = millionthsToHundredths(millionths);
		if (total < 0 && !result.has(lineKey(first))) result.set(lineKey(first), { ...first, total });
	}
	return result;
}
