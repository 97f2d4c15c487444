// Payroll period rules of the emulator (reference nmbrs-soap.md §6).
import type { NmbrsReadings } from './readings';

export type PeriodType = 'M' | 'W4' | 'W1';

/**
 * The one place that formats Company_GetCurrentPeriod's answer. Nmbrs documents
 * "yyyy-pp-type, example: 2010-5-M or 2010-4-4W"; one client's mocks pad ("2024-03-M").
 * Padding and the 4-weekly spelling are readings (readings.ts).
 */
export function formatCurrentPeriod(
	year: number,
	period: number,
	type: PeriodType,
	readings: Pick<NmbrsReadings, 'padPeriod' | 'fourWeekly'>,
): string {
	const p = readings.padPeriod ? String(period).padStart(2, '0') : String(period);
	return `${year}-${p}-${type === 'W4' ? readings.fourWeekly : type}`;
}

/** ISO-8601 years with 53 weeks: 1 January is a Thursday, or a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): 52 | 53 {
	const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay(); // 0 = Sunday
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

export function periodsInYear(type: PeriodType, year: number): number {
	if (type === 'M') return 12;
	if (type === 'W4') return 13;
	return isoWeeksInYear(year);
}

export function isValidPeriod(type: PeriodType, year: number, period: number): boolean {
	return (
		Number.isInteger(period) &&
		Number.isInteger(year) &&
		year >= 1900 &&
		year <= 2100 &&
		period >= 1 &&
		period <= periodsInYear(type, year)
	);
}

/** True when (year, period) lies before the company's current period (needs UnprotectedMode). */
export function isBefore(
	year: number,
	period: number,
	current: { year: number; period: number },
): boolean {
	return year < current.year || (year === current.year && period < current.period);
}

/** A plausible 4-weekly period for a date: day of year / 28 + 1, at most 13. */
export function fourWeekPeriodOf(date: Date): number {
	const start = Date.UTC(date.getUTCFullYear(), 0, 1);
	const dayOfYear = Math.floor((date.getTime() - start) / 86_400_000);
	return Math.min(13, Math.floor(dayOfYear / 28) + 1);
}
