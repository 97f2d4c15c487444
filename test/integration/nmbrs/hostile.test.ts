// A hostile or broken server on the other end: answers are refused fast, with short messages,
// and the envelope (which carries the API token) never goes anywhere but the configured host.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

import { NmbrsFault, NmbrsTransportError } from '../../../nodes/Nmbrs/domain/faults';
import { createNmbrsApi, type TransportSettings } from '../../../nodes/Nmbrs/transport';

const fast: TransportSettings = {
	timeoutMs: 300,
	bulkTimeoutMs: 300,
	readAttempts: 1,
	retryDelayMs: 1,
};
const TOKEN = 'hostile-test-token-5150';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
const sockets = new Set<Socket>();
async function serve(handler: Handler): Promise<{ url: string; bodies: string[] }> {
	const bodies: string[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			bodies.push(body);
			handler(req, res);
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}
afterAll(async () => {
	for (const s of sockets) s.destroy();
	await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** The WSDL comes from a well-behaved emulator-like source: the test server serves the real one. */
const wsdl = (service: string) =>
	require('fs').readFileSync(
		require('path').join(__dirname, '..', '..', 'emulators', 'nmbrs', 'wsdl', `${service}.wsdl`),
		'utf8',
	) as string;
function soapServer(onPost: Handler) {
	return serve((req, res) => {
		if (req.method !== 'GET') return onPost(req, res);
		const service = /\/(\w+)\.asmx/.exec(req.url ?? '')![1];
		res.setHeader('content-type', 'text/xml');
		res.end(wsdl(service));
	});
}
const api = (baseUrl: string, settings = fast) =>
	createNmbrsApi(
		{ environment: 'custom', baseUrl, email: 'a@b.nl', apiToken: TOKEN, domain: 'x' },
		settings,
	);
async function outcome(call: Promise<unknown>) {
	const started = Date.now();
	const error = await call.then(
		() => undefined,
		(e: Error) => e,
	);
	return { error, ms: Date.now() - started };
}

describe('hostile answers', () => {
	it('does not follow a redirect to another host, and names it', async () => {
		const elsewhere = await serve((_req, res) => res.end('stolen'));
		const nmbrs = await soapServer((_req, res) => {
			res.writeHead(307, { location: `${elsewhere.url}/soap/v3/CompanyService.asmx` });
			res.end();
		});
		const { error } = await outcome(api(nmbrs.url).listCompanies());
		expect(error).toBeInstanceOf(NmbrsFault);
		expect(error!.message).toMatch(
			new RegExp(
				`redirect \\(HTTP 307\\) to ${elsewhere.url.replace('http://', '')}; it was not followed, and nothing was sent there`,
			),
		);
		expect(elsewhere.bodies).toEqual([]);
		expect(nmbrs.bodies.some((b) => b.includes(TOKEN))).toBe(true); // the envelope did go to the configured host
	});

	it('fails as fast as an HTTP error on a large HTML page with 200 OK, with a short message', async () => {
		const page = `<html><body>${'<p>maintenance</p>'.repeat(20_000)}</body></html>`; // ~360 KB
		const nmbrs = await soapServer((_req, res) => {
			res.setHeader('content-type', 'text/html');
			res.end(page);
		});
		const { error, ms } = await outcome(api(nmbrs.url).listCompanies());
		expect(error!.message).toMatch(/Nmbrs answered HTTP 200 with text\/html instead of SOAP XML/);
		expect(error!.message.length).toBeLessThan(300);
		expect(ms).toBeLessThan(2_000);
	});

	it('refuses a 50 MB answer to a small read, with a short message', async () => {
		const nmbrs = await soapServer((_req, res) => {
			res.setHeader('content-type', 'text/xml');
			const chunk = 'x'.repeat(1024 * 1024);
			res.write(
				'<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Company_GetCurrentPeriodResponse xmlns="https://api.nmbrs.nl/soap/v3/CompanyService"><Company_GetCurrentPeriodResult>',
			);
			for (let i = 0; i < 50 && !res.destroyed; i++) res.write(chunk);
			res.end(
				'</Company_GetCurrentPeriodResult></Company_GetCurrentPeriodResponse></soap:Body></soap:Envelope>',
			);
		});
		// The size cap is under test, not the deadline: a loaded machine may take over 300 ms for 10 MB.
		const patient = { ...fast, timeoutMs: 20_000, bulkTimeoutMs: 20_000 };
		const { error } = await outcome(api(nmbrs.url, patient).getCurrentPeriod('1'));
		expect(error).toBeInstanceOf(NmbrsFault);
		expect(error!.message).toMatch(/larger than this package accepts for one call/);
		expect(error!.message.length).toBeLessThan(300);
	});

	it('ends a call that trickles forever at the overall deadline', async () => {
		let drips = 0;
		const nmbrs = await soapServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '100000' });
			// One byte every 100 ms: the socket is never idle, so an idle timeout alone never fires.
			const timer = setInterval(() => {
				if (res.destroyed || ++drips > 100) return clearInterval(timer);
				res.write(' ');
			}, 100);
			res.on('close', () => clearInterval(timer));
		});
		const { error, ms } = await outcome(api(nmbrs.url).getCurrentPeriod('1'));
		expect(error).toBeInstanceOf(NmbrsTransportError);
		expect(error!.message).toMatch(/timed out/);
		expect(ms).toBeLessThan(3_000);
		expect(drips).toBeLessThan(30);
	});
});
