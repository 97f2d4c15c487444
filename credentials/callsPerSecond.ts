import type { INodeProperties } from 'n8n-workflow';

/** Both Nmbrs credentials: how fast one login may call Nmbrs (fair use: 150 per second). */
export const callsPerSecondProperty: INodeProperties = {
	displayName: 'Calls Per Second',
	name: 'callsPerSecond',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 150 },
	default: 100,
	description:
		'Most calls per second this login sends to Nmbrs, shared by every node and, in queue mode, every worker. Nmbrs allows 150 per login (fair use); keep room for other tools that use the same login.',
};
