import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import * as company from './company/Company.resource';
import * as employee from './employee/Employee.resource';
import * as hourCode from './hourCode/HourCode.resource';
import * as hours from './hours/Hours.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Nmbrs',
	name: 'nmbrs',
	icon: { light: 'file:../nmbrs.svg', dark: 'file:../nmbrs.dark.svg' },
	group: ['output'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description: 'Read companies, hour codes and employees from Nmbrs payroll, and export hours as a safe diff',
	defaults: { name: 'Nmbrs' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'nmbrsApi', required: true, testedBy: 'nmbrsApiTest' }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Company', value: 'company' },
				{ name: 'Employee', value: 'employee' },
				{ name: 'Hour Code', value: 'hourCode' },
				{ name: 'Hours', value: 'hours' },
			],
			default: 'hours',
		},
		...company.description,
		...hourCode.description,
		...employee.description,
		...hours.description,
	],
};
