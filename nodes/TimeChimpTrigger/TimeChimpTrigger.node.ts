import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollTimeEntries } from './timeEntryPoller';

export class TimeChimpTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TimeChimp Trigger',
		name: 'timeChimpTrigger',
		icon: { light: 'file:timechimp.svg', dark: 'file:timechimp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({"newOrUpdatedTimeEntry": "New or Updated Time Entry"}[$parameter["event"]] || $parameter["event"]) }}',
		description: 'Starts the workflow when time entries are added or changed in TimeChimp',
		defaults: { name: 'TimeChimp Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'timeChimpApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New or Updated Time Entry',
						value: 'newOrUpdatedTimeEntry',
						description:
							'A time entry was added or changed (also old ones) since the last poll. The first poll only starts the clock.',
					},
				],
				default: 'newOrUpdatedTimeEntry',
			},
			{
				displayName: 'Approved Only',
				name: 'approvedOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to emit only entries whose status is Approved (an entry is emitted when it gets approved)',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTimeEntries.call(this);
	}
}
