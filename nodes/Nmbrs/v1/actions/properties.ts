import type { INodeProperties } from 'n8n-workflow';

import * as company from './company/Company.resource';
import * as employee from './employee/Employee.resource';
import * as hourCode from './hourCode/HourCode.resource';
import * as hours from './hours/Hours.resource';

/** The parameters of node version 1. Names are stored in users' workflows: never rename them. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'API Token (SOAP)',
				value: 'apiToken',
				description: "Nmbrs' SOAP API, supported until 2027-03-01",
			},
			{
				name: 'OAuth2 (REST)',
				value: 'oAuth2',
				description: "Nmbrs' REST API, the only API after 2027-03-01",
			},
		],
		default: 'apiToken',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Employee', value: 'employee' },
			{
				name: 'Hour',
				value: 'hours',
				description: 'Registered hours (variable hour components) per employee and period',
			},
			{ name: 'Hour Code', value: 'hourCode' },
		],
		// A read: as an AI-agent tool or a new node, the node must not open on a payroll write.
		default: 'company',
	},
	...company.description,
	...hourCode.description,
	...employee.description,
	...hours.description,
];
