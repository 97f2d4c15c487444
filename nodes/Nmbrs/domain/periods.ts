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
			fix: 'Give both Year and Period Number, or allow Company_GetCurrentPeriod in the API user template in Nmbrs.',
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

/** Monday of ISO week 1 of `year` (the week that holds 4 January), as a UTC date. */
function isoWeekOneMonday(year: number): Date {
	const jan4 = new Date(Date.UTC(year, 0, 4));
	return new Date(Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7)));
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/**
 * First and last calendar day of a payroll period. Monthly periods are calendar months. Nmbrs
 * does not expose where 4-weekly and weekly periods start; this reads them as the Dutch payroll
 * calendar does: weekly period n is ISO week n, 4-weekly period n is ISO weeks 4n−3 to 4n, and
 * period 13 also takes week 53. That reading lives here only.
 */
export function periodDates(
	at: { year: number; period: number },
	type: PeriodType,
): { startDate: string; endDate: string } {
	if (type === 'M')
		return {
			startDate: isoDate(new Date(Date.UTC(at.year, at.period - 1, 1))),
			endDate: isoDate(new Date(Date.UTC(at.year, at.period, 0))),
		};
	const weeks = type === 'W1' ? 1 : 4;
	const firstWeek = (at.period - 1) * weeks + 1;
	const lastWeek =
		type === 'W4' && at.period === 13 ? isoWeeksInYear(at.year) : firstWeek + weeks - 1;
	const monday = addDays(isoWeekOneMonday(at.year), (firstWeek - 1) * 7);
	return {
		startDate: isoDate(monday),
		endDate: isoDate(addDays(monday, (lastWeek - firstWeek + 1) * 7 - 1)),
	};
}

/** Which payroll period a line goes into: the choice a payroll person makes. */
export type PeriodChoice = 'current' | 'previous' | 'specific' | 'fromDate';

/** ISO week-year and week of a calendar date (yyyy-mm-dd). */
function isoWeekOf(date: string): { year: number; week: number } {
	const d = new Date(`${date}T00:00:00Z`);
	const thursday = addDays(d, 3 - ((d.getUTCDay() + 6) % 7));
	const year = thursday.getUTCFullYear();
	return {
		year,
		week: Math.floor((thursday.getTime() - isoWeekOneMonday(year).getTime()) / 604_800_000) + 1,
	};
}

/** The payroll period a calendar date falls in, under the reading of periodDates. */
export function periodOfDate(date: string, type: PeriodType): { year: number; period: number } {
	if (type === 'M') return { year: Number(date.slice(0, 4)), period: Number(date.slice(5, 7)) };
	const { year, week } = isoWeekOf(date);
	return { year, period: type === 'W1' ? week : Math.min(13, Math.ceil(week / 4)) };
}

const NEEDS_CURRENT = {
	problem:
		"The company's current period is needed, but this Nmbrs API user may not read it (Company_GetCurrentPeriod)",
	fix: 'Set Period to "Specific Period" with Year and Period Number, or allow Company_GetCurrentPeriod in the API user template in Nmbrs.',
};

/** Year and period of one line under the node's Period choice. */
export function choosePeriod(
	choice: PeriodChoice,
	given: { year: unknown; period: unknown; date?: string },
	current: PayrollPeriod | undefined,
): ResolvedPeriod {
	if (choice === 'specific') return resolvePeriod(given.year, given.period, current);
	if (choice === 'fromDate') {
		if (given.date === undefined)
			return {
				problem: 'This line has no date, so its period cannot be taken from it',
				fix: 'Map the Date field, or set Period to "Current Period", "Previous Period" or "Specific Period".',
			};
		const type = current?.type;
		if (type === undefined)
			return {
				problem:
					"The company's period type (monthly, 4-weekly or weekly) is not known, so a date cannot be mapped to a period",
				fix: 'Set Period to "Specific Period" (Nmbrs\' REST API, and API users without Company_GetCurrentPeriod, do not give the period type).',
			};
		return periodOfDate(given.date, type);
	}
	if (current === undefined) return NEEDS_CURRENT;
	if (choice === 'current' || current.period > 1)
		return {
			year: current.year,
			period: choice === 'current' ? current.period : current.period - 1,
		};
	if (current.type === undefined)
		return {
			problem:
				"The period before period 1 is the last of the year before, but the company's period type is not known",
			fix: 'Set Period to "Specific Period" with Year and Period Number.',
		};
	return { year: current.year - 1, period: periodsPerYear(current.type, current.year - 1) };
}
