// The HTTP layer: routes WSDL downloads, the /_emulator/ control API and SOAP POSTs.
// SOAP requests are buffered and checked here (SOAPAction, operation namespace, fault
// injection) before being handed to the soap library's request listener.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as soap from 'soap';
import type { CallContext } from './dispatch';
import { buildSoapServices } from './dispatch';
import type { FaultAction, FaultCall } from './faults';
import { clientFaultXml, INVALID_ACTION_TEXT, nmbrsFault } from './faults';
import type { ServiceName } from './operations';
import { OPERATIONS, SERVICE_NAMES, serviceNamespace } from './operations';
import type { NmbrsReadings } from './readings';
import type { RestHost } from './rest/handler';
import { handleRest } from './rest/handler';
import type { NmbrsState } from './state';
import { scanEnvelope, usernameOf } from './xml';

const WSDL_DIR = path.join(__dirname, 'wsdl');
const MAX_BODY = 20 * 1024 * 1024;

/** What the HTTP layer needs from the emulator. */
export interface EmulatorHost extends RestHost {
	readonly state: NmbrsState;
	readonly readings: NmbrsReadings;
	readonly latencyMs: number;
	countWsdlDownload(service: ServiceName): void;
	/** Logs the call and returns its log entry (with its index). */
	recordCall(
		service: ServiceName | 'rest',
		operation: string,
		username: string | undefined,
	): { index: number; status?: number };
	faultFor(call: FaultCall): FaultAction | undefined;
	/** Counts a call of the API (SOAP or REST) as in flight until its answer is sent. */
	callInFlight(done: Promise<void>): void;
	reset(): void;
	sleep(ms: number): Promise<void>;
}

type SoapListener = {
	_requestListener(req: http.IncomingMessage, res: http.ServerResponse): void;
	wsdl: { xmlnsInEnvelope: string };
};

/** ASMX declares these on every envelope; the soap library does not, yet emits xsi:nil. */
const XSI_XSD =
	' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

export interface NmbrsHttpServer {
	server: http.Server;
	baseUrl: string;
	close(): Promise<void>;
}

function servicePath(service: ServiceName): string {
	return `/soap/v3/${service}.asmx`;
}

