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

export const matchEmployeeBy: INodeProperties = {
	displayName: 'Match Employee By',
	name: 'matchEmployeeBy',
	type: 'options',
	options: [
		{
			name: 'Employee Number',
			value: 'employeeNumber',
			description: 'The personnel number in Nmbrs',
		},
		{ name: 'Employee ID', value: 'employeeId', description: 'The internal Nmbrs employee ID' },
		{ name: 'Work E-Mail', value: 'email', description: 'The business e-mail address in Nmbrs' },
	],
	default: 'employeeNumber',
};

export const employee: INodeProperties = {
	displayName: 'Employee',
	name: 'employee',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.employeeNumber }}',
	description: 'Employee number, employee ID or work e-mail, as chosen in Match Employee By',
};

export const yearAndPeriod: INodeProperties[] = [
	{
		displayName: 'Year',
		name: 'year',
		type: 'number',
		default: 0,
		description: "Payroll year. 0 = the year of the company's current period.",
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'number',
		default: 0,
		description:
			"Payroll period within the year: 1–12 (monthly), 1–13 (4-weekly) or 1–53 (weekly). 0 = the company's current period.",
	},
];
