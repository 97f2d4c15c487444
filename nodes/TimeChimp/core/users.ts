// Matching and diffing TimeChimp users: pure, so create-or-update can be reasoned about and
// tested without HTTP. A second user for the same person would be a second paid seat.
import { employeeNumberKey } from '../../shared/employeeNumber';
import type { TimeChimpUser } from '../v1/helpers/types';

export const normEmail = (value: unknown) =>
	String(value ?? '')
		.trim()
		.toLowerCase();

export type UserMatch = { user: TimeChimpUser | undefined } | { ambiguous: TimeChimpUser[] };

/** Employee number first (payroll's key, compared as Nmbrs compares it: "0042" = 42), then e-mail. */
export function findUser(users: TimeChimpUser[], employeeNumber: string, email: string): UserMatch {
	if (employeeNumber) {
		const byNumber = users.filter(
			(u) => employeeNumberKey(u.employeeNumber) === employeeNumberKey(employeeNumber),
		);
		if (byNumber.length > 1) return { ambiguous: byNumber };
		if (byNumber[0]) return { user: byNumber[0] };
	}
	return { user: users.find((u) => normEmail(u.userName) === normEmail(email)) };
}

/** The wanted values that differ from the user's: e-mail case-insensitive, employee numbers as numbers. */
export function userDiff(
	current: TimeChimpUser,
	wanted: Record<string, unknown>,
): Record<string, unknown> {
	const diff: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(wanted)) {
		const before = current[key];
		const same =
			key === 'userName'
				? normEmail(before) === normEmail(value)
				: key === 'employeeNumber'
					? employeeNumberKey(before) === employeeNumberKey(value)
					: before === value;
		if (!same) diff[key] = value;
	}
	return diff;
}
