import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Tested by the Nmbrs node (testedBy: 'nmbrsApiTest'): a SOAP call cannot be expressed as a
// declarative credential test.
export class NmbrsApi implements ICredentialType {
	name = 'nmbrsApi';

	displayName = 'Nmbrs API';

	icon: Icon = { light: 'file:nmbrs.svg', dark: 'file:nmbrs.dark.svg' };

	documentationUrl = 'https://support.nmbrs.com/hc/en-us/articles/360014783140';

	properties: INodeProperties[] = [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. payroll@example.com',
			default: '',
			required: true,
			description: 'The e-mail address you log in to Nmbrs with',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Nmbrs: your profile (top right) → API token. The API user template of this user decides which operations are allowed.',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			placeholder: 'e.g. mycompany',
			default: '',
			required: true,
			description: 'The part of your Nmbrs address before .nmbrs.nl',
		},
		{
			displayName: 'Administration',
			name: 'administration',
			type: 'string',
			placeholder: 'e.g. 12345',
			default: '',
			description:
				'ID of the company (administration) to use when a node does not choose one. Leave empty to always choose in the node.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.nmbrs.nl' },
				{ name: 'Sandbox', value: 'sandbox', description: 'https://api-sandbox.nmbrs.nl' },
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another base URL, e.g. a local Nmbrs emulator',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			placeholder: 'e.g. http://127.0.0.1:8081',
			default: '',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL in front of /soap/v3/&lt;Service&gt;.asmx',
		},
		{
			displayName: 'Calls Per Second',
			name: 'callsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 150 },
			default: 100,
			description:
				'Most calls per second this login sends to Nmbrs, shared by every node and, in queue mode, every worker. Nmbrs allows 150 per login (fair use); keep room for other tools that use the same login.',
		},
	];
}
