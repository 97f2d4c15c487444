import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hourCode'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the hour codes of a company's hour models",
				action: 'Get many hour codes',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
