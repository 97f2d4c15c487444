import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['employee'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Import the employees of a company: names, work e-mail and whether a contract makes them active',
				action: 'Get many employees',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
