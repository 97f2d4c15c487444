import { chunk, correctionRows, planCodes, replaceActions } from '../../../nodes/Nmbrs/domain/diff';
import type { HourRow } from '../../../nodes/Nmbrs/domain/types';

const row = (id: string, hourCode: number, hundredths: number): HourRow => ({ id, hourCode, hundredths });

describe('planCodes', () => {
	const owns = (codes: number[]) => (c: number) => codes.includes(c);

	it('writes nothing when Nmbrs already has the input', () => {
		const plan = planCodes(new Map([[1, 800]]), [row('1', 1, 500), row('2', 1, 300)], owns([1]));
		expect(plan).toEqual([{ hourCode: 1, desired: 800, current: 800, delta: 0 }]);
	});

	it('corrects an edit, a move and a deletion', () => {
		const plan = planCodes(new Map([[1, 600], [3, 200]]), [row('1', 1, 800), row('2', 20, 400)], owns([1, 3, 20]));
		expect(plan).toEqual([
			{ hourCode: 1, desired: 600, current: 800, delta: -200 },
			{ hourCode: 3, desired: 200, current: 0, delta: 200 },
			{ hourCode: 20, desired: 0, current: 400, delta: -400 },
		]);
	});

	it('never plans codes it does not own', () => {
		const plan = planCodes(new Map([[1, 600]]), [row('1', 1, 600), row('9', 99, 1000)], owns([1]));
		expect(plan.map((l) => l.hourCode)).toEqual([1]);
	});

	it('turns deltas into correction rows', () => {
		const plan = planCodes(new Map([[1, 600], [2, 100]]), [row('1', 1, 800), row('2', 2, 100)], owns([1, 2]));
		expect(correctionRows('7', plan, 'c')).toEqual([{ employeeId: '7', hourCode: 1, hundredths: -200, comment: 'c' }]);
	});
});

describe('replaceActions', () => {
	it('keeps one row per code, updates it and deletes the rest', () => {
		const rows = [row('5', 1, 300), row('3', 1, 500), row('8', 20, 100)];
		const plan = planCodes(new Map([[1, 900], [3, 50]]), rows, () => true);
		expect(replaceActions('7', plan, rows, 'c')).toEqual({
			updates: [{ id: '3', hourCode: 1, hundredths: 900 }],
			deletes: ['5', '8'],
			inserts: [{ employeeId: '7', hourCode: 3, hundredths: 50, comment: 'c' }],
		});
	});

	it('does nothing when one row already holds the total', () => {
		const rows = [row('3', 1, 500)];
		const plan = planCodes(new Map([[1, 500]]), rows, () => true);
		expect(replaceActions('7', plan, rows, 'c')).toEqual({ updates: [], deletes: [], inserts: [] });
	});
});

it('chunks', () => expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]));
