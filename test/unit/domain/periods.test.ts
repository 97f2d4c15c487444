import {
	comparePeriods,
	isoWeeksInYear,
	periodDates,
	periodProblem,
	periodsPerYear,
} from '../../../nodes/Nmbrs/domain/periods';
import { parsePeriodString } from '../../../nodes/Nmbrs/transport/soap/periodString';

describe('periods', () => {
	it.each([
		['2010-5-M', { year: 2010, period: 5, type: 'M' }],
		['2010-4-4W', { year: 2010, period: 4, type: 'W4' }],
		['2026-13-W4', { year: 2026, period: 13, type: 'W4' }],
		['2026-53-w1', { year: 2026, period: 53, type: 'W1' }],
	])('parses %s', (text, expected) => expect(parsePeriodString(text)).toEqual(expected));

	it('rejects an unknown period string', () =>
		expect(() => parsePeriodString('2010/5')).toThrow(/unrecognised period/));

	it('knows ISO years with 53 weeks', () => {
		expect(isoWeeksInYear(2026)).toBe(53);
		expect(isoWeeksInYear(2020)).toBe(53);
		expect(isoWeeksInYear(2025)).toBe(52);
		expect(isoWeeksInYear(2027)).toBe(52);
	});

	it('counts periods per type', () => {
		expect(periodsPerYear('M', 2026)).toBe(12);
		expect(periodsPerYear('W4', 2026)).toBe(13);
		expect(periodsPerYear('W1', 2026)).toBe(53);
		expect(periodsPerYear('W1', 2025)).toBe(52);
	});

	it('checks a period against the period type', () => {
		expect(periodProblem(2026, 12, 'M')).toBeUndefined();
		expect(periodProblem(2026, 13, 'M')).toMatch(/1 to 12/);
		expect(periodProblem(2026, 13, 'W4')).toBeUndefined();
		expect(periodProblem(2026, 14, 'W4')).toMatch(/1 to 13/);
		expect(periodProblem(2026, 53, 'W1')).toBeUndefined();
		expect(periodProblem(2025, 53, 'W1')).toMatch(/1 to 52/);
		expect(periodProblem(2026, 0, 'M')).toBeDefined();
		expect(periodProblem(2026, 1.5, 'M')).toBeDefined();
		expect(periodProblem(26, 1, 'M')).toMatch(/Year/);
	});

	it('orders periods', () => {
		expect(comparePeriods({ year: 2025, period: 12 }, { year: 2026, period: 1 })).toBeLessThan(0);
		expect(comparePeriods({ year: 2026, period: 3 }, { year: 2026, period: 3 })).toBe(0);
		expect(comparePeriods({ year: 2026, period: 4 }, { year: 2026, period: 3 })).toBeGreaterThan(0);
	});

	it.each([
		['M', 2026, 2, '2026-02-01', '2026-02-28'],
		['M', 2028, 2, '2028-02-01', '2028-02-29'],
		['M', 2026, 12, '2026-12-01', '2026-12-31'],
		// 1 January 2026 is a Thursday: ISO week 1 starts on Monday 29 December 2025.
		['W1', 2026, 1, '2025-12-29', '2026-01-04'],
		['W1', 2026, 53, '2026-12-28', '2027-01-03'],
		['W4', 2026, 1, '2025-12-29', '2026-01-25'],
		// 2026 has 53 ISO weeks: the last 4-weekly period takes weeks 49 to 53.
		['W4', 2026, 13, '2026-11-30', '2027-01-03'],
		// 1 January 2027 is a Friday: week 1 starts on Monday 4 January, and 2027 has 52 weeks.
		['W4', 2027, 1, '2027-01-04', '2027-01-31'],
		['W4', 2027, 13, '2027-12-06', '2028-01-02'],
	] as const)('dates %s period %i-%i as %s to %s', (type, year, period, startDate, endDate) =>
		expect(periodDates({ year, period }, type)).toEqual({ startDate, endDate }),
	);
});
