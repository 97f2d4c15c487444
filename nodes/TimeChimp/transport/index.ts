import { createHash } from 'crypto';
import {
	NodeApiError,
	sleep,
	type Failure,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import type { TimeChimpEnvelope } from '../v1/helpers/types';
import { redact as redactSecret } from '../../shared/redact';
import { limiterFor } from './rateLimiter';

export type TimeChimpContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const DEFAULT_BASE_URL = 'https://v2.api.timechimp.com';
/** Rows per list request; paging stops on `count`, so a lower server cap loses nothing. */
export const PAGE_SIZE = 1000;
const MAX_429_RETRIES = 4;
const MAX_RETRY_AFTER_MS = 60_000;

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

export interface RequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

function retryAfterMs(header: string | string[] | undefined, attempt: number): number {
	const value = Array.isArray(header) ? header[0] : header;
	const seconds = Number(value);
	let ms = Number.isFinite(seconds) && value !== undefined && value !== '' ? seconds * 1000 : NaN;
	if (Number.isNaN(ms) && value) ms = Date.parse(value) - Date.now();
	if (Number.isNaN(ms)) ms = 1000 * 2 ** attempt;
	return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.slice(0, 500) || undefined;
	if (body && typeof body === 'object') {
		const b = body as IDataObject;
		const msg = b.message ?? b.title ?? b.error ?? b.detail;
		if (typeof msg === 'string') return msg;
	}
	return undefined;
}

/**
 * The one place that talks to TimeChimp: throttles per token, retries 429 honouring
 * Retry-After, and turns failures into NodeApiError built only from the response body
 * (the request, and so the api-key header, never reaches an error).
 */
export async function timeChimpRequest<T = IDataObject>(
	this: TimeChimpContext,
	method: IHttpRequestMethods,
	path: string,
	options: RequestOptions = {},
): Promise<T> {
	const credentials = await this.getCredentials('timeChimpApi');
	const token = String(credentials.apiToken ?? '');
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	const limiter = limiterFor(createHash('sha256').update(token).digest('hex'));
	const redact = (text: string) => redactSecret(text, token);
	const { itemIndex } = options;

	for (let attempt = 0; ; attempt++) {
		if (!(await limiter.acquire())) {
			throw new NodeApiError(this.getNode(), { message: 'Rate limit queue full' } as JsonObject, {
				message: 'Too many TimeChimp requests queued for this API token',
				description: 'TimeChimp allows 100 requests per minute per token. Try again later.',
				httpCode: '429',
				itemIndex,
				failure: { cause: 'rate-limited', retryAfterMs: 60_000 },
			});
		}
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, 'timeChimpApi', {
				method,
				url: `${baseUrl}${path}`,
				qs: options.qs,
				body: options.body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as FullResponse;
		} catch (error) {
			// Network failure: keep only the message, the wrapped error holds the request headers.
			const reason = redact(String((error as Error).message ?? error));
			throw new NodeApiError(this.getNode(), { message: reason } as JsonObject, {
				message: 'Could not reach TimeChimp',
				description: `${method} ${path}: ${reason}. Check the Base URL in the TimeChimp credential.`,
				itemIndex,
				failure: { cause: 'temporarily-unavailable' },
			});
		}

		const { statusCode, body, headers } = response;
		if (statusCode === 429 && attempt < MAX_429_RETRIES) {
			await sleep(retryAfterMs(headers['retry-after'], attempt));
			continue;
		}
		if (statusCode >= 200 && statusCode < 300) return body as T;

		const detail = redact(apiMessage(body) ?? `HTTP ${statusCode}`);
		const hint =
			statusCode === 401 || statusCode === 403
				? 'TimeChimp refused the API token. Create a new API v2 token (Owner or Admin) and update the credential.'
				: statusCode === 404
					? 'TimeChimp does not know this record. Check the ID.'
					: statusCode === 429
						? 'TimeChimp kept answering "too many requests". Run the workflow less often or later.'
						: `TimeChimp answered ${statusCode} to ${method} ${path}: ${detail}`;
		const failure: Failure | undefined =
			statusCode === 401 || statusCode === 403
				? { cause: 'credential-invalid' }
				: statusCode === 429
					? { cause: 'rate-limited', retryAfterMs: retryAfterMs(headers['retry-after'], attempt) }
					: statusCode >= 500
						? { cause: 'temporarily-unavailable' }
						: undefined;
		throw new NodeApiError(
			this.getNode(),
			{ message: detail, httpCode: String(statusCode) } as JsonObject,
			{ message: detail, description: hint, httpCode: String(statusCode), itemIndex, failure },
		);
	}
}

/** First element of a v2 envelope (`GET /x/{id}`, POST, PUT), or the body itself. */
export function firstResult<T = IDataObject>(body: unknown): T | undefined {
	if (body && typeof body === 'object' && Array.isArray((body as TimeChimpEnvelope).result)) {
		return (body as TimeChimpEnvelope<T>).result![0];
	}
	return (body || undefined) as T | undefined;
}

export interface ListQuery {
	filter?: string;
	orderby?: string;
}

/** Reads a list with $top/$skip/$count=true until `count` rows (or `limit`) are read. */
export async function timeChimpGetAll(
	this: TimeChimpContext,
	path: string,
	query: ListQuery,
	limit?: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (;;) {
		const top = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - rows.length);
		const qs: IDataObject = { $top: top, $skip: rows.length, $count: true };
		if (query.filter) qs.$filter = query.filter;
		if (query.orderby) qs.$orderby = query.orderby;
		const page = (await timeChimpRequest.call(this, 'GET', path, {
			qs,
			itemIndex,
		})) as TimeChimpEnvelope;
		const result = page.result ?? [];
		rows.push(...result);
		if (limit !== undefined && rows.length >= limit) return rows.slice(0, limit);
		if (result.length === 0) return rows;
		if (typeof page.count === 'number') {
			if (rows.length >= page.count) return rows;
		} else if (!page.links?.some((l) => l.rel === 'next') && result.length < top) {
			return rows;
		}
	}
}
