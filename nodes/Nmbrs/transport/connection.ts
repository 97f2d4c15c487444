// Where to reach Nmbrs and how patient to be: derived from the credential in one place.
import { fairUse, type FairUse } from './fairUse';

export type NmbrsEnvironment = 'production' | 'sandbox' | 'custom';

export const ENVIRONMENT_URLS: Record<Exclude<NmbrsEnvironment, 'custom'>, string> = {
	production: 'https://api.nmbrs.nl',
	sandbox: 'https://api-sandbox.nmbrs.nl',
};

export interface NmbrsConnection {
	baseUrl: string;
	username: string;
	token: string;
	domain: string;
	fairUse: FairUse;
}

export interface TransportSettings {
	/** Per call, for ordinary calls. */
	timeoutMs: number;
	/** Per call, for company-wide *_AllEmployeesByCompany reads (slow on large companies). */
	bulkTimeoutMs: number;
	/** Tries for a read that failed transiently (network, timeout, HTTP 5xx). */
	readAttempts: number;
	retryDelayMs: number;
	/** How to wait (retry back-off, rate limit); injected so the transport needs no n8n module. */
	sleep?: (ms: number) => Promise<void>;
}

/** The default wait: a plain timer. */
export const delay = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	timeoutMs: 60_000,
	bulkTimeoutMs: 120_000,
	readAttempts: 3,
	retryDelayMs: 500,
};

export interface NmbrsCredentialData {
	email?: string;
	apiToken?: string;
	domain?: string;
	administration?: string | number;
	environment?: NmbrsEnvironment;
	baseUrl?: string;
	callsPerSecond?: number;
}

export function connectionFromCredentials(data: NmbrsCredentialData): NmbrsConnection {
	const environment = data.environment ?? 'production';
	const baseUrl =
		environment === 'custom' ? String(data.baseUrl ?? '').trim() : ENVIRONMENT_URLS[environment];
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		throw new Error(
			'The Nmbrs credential has Environment "Custom URL" but no valid Base URL (e.g. http://127.0.0.1:8081)',
		);
	}
	const username = String(data.email ?? '').trim();
	const domain = String(data.domain ?? '')
		.trim()
		.replace(/\.nmbrs\.nl$/i, '');
	return {
		baseUrl: baseUrl.replace(/\/+$/, ''),
		username,
		token: String(data.apiToken ?? '').trim(),
		domain,
		fairUse: fairUse([baseUrl, username.toLowerCase(), domain.toLowerCase()], data.callsPerSecond),
	};
}
