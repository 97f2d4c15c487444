import type { INodeProperties } from 'n8n-workflow';

import * as getCurrentPeriod from './getCurrentPeriod.operation';
import * as getMany from './getMany.operation';

export const operations = { getMany, getCurrentPeriod };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{
				name: 'Get Current Period',
				value: 'getCurrentPeriod',
				description: "Get a company's current payroll period and period type",
				action: 'Get the current payroll period of a company',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the companies (administrations) the credential can see',
				action: 'Get many companies',
			},
		],
		default: 'getMany',
	},
	...getCurrentPeriod.description,
	...getMany.description,
];
