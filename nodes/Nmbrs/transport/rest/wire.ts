import type { FairUse } from '../fairUse';
// The REST API's wire: how one HTTP exchange looks to this transport. The request itself is
// sent by a function the n8n glue supplies (n8n's own HTTP helper with the OAuth2 credential,
// which signs the request and refreshes the access token), so the transport needs no HTTP
// library and the package gains no runtime dependency.

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RestRequest {
	method: RestMethod;
	/** Absolute URL, query included. */
	url: string;
	headers: Record<string, string>;
	/** JSON body of a POST or PUT. */
	body?: Record<string, unknown>;
	timeoutMs: number;
}

export interface RestResponse {
	status: number;
	headers: Record<string, unknown>;
	/** Parsed JSON, a string when the answer was not JSON, undefined when empty. */
	body: unknown;
}

/**
 * Sends one request. Resolves with any HTTP answer (4xx and 5xx included); rejects only when no
 * answer came (connection refused or reset, timeout), with the Node error code when known.
 */
export type RestSend = (request: RestRequest) => Promise<RestResponse>;

/** No answer: the outcome of a write is unknown. */
export class NoAnswerError extends Error {
	constructor(
		message: string,
		readonly code?: string,
	) {
		super(message);
		this.name = 'NoAnswerError';
	}
}

export interface RestConnection {
	/** https://api.nmbrsapp.com, or an emulator; paths start with /api/. */
	baseUrl: string;
	subscriptionKey: string;
	/** The credential's Administration: company number or GUID, or ''. */
	administration: string;
	/** Whose calls Nmbrs counts for fair use, and how many per second this login may send. */
	fairUse: FairUse;
}

/** The `{data, pagination}` wrapper of every list answer. */
export interface Page<T> {
	data?: T[];
	pagination?: { pageNumber?: number; totalPages?: number; nextPage?: string | null };
}
