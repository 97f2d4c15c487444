import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { NoAnswerError, type RestResponse, type RestSend } from '../../transport';

type Obj = Record<string, unknown>;

/** Node error codes that mean no answer came. */
const NO_ANSWER =
	/^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|ERR_CANCELED|ESOCKETTIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

/**
 * The REST transport's `send`, on n8n's own HTTP helper with the Nmbrs OAuth2 credential: n8n
 * signs each request with the access token and, on 401, refreshes the token once (storing a
 * rotated refresh token) and repeats the request. HTTP errors come back as answers; only a
 * missing answer rejects, as NoAnswerError.
 */
export function n8nRestSend(ctx: IExecuteFunctions | ILoadOptionsFunctions): RestSend {
	return async (request) => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: request.headers,
			json: true,
			returnFullResponse: true,
			// A redirect would carry the bearer token elsewhere.
			disableFollowRedirect: true,
			timeout: request.timeoutMs,
			...(request.body ? { body: request.body } : {}),
		};
		const response = (await ctx.helpers.httpRequestWithAuthentication
			.call(ctx, 'nmbrsOAuth2Api', options)
			.catch((error: unknown) => ({ failed: error }))) as Obj;
		if (!('failed' in response))
			return {
				status: Number(response.statusCode ?? 200),
				headers: (response.headers as Obj) ?? {},
				body: response.body,
			};
		const error = response.failed;
		const answer = answerOf(error);
		if (answer) return answer;
		const code = codeOf(error);
		if (code && NO_ANSWER.test(code))
			return Promise.reject(new NoAnswerError(`no answer (${code})`, code));
		if (/timeout|timed out|socket hang up/i.test(String((error as Error)?.message)))
			return Promise.reject(new NoAnswerError('timeout', code));
		return Promise.reject(error);
	};
}

/** The HTTP answer inside whatever n8n threw (NodeApiError around an axios error, or a request error). */
function answerOf(error: unknown): RestResponse | undefined {
	for (let e = error as Obj | undefined, depth = 0; e && depth < 4; depth++) {
		const response = e.response as Obj | undefined;
		const status = Number(response?.status ?? response?.statusCode ?? e.statusCode);
		if (response && Number.isInteger(status) && status >= 100)
			return {
				status,
				headers: (response.headers as Obj) ?? {},
				body: parse(response.data ?? response.body),
			};
		e = e.cause as Obj | undefined;
	}
	return undefined;
}

function codeOf(error: unknown): string | undefined {
	for (let e = error as Obj | undefined, depth = 0; e && depth < 4; depth++) {
		if (typeof e.code === 'string') return e.code;
		e = e.cause as Obj | undefined;
	}
	return undefined;
}

function parse(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
