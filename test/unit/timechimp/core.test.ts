import { advance } from '../../../nodes/TimeChimp/core/pollState';
import { findUser, userDiff } from '../../../nodes/TimeChimp/core/users';
import type { TimeChimpUser } from '../../../nodes/TimeChimp/v1/helpers/types';

const user = (id: number, employeeNumber: string | null, userName: string): TimeChimpUser =>
	({ id, employeeNumber, userName, displayName: `U${id}` }) as TimeChimpUser;

describe('TimeChimp user matching', () => {
	const users = [
		user(1, '0042', 'a@x.nl'),
		user(2, '43', 'B@x.nl'),
		user(3, '44', 'c@x.nl'),
		user(4, '044', 'd@x.nl'),
	];

	it('matches the employee number as a number, then the e-mail without case', () => {
		expect(findUser(users, '42', 'zzz@x.nl')).toEqual({ user: users[0] });
		expect(findUser(users, '', ' b@X.NL ')).toEqual({ user: users[1] });
		expect(findUser(users, '99', 'b@x.nl')).toEqual({ user: users[1] });
		expect(findUser(users, '99', 'nobody@x.nl')).toEqual({ user: undefined });
	});

	it('reports an employee number two users share instead of picking one', () => {
		expect(findUser(users, '44', 'c@x.nl')).toEqual({ ambiguous: [users[2], users[3]] });
	});

	it('diffs only what really changed', () => {
		expect(
			userDiff(users[0], { userName: 'A@X.nl', employeeNumber: '42', displayName: 'U1' }),
		).toEqual({});
		expect(userDiff(users[0], { displayName: 'New', active: false })).toEqual({
			displayName: 'New',
			active: false,
		});
	});
});

describe('TimeChimp trigger high-water mark', () => {
	const e = (id: number, modified: string) => ({ id, modified });

	it('emits new entries once, including those sharing the mark, and moves the mark', () => {
		const first = advance({ modified: '2025-01-01T00:00:00.000Z', seen: [] }, [
			e(1, '2025-01-02T10:00:00.000Z'),
			e(2, '2025-01-02T10:00:00.000Z'),
		]);
		expect(first.fresh.map((x) => x.id)).toEqual([1, 2]);
		expect(first.next).toEqual({
			modified: '2025-01-02T10:00:00.000Z',
			seen: ['1@2025-01-02T10:00:00.000Z', '2@2025-01-02T10:00:00.000Z'],
		});
		// The next poll asks `modified ge mark`: it sees 1 and 2 again, plus 3 at the same instant.
		const second = advance(first.next, [
			e(1, '2025-01-02T10:00:00.000Z'),
			e(2, '2025-01-02T10:00:00.000Z'),
			e(3, '2025-01-02T10:00:00.000Z'),
		]);
		expect(second.fresh.map((x) => x.id)).toEqual([3]);
		expect(second.next.seen).toHaveLength(3);
		// An edit of entry 1 moves it past the mark: emitted again, and the mark moves.
		const third = advance(second.next, [e(1, '2025-01-03T08:00:00.000Z')]);
		expect(third.fresh.map((x) => x.id)).toEqual([1]);
		expect(third.next).toEqual({
			modified: '2025-01-03T08:00:00.000Z',
			seen: ['1@2025-01-03T08:00:00.000Z'],
		});
	});

	it('keeps the mark when nothing new came', () => {
		expect(advance({ modified: '2025-01-03T08:00:00.000Z', seen: ['1@x'] }, [])).toEqual({
			fresh: [],
			next: { modified: '2025-01-03T08:00:00.000Z', seen: ['1@x'] },
		});
	});
});
