// REST error bodies: RFC 7807 problem details as the Nmbrs API sends them, and the API
// gateway's own 401 body.
import type { ServerResponse } from 'http';

export const GATEWAY_401 = {
	statusCode: 401,
	message: 'Access denied due to invalid subscription key or bearer token.',
};

const TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	415: 'Unsupported Media Type',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	code: string;
}

/** Thrown by route handlers; the REST handler turns it into a problem-details answer. */
export class RestError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		detail: string,
		readonly title: string = TITLES[status] ?? 'Error',
		readonly headers: Record<string, string> = {},
	) {
		super(detail);
	}

	get problem(): Problem {
		return problem(this.status, this.code, this.message, this.title);
	}
}

export function problem(status: number, code: string, detail: string, title?: string): Problem {
	return {
		type: `https://developer.nmbrs.com/docs/errors#${code}`,
		title: title ?? TITLES[status] ?? 'Error',
		status,
		detail,
		code,
	};
}

export function sendJson(
	res: ServerResponse,
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
	type = 'application/json; charset=utf-8',
): void {
	if (res.destroyed) return;
	if (value === undefined) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	const body = JSON.stringify(value);
	res.writeHead(status, {
		'Content-Type': type,
		'Content-Length': String(Buffer.byteLength(body)),
		...headers,
	});
	res.end(body);
}

export function sendProblem(
	res: ServerResponse,
	p: Problem,
	headers: Record<string, string> = {},
): void {
	sendJson(res, p.status, p, headers, 'application/problem+json; charset=utf-8');
}
