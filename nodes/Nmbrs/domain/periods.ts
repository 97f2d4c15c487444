import type { PayrollPeriod, PeriodType } from './types';

/** ISO-8601 years with 53 weeks: 1 January is a Thursday, or a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): number {
	const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Periods in a year; with the type unknown (no Company_GetCurrentPeriod right), the widest: 53. */
export function periodsPerYear(type: PeriodType | undefined, year: number): number {
	if (type === undefined) return 53;
	if (type === 'M') return 12;
	if (type === 'W4') return 13;
	return isoWeeksInYear(year);
}

const TYPE_NAMES: Record<PeriodType, string> = { M: 'monthly', W4: '4-weekly', W1: 'weekly' };

/** Payroll years this package writes: Nmbrs has no administrations before 2000. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

/** Returns why the period does not fit the company's period type, or undefined when it does. */
export function periodProblem(
	year: number,
	period: number,
	type: PeriodType | undefined,
): string | undefined {
	if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
		return `Year ${year} is not a payroll year: use ${MIN_YEAR} to ${MAX_YEAR}`;
	const max = periodsPerYear(type, year);
	if (!Number.isInteger(period) || period < 1 || period > max) {
		const company = type === undefined ? 'any company' : `a ${TYPE_NAMES[type]} company`;
		return `Period ${period} does not exist for ${company} in ${year}: use 1 to ${max}`;
	}
	return undefined;
}

/** Why a period cannot be worked out, or the year and period to use. */
export type ResolvedPeriod = { year: number; period: number } | { problem: string; fix: string };

/**
 * Year and period as given, where empty or 0 means the company's current period. Without the
 * current period (the API user may not call Company_GetCurrentPeriod) both must be given.
 */
export function resolvePeriod(
	yearValue: unknown,
	periodValue: unknown,
	current: PayrollPeriod | undefined,
): ResolvedPeriod {
	const read = (value: unknown) =>
		value === undefined || value === null || value === ''
			? 0
			: typeof value === 'number'
				? value
				: Number(String(value).trim());
	const year = read(yearValue);
	const period = read(periodValue);
	for (const [name, raw, n] of [
		['Year', yearValue, year],
		['Period', periodValue, period],
	] as const) {
		if (!Number.isInteger(n) || n < 0) {
			return {
				problem: `${name} ${JSON.stringify(raw)} is not a whole number`,
				fix: `Give ${name} as a whole number, or 0 for the company's current period.`,
			};
		}
	}
	if ((year === 0 || period === 0) && current === undefined) {
		return {
			problem:
				"Year or Period is 0 (the company's current period), but this Nmbrs API user may not read the current period (Company_GetCurrentPeriod)",
			fix: 'Give both Year and Period, or allow Company_GetCurrentPeriod in the API user template in Nmbrs.',
		};
	}
	return { year: year || current!.year, period: period || current!.period };
}

export function comparePeriods(
	a: { year: number; period: number },
	b: { year: number; period: number },
): number {
	return a.year !== b.year ? a.year - b.year : a.period - b.period;
}

export function periodKey(p: { year: number; period: number }): string {
	return `${p.year}-${String(p.period).padStart(2, '0')}`;
}

/** Whether a calendar date (yyyy-mm-dd) lies in a monthly period; other period types are not checked here. */
export function dateInPeriod(
	date: string,
	at: { year: number; period: number },
	type: PeriodType | undefined,
): boolean {
	if (type !== 'M') return true; // 4-weekly and weekly period boundaries are company settings Nmbrs does not expose
	return Number(date.slice(0, 4)) === at.year && Number(date.slice(5, 7)) === at.period;
}
