import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timeEntry'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"Get many time entries, each with the user's employee number and e-mail added (TimeChimp leaves them out)",
				action: 'Get many time entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
