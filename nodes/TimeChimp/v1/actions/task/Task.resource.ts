import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many tasks; a task code holds the payroll hour code',
				action: 'Get many tasks',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
