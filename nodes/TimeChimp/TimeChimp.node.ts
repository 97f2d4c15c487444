import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './v1/actions/router';
import * as task from './v1/actions/task/Task.resource';
import * as timeEntry from './v1/actions/timeEntry/TimeEntry.resource';
import * as user from './v1/actions/user/User.resource';
import { listSearch } from './v1/methods';

export class TimeChimp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TimeChimp',
		name: 'timeChimp',
		icon: { light: 'file:timechimp.svg', dark: 'file:timechimp.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read time entries and tasks, and manage users in TimeChimp',
		defaults: { name: 'TimeChimp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'timeChimpApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Task', value: 'task' },
					{ name: 'Time Entry', value: 'timeEntry' },
					{ name: 'User', value: 'user' },
				],
				default: 'timeEntry',
			},
			...timeEntry.description,
			...user.description,
			...task.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
