import { createHash } from 'crypto';
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import type { TimeChimpEnvelope } from '../v1/helpers/types';
import { redact as redactSecret } from '../../shared/redact';
import { networkCodeOf, networkFailureInWords } from './networkFailure';
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
			// Network failure: n8n has already wrapped it, replacing a message that names a network code
			// with generic text. Say it in our words; only the description names the code. The wrapped
			// error holds the request headers, so nothing else of it is kept.
			const code = networkCodeOf(error);
			const inWords = networkFailureInWords(code);
			throw new NodeApiError(this.getNode(), { message: inWords } as JsonObject, {
				message: `Could not reach TimeChimp: ${inWords}`,
				description: redact(
					`${method} ${path} got no answer${code ? ` (network code ${code})` : ''}. Check the Base URL in the TimeChimp credential (default ${DEFAULT_BASE_URL}) and that this n8n can reach it; a read is safe to run again.`,
				),
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
		throw new NodeApiError(
			this.getNode(),
			{ message: detail, httpCode: String(statusCode) } as JsonObject,
			{
				...refusal(statusCode, method, path, detail),
				httpCode: String(statusCode),
				itemIndex,
				failure:
					statusCode === 401 || statusCode === 403
						? { cause: 'credential-invalid' }
						: statusCode === 429
							? {
									cause: 'rate-limited',
									retryAfterMs: retryAfterMs(headers['retry-after'], attempt),
								}
							: statusCode >= 500
								? { cause: 'temporarily-unavailable' }
								: undefined,
			},
		);
	}
}

const NEW_TOKEN =
	'In TimeChimp, click the gear icon, open API v2 and create an API token (you need the Owner or Admin role), then paste it into the API Token field of the TimeChimp credential in n8n.';

/** Message and description of an HTTP answer that is not 2xx: what happened, and how to fix it. */
function refusal(
	statusCode: number,
	method: string,
	path: string,
	detail: string,
): { message: string; description: string } {
	const said = `TimeChimp said: ${detail}`;
	if (statusCode === 401)
		return {
			message: 'TimeChimp did not accept the API token (HTTP 401)',
			description: `The token is wrong, was deleted or has expired. ${NEW_TOKEN} ${said}`,
		};
	if (statusCode === 403)
		return {
			message: `TimeChimp does not allow this API token to ${method} ${path} (HTTP 403)`,
			description: `The token's user may lack the rights. ${NEW_TOKEN} ${said}`,
		};
	if (statusCode === 404)
		return { message: detail, description: 'TimeChimp does not know this record. Check the ID.' };
	if (statusCode === 429)
		return {
			message: detail,
			description:
				'TimeChimp kept answering "too many requests". Run the workflow less often or later.',
		};
	return {
		message: detail,
		description: `TimeChimp answered ${statusCode} to ${method} ${path}: ${detail}`,
	};
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
