import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './v1/actions/router';
import * as task from './v1/actions/task/Task.resource';
import * as timeEntry from './v1/actions/timeEntry/TimeEntry.resource';
import * as user from './v1/actions/user/User.resource';
import { listSearch } from './v1/methods';

const resourceProperty: INodeProperties = {
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
};

const operationProperties = [
	...timeEntry.description,
	...user.description,
	...task.description,
].filter((p) => p.name === 'operation');

/** Values to display names, e.g. {"getMany":"Get Many"}: the subtitle shows words, not values. */
function namesOf(properties: INodeProperties[]): string {
	const names: Record<string, string> = {};
	for (const p of properties)
		for (const o of (p.options ?? []) as Array<{ name: string; value: unknown }>)
			names[String(o.value)] = o.name;
	return JSON.stringify(names);
}

/** e.g. "Get Many: Time Entry"; an unknown value (an old workflow) is shown as it is. */
export const SUBTITLE = `={{(${namesOf(operationProperties)}[$parameter["operation"]] || $parameter["operation"]) + ": " + (${namesOf([resourceProperty])}[$parameter["resource"]] || $parameter["resource"])}}`;

export class TimeChimp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TimeChimp',
		name: 'timeChimp',
		icon: { light: 'file:timechimp.svg', dark: 'file:timechimp.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: SUBTITLE,
		description: 'Read time entries and tasks, and manage users in TimeChimp',
		defaults: { name: 'TimeChimp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'timeChimpApi', required: true }],
		properties: [
			resourceProperty,
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
