import type { INodeProperties } from 'n8n-workflow';

import * as exportHours from './export.operation';
import * as get from './get.operation';

export const operations = { export: exportHours, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hours'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				description:
					'Bring Nmbrs to the hours in the input for a payroll period, sending only the differences',
				action: 'Export hours to a payroll period',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get an employee's variable hour rows for a period",
				action: 'Get hours of an employee',
			},
		],
		default: 'get',
	},
	...exportHours.description,
	...get.description,
];
