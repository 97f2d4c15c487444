import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { companyLocator, employee, hourCode, periodFields } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one line of hours. The export sets each total in Nmbrs (per employee, hour code and period) to the sum of the input and writes only the difference, so running it again never pays twice. Hours missing from the input are taken out of Nmbrs: feed it every approved line of the period.',
		name: 'exportNotice',
		type: 'notice',
		default: '',
	},
	companyLocator,
	employee,
	hourCode,
	{
		displayName: 'Hours',
		name: 'hours',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.hours }}',
		description:
			'Hours of this line, e.g. 7.5 or 7,5. Lines of the same employee and hour code are added up.',
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.date }}',
		description:
			"Date of the hours (yyyy-mm-dd). Optional, unless Period is From Each Line's Date; also used to count days worked.",
	},
	...periodFields(true),
	{
		displayName: 'Preview',
		name: 'preview',
		type: 'boolean',
		default: false,
		description:
			'Whether to only compute and output the complete plan, without writing anything to Nmbrs',
	},
	{
		displayName: 'Past Periods',
		name: 'pastPeriods',
		type: 'options',
		options: [
			{
				name: 'Stop With an Error',
				value: 'stop',
				description:
					"Lines for a period before the company's current one stop the export before anything is written",
			},
			{
				name: 'Allow Changes (Unprotected)',
				value: 'allowChanges',
				description:
					"Write into past periods in Nmbrs' unprotected mode. Only for periods whose payroll has not been finalised.",
			},
			{
				name: 'Book Corrections Into Current Period',
				value: 'bookInCurrentPeriod',
				description:
					"Differences found in a closed period are added to the company's current period. The input must then also hold that period's lines.",
			},
		],
		default: 'stop',
		description: "What to do with lines for a period before the company's current one",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Days Worked',
				name: 'daysWorked',
				type: 'options',
				options: [
					{ name: 'Do Not Set', value: 'off' },
					{
						name: 'Count Distinct Dates',
						value: 'distinctDates',
						description: "Days worked = the number of different dates in the employee's lines",
					},
					{
						name: 'From Field',
						value: 'field',
						description:
							"Days worked = the value of an input field (the same on all of the employee's lines)",
					},
				],
				default: 'off',
				description: 'Whether and how to set days worked per employee in the period',
			},
			{
				displayName: 'Days Worked Field',
				name: 'daysWorkedField',
				type: 'string',
				default: 'daysWorked',
				displayOptions: { show: { daysWorked: ['field'] } },
				description: 'Name of the input field that holds the days worked',
			},
			{
				displayName: 'Employee Scope',
				name: 'employeeScope',
				type: 'options',
				options: [
					{ name: 'Employees in the Input', value: 'input' },
					{
						name: 'Employees in the Input and Those This Export Paid',
						value: 'inputAndExported',
						description:
							'Also take out the hours this export wrote for employees who no longer have lines (e.g. approved hours later rejected). Hours others entered are kept. Needs Nmbrs to return row comments.',
					},
					{
						name: 'All Employees of the Company',
						value: 'allEmployees',
						description:
							'Also bring employees without input lines back to zero on the reconciled hour codes',
					},
				],
				default: 'input',
			},
			{
				displayName: 'Hour Codes That May Total Below Zero',
				name: 'negativeTotalCodes',
				type: 'string',
				default: '',
				placeholder: 'e.g. 40',
				description:
					'Correction codes whose total per employee and period may be negative. On any other code a negative total is refused before anything is written, because it cannot be paid.',
			},
			{
				displayName: 'Managed Hour Codes',
				name: 'managedHourCodes',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1, 3, 20, 21',
				description:
					'Hour codes this export owns even when the input has no lines on them: Nmbrs hours on these codes that the input no longer has are brought back to zero. Codes not in the input and not listed here are never touched.',
			},
			{
				displayName: 'Stop When Totals Would Drop By More Than (Hours)',
				name: 'maxDecreaseHours',
				type: 'string',
				default: '',
				placeholder: 'e.g. 40',
				description:
					'Guard against incomplete input: when the export would take more than this many hours out of Nmbrs in one period (all employees and codes together), it stops before writing anything. Empty: no limit.',
			},
			{
				displayName: 'Write Mode',
				name: 'writeMode',
				type: 'options',
				options: [
					{
						name: 'Correction Lines',
						value: 'correctionLines',
						description:
							'Append a row with the difference. Needs only HourComponentVar_Get and _Insert_Batch rights.',
					},
					{
						name: 'Replace Rows',
						value: 'replaceRows',
						description:
							'Change existing rows instead of adding correction rows; never writes negative hours. Also needs HourComponent_Update and _Delete rights.',
					},
				],
				default: 'correctionLines',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['hours'], operation: ['export'] } },
	properties,
);
