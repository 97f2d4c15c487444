import { connectionFailure } from '../../../shared/networkWords';
import { NmbrsFault, NmbrsTransportError } from '../../domain/faults';
import { delay, type TransportSettings } from '../connection';
import { callSlot } from '../fairUse';
import { restError } from './problems';
import {
	NoAnswerError,
	type Page,
	type RestConnection,
	type RestMethod,
	type RestSend,
} from './wire';

type Query = Record<string, string | number | undefined>;
type RequestOptions = { query?: Query; body?: Record<string, unknown>; bulk?: boolean };

/** Rows per page asked for; Nmbrs' default is 20 and its maximum is not documented. */
export const PAGE_SIZE = 100;
/** Pages followed at most for one list: 1,000,000 records at PAGE_SIZE, a bound on a bad server. */
const MAX_PAGES = 10_000;
/** Longest wait a Retry-After may ask for before the call is given up. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Tries for an answer of 429 (not applied, so safe for writes too). */
const RATE_LIMITED_ATTEMPTS = 6;

/**
 * One REST exchange at a time, held to the rules every call keeps: the subscription key on
 * each request, Nmbrs' fair use (the process-wide limiter SOAP uses too), 429 honoured with
 * Retry-After, reads retried on 5xx and lost answers, writes never re-sent when the answer
 * was lost (the export's read-back decides), and every error mapped to the domain's errors.
 */
export class RestClient {
	private readonly sleep: (ms: number) => Promise<void>;
	/**
	 * The session's first call, which every other call waits for. An expired access token is
	 * then refreshed by that one call: with single-use refresh tokens, two concurrent refreshes
	 * (n8n 1.x refreshes per request) would make the second fail with invalid_grant.
	 */
	private opened?: Promise<unknown>;

	constructor(
		private readonly connection: RestConnection,
		private readonly send: RestSend,
		private readonly settings: TransportSettings,
	) {
		this.sleep = settings.sleep ?? delay;
	}

	url(path: string, query: Query = {}): string {
		const params = Object.entries(query)
			.filter(([, v]) => v !== undefined && v !== '')
			.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
			.join('&');
		return `${this.connection.baseUrl}${path}${params ? `?${params}` : ''}`;
	}

	async request(
		method: RestMethod,
		path: string,
		operation: string,
		options: RequestOptions = {},
	): Promise<unknown> {
		if (!this.opened) {
			const first = this.exchange(method, path, operation, options);
			this.opened = first.catch(() => undefined);
			return await first;
		}
		await this.opened;
		return await this.exchange(method, path, operation, options);
	}

	private async exchange(
		method: RestMethod,
		path: string,
		operation: string,
		options: RequestOptions,
	): Promise<unknown> {
		const write = method !== 'GET';
		const attempts = write ? 1 : this.settings.readAttempts;
		let rateLimited = 0;
		for (let attempt = 1; ;) {
			const release = await callSlot(this.connection.fairUse, this.sleep);
			const answer = await this.send({
				method,
				url: this.url(path, options.query),
				headers: {
					Accept: 'application/json',
					'X-Subscription-Key': this.connection.subscriptionKey,
				},
				body: options.body,
				timeoutMs: options.bulk ? this.settings.bulkTimeoutMs : this.settings.timeoutMs,
			})
				.catch((error: unknown) => (error instanceof NoAnswerError ? error : Promise.reject(error)))
				.finally(release);
			if (answer instanceof NoAnswerError) {
				const failed = new NmbrsTransportError(
					`The connection to Nmbrs ${connectionFailure(answer.code, answer.message)}`,
					operation,
				);
				if (write || attempt >= attempts) throw failed;
				await this.backoff(attempt++);
				continue;
			}
			const { status, body, headers } = answer;
			if (status >= 200 && status < 300) return body;
			if (status === 429 && ++rateLimited < RATE_LIMITED_ATTEMPTS) {
				// Too many requests: not applied, so a write may be sent again too.
				const wait = retryAfterMs(headers['retry-after']);
				if (wait !== undefined && wait > MAX_RETRY_AFTER_MS)
					throw restError(status, body, operation, path);
				await (wait === undefined ? this.backoff(rateLimited) : this.sleep(wait));
				continue;
			}
			const error = restError(status, body, operation, path);
			if (write || !(error instanceof NmbrsTransportError) || attempt >= attempts) throw error;
			await this.backoff(attempt++);
		}
	}

	/** Every record of a paged list, following the pages to the end. */
	async list<T>(path: string, operation: string, query: Query = {}, bulk = false): Promise<T[]> {
		const records: T[] = [];
		for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
			const page = (await this.request('GET', path, operation, {
				query: { ...query, pageNumber, pageSize: PAGE_SIZE },
				bulk,
			})) as Page<T> | undefined;
			if (!page || !Array.isArray(page.data))
				throw new NmbrsTransportError(
					'Nmbrs sent a list answer without the expected "data" array',
					operation,
				);
			records.push(...page.data);
			const p = page.pagination ?? {};
			const more =
				typeof p.totalPages === 'number' ? pageNumber < p.totalPages : Boolean(p.nextPage);
			// A page that came back empty ends the list even if the server claims more.
			if (!more || page.data.length === 0) return records;
		}
		throw new NmbrsFault(
			undefined,
			`The list has more than ${MAX_PAGES} pages; this package stops there`,
			operation,
			{ api: 'rest', status: 200 },
		);
	}

	private backoff(attempt: number): Promise<void> {
		return this.sleep(this.settings.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
	}
}

/** Retry-After in seconds (the only form Nmbrs is reported to send) or as an HTTP date. */
export function retryAfterMs(value: unknown): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const at = Date.parse(String(raw));
	return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
