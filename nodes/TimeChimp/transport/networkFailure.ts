// Network failures in words. n8n's error classes replace any message that contains a Node.js
// network code (ECONNRESET, ENOTFOUND, …) with generic text of their own, so the code never goes
// into a message: it is found here and said in words, and only the description names it.

/** What each network code means for a call to TimeChimp; none of these texts contains a code. */
const IN_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed by TimeChimp before it answered',
	EPIPE: 'the connection was closed by TimeChimp while the request was being sent',
	ECONNREFUSED: 'nothing accepted the connection at the Base URL (connection refused)',
	ENOTFOUND: 'the host name of the Base URL was not found',
	EAI_AGAIN: 'the host name of the Base URL could not be looked up just now',
	ETIMEDOUT: 'TimeChimp did not answer in time',
	ESOCKETTIMEDOUT: 'TimeChimp did not answer in time',
	ECONNABORTED: 'the connection was given up before TimeChimp answered',
	EHOSTUNREACH: 'the host of the Base URL cannot be reached from this n8n',
	ENETUNREACH: 'the network of the Base URL cannot be reached from this n8n',
	EPROTO: 'the secure (HTTPS) connection to the Base URL failed',
	CERT_HAS_EXPIRED: "the Base URL's HTTPS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: "the Base URL's HTTPS certificate is self-signed",
	SELF_SIGNED_CERT_IN_CHAIN: "the Base URL's HTTPS certificate is not trusted",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the Base URL's HTTPS certificate could not be verified",
	ERR_TLS_CERT_ALTNAME_INVALID: "the Base URL's HTTPS certificate is for another host name",
};

/** The codes said in words. */
export const NETWORK_CODES = Object.keys(IN_WORDS);

const UNKNOWN = 'the network failed before TimeChimp answered';

const CODE_IN_TEXT = new RegExp(`\\b(${NETWORK_CODES.join('|')})\\b`);

/**
 * The network code of a failed request, looked for in the error, its causes (n8n wraps the HTTP
 * library's error in its own) and the original messages n8n keeps in `messages`.
 */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as { code?: unknown; message?: unknown; messages?: unknown; cause?: unknown };
		if (typeof e.code === 'string' && e.code in IN_WORDS) return e.code;
		const texts = [e.message, ...(Array.isArray(e.messages) ? e.messages : [])];
		for (const text of texts) {
			const match = typeof text === 'string' ? CODE_IN_TEXT.exec(text) : null;
			if (match) return match[1];
		}
		current = e.cause;
	}
	return undefined;
}

/** The failure in words, for the message n8n shows. */
export function networkFailureInWords(code: string | undefined): string {
	return (code && IN_WORDS[code]) || UNKNOWN;
}
