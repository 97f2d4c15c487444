import { createClientAsync, type IOptions, type WSDL } from 'soap';

import { Memo } from '../../../shared/memo';

// A WSDL is ~0.5 MB of XML: download and parse it once per process for each base URL and
// service, then build cheap per-credential clients from the parsed copy.

export const CLIENT_OPTIONS: IOptions = {
	// Keep Nmbrs' local date-times as text: soap would otherwise read them in the host's zone.
	customDeserializer: { dateTime: (text: string) => text, date: (text: string) => text },
	// Nmbrs serves SOAP 1.1 and 1.2 ports; 1.1 is the one every client uses.
	forceSoap12Headers: false,
	disableCache: false,
};

const cache = new Memo();

export function wsdlUrl(baseUrl: string, service: string): string {
	return `${baseUrl}/soap/v3/${service}.asmx?WSDL`;
}

export function loadWsdl(baseUrl: string, service: string, timeoutMs: number): Promise<WSDL> {
	const url = wsdlUrl(baseUrl, service);
	// A failed download is forgotten: it must not poison the cache for the rest of the process.
	return cache.once(
		url,
		async () =>
			(await createClientAsync(url, { ...CLIENT_OPTIONS, wsdl_options: { timeout: timeoutMs } }))
				.wsdl,
	);
}
