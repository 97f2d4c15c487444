import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Nmbrs' REST API: OAuth2 authorization code against Nmbrs' identity service, plus the
// subscription key of the developer-portal product on every request. n8n runs the code flow,
// stores the tokens and refreshes them (also when each refresh returns a new refresh token).

const IDENTITY = 'https://identityservice.nmbrs.com';
const API = 'https://api.nmbrsapp.com';

/** What the Nmbrs node's operations need; offline_access is required for a refresh token. */
export const NMBRS_DEFAULT_SCOPES = [
	'offline_access',
	'company.info.read',
	'company.payrollsettings.read',
	'employee.info.read',
	'employee.employment.read',
	'employee.payment.read',
	'employee.payment',
].join(' ');

const identity = (path: string) =>
	`={{ ($self.environment === "custom" ? String($self.identityUrl || "").replace(/\\/+$/, "") : "${IDENTITY}") + "${path}" }}`;

export class NmbrsOAuth2Api implements ICredentialType {
	name = 'nmbrsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Nmbrs OAuth2 API';

	icon: Icon = { light: 'file:nmbrs.svg', dark: 'file:nmbrs.dark.svg' };

	documentationUrl = 'https://developer.nmbrs.com/auth';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: `${API} and ${IDENTITY}` },
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Other addresses, e.g. a local Nmbrs emulator',
				},
			],
			default: 'production',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			placeholder: 'e.g. http://127.0.0.1:8081',
			default: '',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL in front of /api/…',
		},
		{
			displayName: 'Identity Service URL',
			name: 'identityUrl',
			type: 'string',
			placeholder: 'e.g. http://127.0.0.1:8081',
			default: '',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL in front of /connect/authorize and /connect/token',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: identity('/connect/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: identity('/connect/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: NMBRS_DEFAULT_SCOPES,
			description:
				'Space-separated. Nmbrs refuses the whole sign-in if your app is not granted every scope listed: remove the ones your app does not have (offline_access is required).',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
		{
			displayName: 'Subscription Key',
			name: 'subscriptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Nmbrs developer portal → Products → your subscription → primary key. Sent as X-Subscription-Key on every request.',
		},
		{
			displayName: 'Administration',
			name: 'administration',
			type: 'string',
			placeholder: 'e.g. 101',
			default: '',
			description:
				'Company number (as in Nmbrs) or company ID to use when a node does not choose one. Leave empty to always choose in the node.',
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

	// A cheap authenticated read with the token and the subscription key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "custom" ? String($credentials.apiUrl || "").replace(/\\/+$/, "") : "${API}" }}`,
			url: '/api/user/info',
			qs: { pageNumber: 1, pageSize: 1 },
			headers: { 'X-Subscription-Key': '={{ $credentials.subscriptionKey }}' },
		},
	};
}
