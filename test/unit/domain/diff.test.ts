import { chunk, correctionRows, planCodes, replaceActions } from '../../../nodes/Nmbrs/domain/diff';
import type { HourRow } from '../../../nodes/Nmbrs/domain/types';
import { prng } from '../../emulators/timechimp/seed';

const row = (id: string, hourCode: number, hundredths: number): HourRow => ({
	id,
	hourCode,
	hundredths,
});

describe('planCodes', () => {
	const owns = (codes: number[]) => (c: number) => codes.includes(c);

	it('writes nothing when Nmbrs already has the input', () => {
		const plan = planCodes(new Map([[1, 800]]), [row('1', 1, 500), row('2', 1, 300)], owns([1]));
		expect(plan).toEqual([{ hourCode: 1, desired: 800, current: 800, delta: 0 }]);
	});

	it('corrects an edit, a move and a deletion', () => {
		const plan = planCodes(
			new Map([
				[1, 600],
				[3, 200],
			]),
			[row('1', 1, 800), row('2', 20, 400)],
			owns([1, 3, 20]),
		);
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
		const plan = planCodes(
			new Map([
				[1, 600],
				[2, 100],
			]),
			[row('1', 1, 800), row('2', 2, 100)],
			owns([1, 2]),
		);
		expect(correctionRows('7', plan, 'c')).toEqual([
			{ employeeId: '7', hourCode: 1, hundredths: -200, comment: 'c' },
		]);
	});
});

describe('replaceActions', () => {
	it('raises a total by increasing its largest row, lowers it by deleting and reducing rows, adds a row for a new code', () => {
		const rows = [
			row('5', 1, 300),
			row('3', 1, 500),
			row('8', 20, 100),
			row('9', 21, 700),
			row('10', 21, 200),
		];
		const plan = planCodes(
			new Map([
				[1, 900],
				[3, 50],
				[21, 100],
			]),
			rows,
			() => true,
		);
		expect(replaceActions('7', plan, rows, 'c')).toEqual({
			updates: [
				{ id: '3', hourCode: 1, hundredths: 600 },
				{ id: '10', hourCode: 21, hundredths: 100 },
			],
			deletes: ['8', '9'],
			inserts: [{ employeeId: '7', hourCode: 3, hundredths: 50, comment: 'c' }],
		});
	});

	it('does nothing when the rows already hold the total, however many there are', () => {
		const rows = [row('3', 1, 500), row('4', 1, 300)];
		const plan = planCodes(new Map([[1, 800]]), rows, () => true);
		expect(replaceActions('7', plan, rows, 'c')).toEqual({ updates: [], deletes: [], inserts: [] });
	});

	it('never writes negative hours, and leaves negative rows alone when lowering', () => {
		const rows = [row('1', 1, 1000), row('2', 1, -200)];
		const plan = planCodes(new Map([[1, 0]]), rows, () => true);
		expect(replaceActions('7', plan, rows, 'c')).toEqual({
			updates: [{ id: '1', hourCode: 1, hundredths: 200 }],
			deletes: [],
			inserts: [],
		});
	});

	it('keeps every total between old and new whichever of its calls are lost (randomized)', () => {
		const random = prng(11);
		for (let n = 0; n < 2000; n++) {
			const rows = Array.from({ length: Math.floor(random() * 5) }, (_, i) =>
				row(String(i + 1), 1, Math.round(random() * 1200) - 200),
			);
			const desired = Math.round(random() * 1500);
			const plan = planCodes(new Map([[1, desired]]), rows, () => true);
			const old = rows.reduce((sum, r) => sum + r.hundredths, 0);
			const actions = replaceActions('7', plan, rows, 'c');
			const writes = [
				...actions.updates.map(
					(u) => (state: Map<string, number>) => state.set(u.id, u.hundredths),
				),
				...actions.deletes.map((id) => (state: Map<string, number>) => state.delete(id)),
				...actions.inserts.map(
					(r) => (state: Map<string, number>) => state.set('new', r.hundredths),
				),
			];
			// Every subset of the calls (each applied or lost), in any order: check all 2^k subsets.
			for (let mask = 0; mask < 2 ** writes.length; mask++) {
				const state = new Map(rows.map((r) => [r.id, r.hundredths]));
				writes.forEach((w, i) => mask & (1 << i) && w(state));
				const total = [...state.values()].reduce((a, b) => a + b, 0);
				expect(total >= Math.min(old, desired) && total <= Math.max(old, desired)).toBe(true);
				if (mask === 2 ** writes.length - 1) expect(total).toBe(desired);
			}
			for (const u of actions.updates)
				expect(u.hundredths >= 0 || rows.find((r) => r.id === u.id)!.hundredths < 0).toBe(true);
		}
	});
});

it('chunks', () => expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]));
