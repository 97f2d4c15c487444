// The Simplify toggle's outputs: only what a payroll workflow reads, with the same names and
// nesting as TimeChimp's own record (so expressions work with Simplify on or off), and nothing
// personal beyond name, e-mail and employee number: no BSN (citizenServiceNumber), badge number,
// contracts, rates or any field TimeChimp may add later.
import type { IDataObject } from 'n8n-workflow';

/** Keys of a simplified time entry, in output order; nested objects keep only the keys listed. */
export const SIMPLE_TIME_ENTRY = {
	id: true,
	date: true,
	hours: true,
	status: true,
	modified: true,
	user: ['id', 'displayName', 'employeeNumber', 'email'],
	task: ['id', 'name', 'code'],
	project: ['id', 'name', 'code'],
} as const;

/** Keys of a simplified user: its ID and the fields this node can set. */
export const SIMPLE_USER_KEYS = [
	'id',
	'userName',
	'displayName',
	'employeeNumber',
	'active',
	'language',
] as const;

/** A number given as numeric text becomes a number: ids and hours are numbers in every output. */
function asNumber(value: unknown): unknown {
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	return value ?? null;
}

/** Employee numbers stay text, as TimeChimp keeps them (nodes/shared/employeeNumber.ts compares them). */
function asText(value: unknown): unknown {
	return typeof value === 'number' ? String(value) : (value ?? null);
}

function pick(source: unknown, keys: readonly string[]): IDataObject {
	const from = (source && typeof source === 'object' ? source : {}) as IDataObject;
	const out: IDataObject = {};
	for (const key of keys) {
		const value = from[key];
		out[key] = (
			key === 'id' ? asNumber(value) : key === 'employeeNumber' ? asText(value) : (value ?? null)
		) as IDataObject[string];
	}
	return out;
}

export function simplifyTimeEntry(entry: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, nested] of Object.entries(SIMPLE_TIME_ENTRY)) {
		if (Array.isArray(nested)) out[key] = pick(entry[key], nested);
		else if (key === 'id' || key === 'hours') out[key] = asNumber(entry[key]) as number;
		else out[key] = (entry[key] ?? null) as IDataObject[string];
	}
	return out;
}

export function simplifyUser(user: IDataObject): IDataObject {
	return pick(user, SIMPLE_USER_KEYS);
}
