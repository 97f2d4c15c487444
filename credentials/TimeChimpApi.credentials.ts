import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TimeChimpApi implements ICredentialType {
	name = 'timeChimpApi';

	displayName = 'TimeChimp API';

	icon = { light: 'file:timechimp.svg', dark: 'file:timechimp.dark.svg' } as const;

	// How to create the token. TimeChimp has no public page for API v2 tokens that we could verify;
	// its help article on the Nmbrs link is about TimeChimp's own integration, not this token.
	documentationUrl = 'https://github.com/n8n-nodes-nmbrs/n8n-nodes-nmbrs#timechimp-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A TimeChimp API v2 token: gear icon, API v2, Create API token (needs the Owner or Admin role)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://v2.api.timechimp.com',
			description: 'Only change this for a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'api-key': '={{$credentials.apiToken}}',
				'api-version': '2.0',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/users',
			qs: { $top: 1 },
		},
	};
}
