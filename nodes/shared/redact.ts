/** Longest text an error, notice or hint carries: a hostile answer must not fill n8n's database. */
export const MAX_TEXT = 500;

/**
 * The one redaction of both nodes: removes the API token from any text (in case a server or
 * library echoes it) and cuts the text to `max` characters, marking the cut. Everything the
 * nodes show or n8n stores goes through it.
 */
export function redact(text: string, secret: string | undefined, max = MAX_TEXT): string {
	const clean = secret && secret.length >= 4 ? text.split(secret).join('***') : text;
	return clean.length > max ? `${clean.slice(0, max)}… (cut: ${clean.length} characters)` : clean;
}
