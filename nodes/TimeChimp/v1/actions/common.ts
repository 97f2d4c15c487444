import type { INodeProperties } from 'n8n-workflow';

/** Return All / Limit pair, shown per operation through updateDisplayOptions. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A TimeChimp user picked from a searchable list or given by ID. */
export const userLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 42',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[0-9]+$', errorMessage: 'A TimeChimp user ID is a number' },
				},
			],
		},
	],
	...overrides,
});

/** The value of a resource locator (or of a plain value given by expression), trimmed. */
export function locatorValue(raw: unknown): string {
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	return String(value ?? '').trim();
}

/** The Simplify toggle (n8n's convention for records of more than 10 fields). */
export const simplifyField = (description: string): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description,
});

export const SIMPLIFY_USER_DESCRIPTION =
	'Whether to return only ID, Email (userName), Display Name, Employee Number, Active and Language instead of the full TimeChimp user, which includes personal data such as the BSN';
