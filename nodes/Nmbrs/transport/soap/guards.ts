// What every SOAP call is held to, whatever the server (or a proxy, or an attacker on the
// path) answers. Passed to soap as per-call options, which it hands to its HTTP client.

/** Ordinary answers: a period string, a list of hour rows. */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;
/** Company-wide reads (personal info, contracts) of thousands of employees: well above the largest seen. */
export const MAX_BULK_ANSWER_BYTES = 100 * 1024 * 1024;

/** The answer is not one Nmbrs would send: refused before soap's parser sees it. */
export class RefusedAnswer extends Error {
	constructor(
		message: string,
		readonly status: number | undefined,
	) {
		super(message);
		this.name = 'RefusedAnswer';
	}
}

const ENVELOPE_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<[\w.-]+:Envelope[\s>/]/;
const ENVELOPE_END = /<\/[\w.-]+:Envelope>\s*$/;

/**
 * Checks an answer before soap reads it. A SOAP answer (fault or result) is XML holding one
 * whole envelope; anything else (an HTML error page, a redirect, a truncated body) fails here,
 * fast: soap's own envelope search costs the square of the answer's size on such text.
 */
export function checkAnswer(
	body: unknown,
	headers: Record<string, unknown> | undefined,
	status: number | undefined,
): void {
	if (status !== undefined && status >= 300 && status < 400) {
		const location = String(headers?.location ?? '');
		let host = 'another address';
		try {
			host = new URL(location).host || host;
		} catch {
			// a relative or broken Location: the host stays unnamed
		}
		throw new RefusedAnswer(
			`Nmbrs answered with a redirect (HTTP ${status}) to ${host}; it was not followed, and nothing was sent there`,
			status,
		);
	}
	const type = String(headers?.['content-type'] ?? '');
	const text = typeof body === 'string' ? body : '';
	const whole =
		/xml/i.test(type) &&
		ENVELOPE_START.test(text.slice(0, 4096)) &&
		ENVELOPE_END.test(text.slice(-512));
	if (!whole) {
		const head = text.slice(0, 4096);
		const what = !/xml/i.test(type)
			? `${type.split(';')[0] || 'no content type'} instead of SOAP XML`
			: /<!DOCTYPE/i.test(head)
				? 'XML with a DTD, which is never read (entities are not resolved)'
				: 'XML that is not a whole SOAP envelope';
		throw new RefusedAnswer(`Nmbrs answered HTTP ${status ?? '?'} with ${what}`, status);
	}
}

/**
 * Per-call options for soap's HTTP client (axios): no redirects (the envelope carries the API
 * token, so it must never go to another host), a size cap, and an overall deadline that also
 * ends a call stalled behind a proxy, where axios' own timeout does not fire.
 */
export function callOptions(timeoutMs: number, maxBytes: number) {
	return {
		timeout: timeoutMs,
		signal: AbortSignal.timeout(timeoutMs + 1_000),
		maxRedirects: 0,
		maxContentLength: maxBytes,
		transformResponse(
			this: unknown,
			data: unknown,
			headers: Record<string, unknown>,
			status?: number,
		) {
			checkAnswer(data, headers, status);
			return data;
		},
	};
}
