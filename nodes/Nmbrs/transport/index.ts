import type { NmbrsApi } from '../app/ports';
import { CachedNmbrsApi } from './CachedNmbrsApi';
import {
	connectionFromCredentials,
	DEFAULT_TRANSPORT_SETTINGS,
	type NmbrsCredentialData,
	type TransportSettings,
} from './connection';
import { SoapNmbrsApi } from './soap/SoapNmbrsApi';

export type { NmbrsApi, PeriodWrite } from '../app/ports';
export * from './connection';

/**
 * The one place that picks the backend. SOAP today; when Nmbrs ends SOAP (2027-03-01) a REST
 * implementation of NmbrsApi is chosen here, and no operation changes.
 */
export function createNmbrsApi(
	credentials: NmbrsCredentialData,
	settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
): NmbrsApi {
	return new CachedNmbrsApi(new SoapNmbrsApi(connectionFromCredentials(credentials), settings));
}
