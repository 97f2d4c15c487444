import type { INodeProperties } from 'n8n-workflow';

export const companyLocator: INodeProperties = {
	displayName: 'Company',
	name: 'company',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The Nmbrs company (administration). Leave empty to use the Administration of the credential.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [
				{
					type: 'regex',
					// SOAP company IDs are numbers; REST ones are GUIDs (a number there is the company number).
					properties: {
						regex:
							'^\\s*(\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*$',
						errorMessage: 'A company ID is a whole number (SOAP) or a GUID (REST)',
					},
				},
			],
		},
	],
};

/**
 * Employee: picked from a list, or given per line by employee number, employee ID or work
 * e-mail. The mode decides how every line is matched (it replaces "Match Employee By").
 */
export const employee: INodeProperties = {
	displayName: 'Employee',
	name: 'employee',
	type: 'resourceLocator',
	default: { mode: 'employeeNumber', value: '' },
	required: true,
	description: 'The Nmbrs employee, or how each line names one',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchEmployees', searchable: true },
		},
		{
			displayName: 'Employee Number',
			name: 'employeeNumber',
			type: 'string',
			placeholder: 'e.g. {{ $json.user.employeeNumber }}',
			hint: 'The personnel number in Nmbrs; "0042" and 42 are the same',
		},
		{
			displayName: 'Employee ID',
			name: 'employeeId',
			type: 'string',
			placeholder: 'e.g. 60001',
			hint: 'The internal Nmbrs employee ID (a GUID on the REST API)',
		},
		{
			displayName: 'Work E-Mail',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. {{ $json.user.email }}',
			hint: 'The business e-mail address in Nmbrs',
		},
	],
};

/** Hour code: from the company's hour models, or per line by expression. */
export const hourCode: INodeProperties = {
	displayName: 'Hour Code Name or ID',
	name: 'hourCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getHourCodes', loadOptionsDependsOn: ['company.value'] },
	default: '',
	required: true,
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: "An hour code of the company's hour model 1 or 2. For a code per line, use an expression such as the TimeChimp task code.",
};

/** Return All / Limit for the Get Many operations. */
export function returnAllOrLimit(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: ['getMany'] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: {
				show: { resource: [resource], operation: ['getMany'], returnAll: [false] },
			},
		},
	];
}

/**
 * Which payroll period: the company's current or previous one, a specific one, or (Export)
 * each line's own, from its date. Year and Period Number only for a specific period.
 */
export function periodFields(withFromDate: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Period',
			name: 'payrollPeriod',
			type: 'options',
			options: [
				{
					name: 'Current Period',
					value: 'current',
					description: "The company's current payroll period in Nmbrs",
				},
				{
					name: 'Previous Period',
					value: 'previous',
					description: "The payroll period before the company's current one",
				},
				{
					name: 'Specific Period',
					value: 'specific',
					description: 'A year and period number you give (an expression per line is fine)',
				},
				...(withFromDate
					? [
							{
								name: "From Each Line's Date",
								value: 'fromDate',
								description:
									"The period each line's date falls in, by the company's period type (monthly, 4-weekly, weekly)",
							},
						]
					: []),
			],
			default: 'current',
		},
		{
			displayName: 'Year',
			name: 'year',
			type: 'number',
			default: 0,
			description: "Payroll year, e.g. 2026. 0 = the year of the company's current period.",
			displayOptions: { show: { payrollPeriod: ['specific'] } },
		},
		{
			displayName: 'Period Number',
			name: 'period',
			type: 'number',
			default: 0,
			description:
				"Payroll period within the year: 1–12 (monthly), 1–13 (4-weekly) or 1–53 (weekly). 0 = the company's current period.",
			displayOptions: { show: { payrollPeriod: ['specific'] } },
		},
	];
}
