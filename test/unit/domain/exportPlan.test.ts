import {
	daysByEmployee,
	desiredByEmployee,
	foldCorrections,
	groupByCompanyAndPeriod,
	isPast,
	type ExportLine,
} from '../../../nodes/Nmbrs/domain/exportPlan';
import type { EmployeeTarget } from '../../../nodes/Nmbrs/domain/exportPlan';

const line = (over: Partial<ExportLine>): ExportLine => ({
	itemIndex: 0,
	companyId: '1',
	employeeId: 'e1',
	hourCode: 1,
	millionths: 0,
	year: 2026,
	period: 10,
	...over,
});

describe('export planning', () => {
	it('groups lines by company and period', () => {
		const groups = groupByCompanyAndPeriod([
			line({ itemIndex: 0 }),
			line({ itemIndex: 1, period: 9 }),
			line({ itemIndex: 2, companyId: '2' }),
			line({ itemIndex: 3 }),
		]);
		expect(groups.map((g) => [g.companyId, g.period, g.lines.map((l) => l.itemIndex)])).toEqual([
			['1', 10, [0, 3]],
			['1', 9, [1]],
			['2', 10, [2]],
		]);
	});

	it('sums exactly, then rounds to hundredths', () => {
		const third = 333_333; // 0.333333 h
		const desired = desiredByEmployee([
			line({ millionths: third }),
			line({ millionths: third }),
			line({ millionths: third + 1 }),
			line({ hourCode: 3, millionths: 7_500_000 }),
		]);
		expect(desired).toEqual(
			new Map([
				[
					'e1',
					new Map([
						[1, 100],
						[3, 750],
					]),
				],
			]),
		);
	});

	it('counts distinct dates, or takes days from a field and flags disagreement', () => {
		const lines = [
			line({ date: '2026-10-01' }),
			line({ date: '2026-10-01' }),
			line({ date: '2026-10-02' }),
			line({ employeeId: 'e2' }),
		];
		expect(daysByEmployee(lines, 'distinctDates')).toEqual(
			new Map([
				['e1', 2],
				['e2', 0],
			]),
		);
		expect(
			daysByEmployee(
				[
					line({ days: 3 }),
					line({ days: 3 }),
					line({ employeeId: 'e2', days: 1 }),
					line({ employeeId: 'e2', days: 2 }),
				],
				'field',
			),
		).toEqual(
			new Map<string, unknown>([
				['e1', 3],
				['e2', { conflict: [1, 2] }],
			]),
		);
		expect(daysByEmployee(lines, 'off').size).toBe(0);
	});

	it("folds a closed period's differences into the current period", () => {
		const targets = new Map<string, EmployeeTarget>([
			['e1', { employeeId: 'e1', desired: new Map([[1, 800]]) }],
		]);
		foldCorrections(targets, 'e1', [
			{ hourCode: 1, desired: 1000, current: 800, delta: 200 },
			{ hourCode: 3, desired: 0, current: 100, delta: -100 },
		]);
		foldCorrections(targets, 'e2', [{ hourCode: 1, desired: 50, current: 0, delta: 50 }]);
		expect(targets.get('e1')!.desired).toEqual(
			new Map([
				[1, 1000],
				[3, -100],
			]),
		);
		expect(targets.get('e2')!.desired).toEqual(new Map([[1, 50]]));
	});

	it('knows which periods are past', () => {
		expect(isPast({ year: 2026, period: 9 }, { year: 2026, period: 10, type: 'M' })).toBe(true);
		expect(isPast({ year: 2026, period: 10 }, { year: 2026, period: 10, type: 'M' })).toBe(false);
		expect(isPast({ year: 2027, period: 1 }, { year: 2026, period: 10, type: 'M' })).toBe(false);
	});
});
