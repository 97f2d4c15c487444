// The two Nmbrs backends the payroll suite runs on: SOAP (API token) and REST (OAuth2), both
// against the same emulator state. Engine-level tests get an NmbrsApi per backend; node-level
// tests get the node parameter and credential per backend (nmbrs-fixture.ts).
import type { IDataObject } from 'n8n-workflow';

import type { NmbrsApi } from '../../nodes/Nmbrs/app/ports';
import {
	createNmbrsApi,
	createRestNmbrsApi,
	restConnectionFromCredentials,
	NoAnswerError,
	type RestSend,
	type TransportSettings,
} from '../../nodes/Nmbrs/transport';
import { DEMO_USER, type NmbrsEmulator } from '../emulators/nmbrs';

export type Backend = 'soap' | 'rest';
export const BACKENDS: Backend[] = ['soap', 'rest'];

/** Writes of either API in the emulator's call log (SOAP operation names, REST method + route). */
export const isWriteCall = (operation: string) =>
	/Insert|Update|Delete|Set_Batch|^(POST|PUT|DELETE) /.test(operation);
/** The per-employee hour read of either API. */
export const isHoursRead = (operation: string) =>
	operation === 'HourComponentVar_Get' ||
	operation === 'GET /api/employees/{employeeId}/variablehours';

/**
 * RestSend on Node's fetch with a bearer token from the emulator's own code flow: the REST
 * transport as n8n's HTTP helper drives it, for tests that run the engine without n8n. The
 * token is fetched again when the emulator says 401 (a refresh, as n8n would do).
 */
export function fetchSend(emulator: NmbrsEmulator): RestSend {
	let token: Promise<string> | undefined;
	const bearer = () => (token ??= emulator.authorize().then((t) => t.access_token));
	const once = async (request: Parameters<RestSend>[0], access: string) => {
		const res = await fetch(request.url, {
			method: request.method,
			headers: {
				...request.headers,
				Authorization: `Bearer ${access}`,
				...(request.body ? { 'Content-Type': 'application/json' } : {}),
			},
			body: request.body ? JSON.stringify(request.body) : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		const text = await res.text();
		let body: unknown = text === '' ? undefined : text;
		try {
			body = text === '' ? undefined : JSON.parse(text);
		} catch {
			// not JSON: passed on as text
		}
		return { status: res.status, headers: Object.fromEntries(res.headers), body };
	};
	return async (request) => {
		try {
			const answer = await once(request, await bearer());
			if (answer.status !== 401) return answer;
			token = undefined;
			return await once(request, await bearer());
		} catch (error) {
			const cause = (error as { cause?: { code?: string } }).cause;
			throw new NoAnswerError(`no answer (${cause?.code ?? (error as Error).name})`, cause?.code);
		}
	};
}

export function engineApi(
	backend: Backend,
	emulator: NmbrsEmulator,
	settings: TransportSettings,
	administration = '',
): NmbrsApi {
	if (backend === 'soap')
		return createNmbrsApi(
			{
				email: DEMO_USER.username,
				apiToken: DEMO_USER.token,
				domain: DEMO_USER.domain,
				environment: 'custom',
				baseUrl: emulator.baseUrl,
			},
			settings,
		);
	return createRestNmbrsApi(
		restConnectionFromCredentials({
			environment: 'custom',
			apiUrl: emulator.baseUrl,
			subscriptionKey: emulator.restConfig.subscriptionKey,
			administration,
		}),
		fetchSend(emulator),
		settings,
	);
}

/** The Nmbrs OAuth2 credential as n8n holds it once connected (hidden URLs resolved). */
export function oauth2Credential(
	emulator: NmbrsEmulator,
	oauthTokenData: IDataObject,
	overrides: IDataObject = {},
): IDataObject {
	const c = emulator.restConfig;
	return {
		grantType: 'authorizationCode',
		environment: 'custom',
		apiUrl: emulator.baseUrl,
		identityUrl: emulator.baseUrl,
		authUrl: `${emulator.baseUrl}/connect/authorize`,
		accessTokenUrl: `${emulator.baseUrl}/connect/token`,
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		scope: c.grantedScopes.join(' '),
		authQueryParameters: '',
		authentication: 'header',
		subscriptionKey: c.subscriptionKey,
		oauthTokenData,
		...overrides,
	};
}
