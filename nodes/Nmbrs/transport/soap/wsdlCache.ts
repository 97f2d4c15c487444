import { createClientAsync, type IOptions, type WSDL } from 'soap';

// A WSDL is ~0.5 MB of XML: download and parse it once per process for each base URL and
// service, then build cheap per-credential clients from the parsed copy.

export const CLIENT_OPTIONS: IOptions = {
	// Keep Nmbrs' local date-times as text: soap would otherwise read them in the host's zone.
	customDeserializer: { dateTime: (text: string) => text, date: (text: string) => text },
	// Nmbrs serves SOAP 1.1 and 1.2 ports; 1.1 is the one every client uses.
	forceSoap12Headers: false,
	disableCache: false,
};

const cache = new Map<string, Promise<WSDL>>();

export function wsdlUrl(baseUrl: string, service: string): string {
	return `${baseUrl}/soap/v3/${service}.asmx?WSDL`;
}

export function loadWsdl(baseUrl: string, service: string, timeoutMs: number): Promise<WSDL> {
	const url = wsdlUrl(baseUrl, service);
	let pending = cache.get(url);
	if (!pending) {
		pending = createClientAsync(url, { ...CLIENT_OPTIONS, wsdl_options: { timeout: timeoutMs } }).then((client) => client.wsdl);
		// A failed download must not poison the cache for the rest of the process.
		pending.catch(() => cache.delete(url));
		cache.set(url, pending);
	}
	return pending;
}
