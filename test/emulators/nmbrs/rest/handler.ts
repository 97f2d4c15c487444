// The HTTP side of the REST API: /connect/* (identity service) and /api/* (gateway + API).
// Order for /api calls: log, injected faults, latency, rate limit, subscription key + bearer
// token (gateway 401), route, scope (403), body, handler, post-apply faults.
import type { IncomingMessage, ServerResponse } from 'http';
import type { FaultAction, FaultCall } from '../faults';
import type { NmbrsReadings } from '../readings';
import type { NmbrsState } from '../state';
import type { RestConfig } from './config';
import type { OAuthStore } from './oauth';
import { handleAuthorize, handleRevocation, handleToken } from './oauth';
import { GATEWAY_401, problem, RestError, sendJson, sendProblem } from './problem';
import type { RestUser } from './routes';
import { matchRoute } from './routes';

const MAX_BODY = 5 * 1024 * 1024;

export interface RestCallEntry {
	index: number;
	status?: number;
}

/** What the REST layer needs from the emulator. */
export interface RestHost {
	readonly state: NmbrsState;
	readonly readings: NmbrsReadings;
	readonly latencyMs: number;
	readonly restConfig: RestConfig;
	readonly oauth: OAuthStore;
	/** Timestamps (ms) of the /api calls admitted in the last second, for ratePerSecond. */
	readonly restRateWindow: number[];
	/** Username tokens are issued to (the demo user). */
	readonly restUsername: string;
	recordCall(service: string, operation: string, username: string | undefined): RestCallEntry;
	faultFor(call: FaultCall): FaultAction | undefined;
	sleep(ms: number): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY) req.destroy(new Error('request body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function bearerOf(req: IncomingMessage): string | undefined {
	const m = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	return m?.[1];
}

function userOf(host: RestHost, username: string): RestUser {
	const u = host.state.users.find((x) => x.username.toLowerCase() === username.toLowerCase());
	return { username, companyIds: u?.companyIds };
}

/** The origin the client called, so page links work behind e.g. host.docker.internal. */
function requestUrl(req: IncomingMessage): URL {
	return new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
}

export async function handleRest(
	host: RestHost,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const url = requestUrl(req);
	const method = (req.method ?? 'GET').toUpperCase();
	const body = await readBody(req);
	if (url.pathname.startsWith('/connect/')) return handleConnect(host, method, url, req, body, res);

	const match = matchRoute(method, url.pathname);
	const operation =
		'def' in match ? `${method} ${match.def.template}` : `${method} ${url.pathname}`;
	const token = bearerOf(req);
	const entry = host.recordCall('rest', operation, host.oauth.anyAccessToken(token)?.username);
	const reply = (status: number, value: unknown, headers?: Record<string, string>) => {
		entry.status = status;
		sendJson(res, status, value, headers);
	};
	const fail = (p: ReturnType<typeof problem>, headers?: Record<string, string>) => {
		entry.status = p.status;
		sendProblem(res, p, headers);
	};

	const action = host.faultFor({
		service: 'rest',
		operation,
		index: entry.index,
		username: host.oauth.anyAccessToken(token)?.username,
	});
	if (host.latencyMs > 0) await host.sleep(host.latencyMs);
	if (action?.kind === 'latency') await host.sleep(action.ms);
	switch (action?.kind) {
		case 'http500':
			return fail(problem(500, 'InternalServerError', 'An unexpected error occurred.'));
		case 'http502':
			return fail(problem(502, 'BadGateway', 'The backend did not answer.'));
		case 'http503':
			return fail(problem(503, 'ServiceUnavailable', 'The service is temporarily unavailable.'));
		case 'http429':
			return fail(problem(429, 'TooManyRequests', 'Rate limit is exceeded. Try again later.'), {
				'Retry-After': String(action.retryAfterSeconds ?? 1),
			});
		case 'reset':
			entry.status = 0;
			req.socket.destroy();
			return;
		case 'echoFault': {
			// A careless server: the error repeats the whole request, bearer token and key included.
			const echo = `${method} ${url} ${JSON.stringify(req.headers)} ${body} ${'x'.repeat(action.padding ?? 0)}`;
			return fail(problem(500, 'InternalServerError', `Could not handle ${echo}`));
		}
	}

	const config = host.restConfig;
	if (config.ratePerSecond > 0) {
		const now = Date.now();
		const window = host.restRateWindow;
		while (window.length && window[0] <= now - 1000) window.shift();
		if (window.length >= config.ratePerSecond)
			return fail(
				problem(429, 'TooManyRequests', 'Rate limit is exceeded. Try again in 1 second.'),
				{
					'Retry-After': '1',
				},
			);
		window.push(now);
	}

	const key = req.headers['x-subscription-key'];
	const keyOk = key === config.subscriptionKey || key === config.secondarySubscriptionKey;
	const access = host.oauth.accessToken(token);
	if (!keyOk || !access)
		return reply(
			401,
			GATEWAY_401,
			access ? {} : { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
		);

	if (!('def' in match)) {
		return match.pathKnown
			? fail(problem(405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}`))
			: fail(problem(404, 'NotFound', `No endpoint ${method} ${url.pathname}`));
	}
	const { def, params } = match;
	if (def.scopes.length && !def.scopes.some((s) => access.scopes.includes(s)))
		return fail(
			problem(403, 'InsufficientScope', `${operation} needs scope ${def.scopes.join(' or ')}`),
		);

	let json: unknown;
	if (method === 'POST' || method === 'PUT') {
		if (!/^application\/(.+\+)?json/i.test(req.headers['content-type'] ?? ''))
			return fail(problem(415, 'UnsupportedMediaType', 'Content-Type must be application/json'));
		try {
			json = JSON.parse(body);
		} catch {
			return fail(problem(400, 'InvalidJson', 'The request body is not valid JSON'));
		}
	}

	let result: { status: number; body?: unknown };
	try {
		result = def.run({
			state: host.state,
			readings: host.readings,
			config,
			user: userOf(host, access.username),
			params,
			url,
			body: json,
		});
	} catch (err) {
		if (err instanceof RestError) {
			if (action?.kind === 'resetAfterApply') {
				req.socket.destroy();
				return;
			}
			return fail(err.problem, err.headers);
		}
		throw err;
	}
	if (action?.kind === 'resetAfterApply') {
		// Applied, but the client never hears back: its outcome is unknown.
		entry.status = result.status;
		req.socket.destroy();
		return;
	}
	if (action?.kind === 'slow') await host.sleep(action.ms);
	reply(result.status, result.body);
}

function handleConnect(
	host: RestHost,
	method: string,
	url: URL,
	req: IncomingMessage,
	body: string,
	res: ServerResponse,
): void {
	const deps = {
		config: () => host.restConfig,
		store: host.oauth,
		username: () => host.restUsername,
	};
	const path = url.pathname.replace(/\/$/, '');
	if (path === '/connect/authorize' && method === 'GET') return handleAuthorize(deps, url, res);
	if (path === '/connect/token' && method === 'POST') return handleToken(deps, req, body, res);
	if (path === '/connect/revocation' && method === 'POST')
		return handleRevocation(deps, req, body, res);
	sendJson(res, 404, { error: 'not_found', error_description: `${method} ${url.pathname}` });
}
