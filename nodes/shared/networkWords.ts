// n8n replaces an error message that contains a Node.js error code (ECONNRESET, ENOTFOUND, …)
// with its own generic text, which drops what the package says about the cause and the fix.
// So codes are turned into words before they reach any message.

const WORDS: Record<string, string> = {
	ECONNRESET: 'was closed by the other side',
	ECONNREFUSED: 'was refused: nothing answers at that address',
	ECONNABORTED: 'was aborted',
	ENOTFOUND: 'failed: the host name is unknown',
	EAI_AGAIN: 'failed: the host name could not be looked up',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	EHOSTUNREACH: 'failed: the host cannot be reached',
	ENETUNREACH: 'failed: the network cannot be reached',
	EADDRNOTAVAIL: 'failed: the address is not available',
	EPIPE: 'was closed while the request was being sent',
	EPROTO: 'failed: the TLS handshake failed',
	UND_ERR_SOCKET: 'was closed by the other side',
	ERR_CANCELED: 'was cancelled',
};

/** What happened to a connection, in words, for a Node.js error code (or undefined). */
export function connectionFailure(code: unknown, message = ''): string {
	const key = typeof code === 'string' ? code.toUpperCase() : '';
	if (WORDS[key]) return WORDS[key];
	if (/timeout|timed out|aborted/i.test(message)) return 'timed out';
	return 'failed without an answer';
}

/** Any Node.js error code left in a text, replaced by words n8n shows unchanged. */
export function withoutErrorCodes(text: string): string {
	return text.replace(/\b(E[A-Z_]{3,}|UND_ERR_[A-Z_]+|GETADDRINFO)\b/g, (code) =>
		WORDS[code] ? `(${WORDS[code]})` : '(network error)',
	);
}
