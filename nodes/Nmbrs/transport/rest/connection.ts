import { fairUse } from '../fairUse';
import type { RestConnection } from './wire';

/** Nmbrs' REST API and identity service in production (no REST sandbox is known). */
export const REST_API_URL = 'https://api.nmbrsapp.com';
export const IDENTITY_URL = 'https://identityservice.nmbrs.com';

export interface NmbrsOAuth2CredentialData {
	environment?: 'production' | 'custom';
	apiUrl?: string;
	subscriptionKey?: string;
	administration?: string | number;
	callsPerSecond?: number;
}

export function restConnectionFromCredentials(data: NmbrsOAuth2CredentialData): RestConnection {
	const custom = data.environment === 'custom';
	const baseUrl = custom ? String(data.apiUrl ?? '').trim() : REST_API_URL;
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl))
		throw new Error(
			'The Nmbrs OAuth2 credential has Environment "Custom URL" but no valid API URL (e.g. http://127.0.0.1:8081)',
		);
	const subscriptionKey = String(data.subscriptionKey ?? '').trim();
	if (subscriptionKey === '')
		throw new Error(
			'The Nmbrs OAuth2 credential has no Subscription Key: copy the primary key of your product subscription from the Nmbrs developer portal into the credential',
		);
	return {
		baseUrl: baseUrl.replace(/\/+$/, ''),
		subscriptionKey,
		administration: String(data.administration ?? '').trim(),
		fairUse: fairUse([baseUrl, subscriptionKey], data.callsPerSecond),
	};
}