function serviceOf(pathname: string): ServiceName | undefined {
	// ASMX paths are case-insensitive.
	return SERVICE_NAMES.find(
		(s) => servicePath(s).toLowerCase() === pathname.replace(/\/$/, '').toLowerCase(),
	);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY) req.destroy(new Error('request body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** SOAP 1.1 SOAPAction header, or the action parameter of a SOAP 1.2 content type. */
function soapActionOf(req: http.IncomingMessage): string | undefined {
	const header = req.headers.soapaction;
	if (typeof header === 'string') return header.trim().replace(/^"(.*)"$/, '$1');
	return /;\s*action\s*=\s*"?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
	res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
	res.end(body);
}

async function startSoapServers(
	host: EmulatorHost,
	contexts: WeakMap<http.IncomingMessage, CallContext>,
) {
	const services = buildSoapServices({
		state: () => host.state,
		readings: () => host.readings,
		context: (req) => contexts.get(req),
		sleep: (ms) => host.sleep(ms),
	});
	const servers = {} as Record<ServiceName, SoapListener>;
	await Promise.all(
		SERVICE_NAMES.map(
			(service) =>
				new Promise<void>((resolve, reject) => {
					const options = {
						path: servicePath(service),
						services: services[service],
						xml: fs.readFileSync(path.join(WSDL_DIR, `${service}.wsdl`), 'utf8'),
						enableChunkedEncoding: false,
						suppressStack: true,
						// Keep decimals as text so hours can be parsed exactly and leniently ('7,5').
						customDeserializer: { decimal: (text: string) => text },
						callback: (err: unknown, server: SoapListener) => {
							if (err) return reject(err);
							server.wsdl.xmlnsInEnvelope += XSI_XSD;
							resolve();
						},
					};
					// No http server: we call its request listener ourselves after our own checks.
					servers[service] = soap.listen(
						null,
						options as soap.IServerOptions,
					) as unknown as SoapListener;
				}),
		),
	);
	return servers;
}

export async function startHttpServer(host: EmulatorHost, port: number): Promise<NmbrsHttpServer> {
	const contexts = new WeakMap<http.IncomingMessage, CallContext>();
	const soapServers = await startSoapServers(host, contexts);
	const wsdlText = Object.fromEntries(
		SERVICE_NAMES.map((s) => [s, fs.readFileSync(path.join(WSDL_DIR, `${s}.wsdl`), 'utf8')]),
	) as Record<ServiceName, string>;
	let baseUrl = '';

	async function handleSoap(
		service: ServiceName,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): Promise<void> {
		const body = await readBody(req);
		const xml = body.toString('utf8');
		const envelope = scanEnvelope(xml);
		const op = envelope.operation;
		const ns = serviceNamespace(service);
		if (!op || op.ns !== ns || soapActionOf(req) !== `${ns}/${op.local}`) {
			send(res, 500, 'text/xml; charset=utf-8', clientFaultXml(INVALID_ACTION_TEXT));
			return;
		}
		if (!OPERATIONS[service][op.local]) {
			// A real WSDL operation the emulator does not implement.
			const fault = nmbrsFault(
				9999,
				`${service}.${op.local} is not implemented by the emulator`,
			).Fault;
			send(
				res,
				500,
				'text/xml; charset=utf-8',
				clientFaultXml(fault.faultstring).replace('soap:Client', 'soap:Server'),
			);
			return;
		}
		const username = usernameOf(xml);
		const { index } = host.recordCall(service, op.local, username);
		const action = host.faultFor({ service, operation: op.local, index, username });
		if (host.latencyMs > 0) await host.sleep(host.latencyMs);
		if (action?.kind === 'latency') await host.sleep(action.ms);
		if (action?.kind === 'http500') {
			send(
				res,
				500,
				'text/html; charset=utf-8',
				"<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1></body></html>",
			);
			return;
		}
		if (action?.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (action?.kind === 'http429' || action?.kind === 'http502' || action?.kind === 'http503') {
			const status = Number(action.kind.slice(4));
			res.writeHead(status, {
				'Content-Type': 'text/html; charset=utf-8',
				...(action.kind === 'http429'
					? { 'Retry-After': String(action.retryAfterSeconds ?? 1) }
					: {}),
			});
			res.end(`<html><body><h1>${status}</h1></body></html>`);
			return;
		}
		if (action?.kind === 'echoFault') {
			// A hostile or careless server: a fault whose text repeats the whole request, token included.
			const text = `Server was unable to process request. ---> 9999: could not handle ${xml} ${'x'.repeat(action.padding ?? 0)}`;
			send(
				res,
				500,
				'text/xml; charset=utf-8',
				clientFaultXml(text).replace('soap:Client', 'soap:Server'),
			);
			return;
		}
		contexts.set(req, { service, operation: op.local, envelope, action });
		(req as http.IncomingMessage & { body?: Buffer }).body = body;
		soapServers[service]._requestListener(req, res);
	}

	function handleControl(
		pathname: string,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): void {
		const json = (status: number, value: unknown) =>
			send(res, status, 'application/json', JSON.stringify(value, null, 2));
		if (req.method === 'GET' && pathname === '/_emulator/health')
			return json(200, { ok: true, service: 'nmbrs-emulator' });
		if (req.method === 'GET' && pathname === '/_emulator/state')
			return json(200, host.state.dump());
		if (req.method === 'GET' && pathname === '/_emulator/readings') return json(200, host.readings);
		if (req.method === 'GET' && pathname === '/_emulator/rest-config')
			return json(200, host.restConfig);
		if (req.method === 'POST' && pathname === '/_emulator/expire-tokens') {
			host.oauth.expireAccessTokens();
			return json(200, { ok: true });
		}
		if (req.method === 'POST' && pathname === '/_emulator/reset') {
			host.reset();
			return json(200, { ok: true });
		}
		return json(404, { error: `unknown control endpoint ${req.method} ${pathname}` });
	}

	async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname.startsWith('/_emulator/')) return handleControl(url.pathname, req, res);
		if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/connect/'))
			return handleRest(host, req, res);
		const service = serviceOf(url.pathname);
		if (!service) return send(res, 404, 'text/plain', 'Not found');
		if (req.method === 'GET' && /^\?wsdl$/i.test(url.search)) {
			host.countWsdlDownload(service);
			// Point soap:address / soap12:address at this emulator.
			const xml = wsdlText[service].replace(
				/location="https:\/\/api\.nmbrs\.nl(\/soap\/v3\/\w+\.asmx)"/g,
				`location="${baseUrl}$1"`,
			);
			return send(res, 200, 'text/xml; charset=utf-8', xml);
		}
		if (req.method === 'POST') return handleSoap(service, req, res);
		return send(
			res,
			200,
			'text/html; charset=utf-8',
			`<html><body><h1>${service}</h1><p>Nmbrs SOAP v3 emulator.</p></body></html>`,
		);
	}

	const server = http.createServer((req, res) => {
		if ((req.method === 'POST' && req.url?.startsWith('/soap/')) || req.url?.startsWith('/api/'))
			host.callInFlight(new Promise((resolve) => res.once('close', () => resolve())));
		onRequest(req, res).catch((err: Error) => {
			if (!res.headersSent && !res.destroyed)
				send(res, 500, 'text/plain', `emulator error: ${err.message}`);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (!address || typeof address === 'string')
		throw new Error('emulator: unexpected server address');
	baseUrl = `http://127.0.0.1:${address.port}`;

	return {
		server,
		baseUrl,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				// Keep-alive sockets would otherwise keep jest alive.
				server.closeAllConnections();
			}),
	};
}
