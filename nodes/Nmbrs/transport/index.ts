import type { NmbrsApi } from '../app/ports';
import { CachedNmbrsApi } from './CachedNmbrsApi';
import {
	connectionFromCredentials,
	DEFAULT_TRANSPORT_SETTINGS,
	type NmbrsCredentialData,
	type TransportSettings,
} from './connection';
import { RestNmbrsApi } from './rest/RestNmbrsApi';
import type { RestConnection, RestSend } from './rest/wire';
import { SoapNmbrsApi } from './soap/SoapNmbrsApi';

export type { NmbrsApi, PeriodWrite } from '../app/ports';
export * from './connection';
export { MAX_IN_FLIGHT, FAIR_USE_MAX, DEFAULT_CALLS_PER_SECOND } from './fairUse';
export { NoAnswerError } from './rest/wire';
export type { RestConnection, RestRequest, RestResponse, RestSend } from './rest/wire';

/** The SOAP backend (credential "Nmbrs API": e-mail, API token, domain). */
export function createNmbrsApi(
	credentials: NmbrsCredentialData,
	settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
): NmbrsApi {
	return new CachedNmbrsApi(new SoapNmbrsApi(connectionFromCredentials(credentials), settings));
}

/**
 * The REST backend (credential "Nmbrs OAuth2 API"). `send` is n8n's HTTP helper bound to the
 * OAuth2 credential: it signs each request and refreshes the access token.
 */
export function createRestNmbrsApi(
	connection: RestConnection,
	send: RestSend,
	settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
): NmbrsApi {
	return new CachedNmbrsApi(new RestNmbrsApi(connection, send, settings));
}
export * from './rest/connection';
