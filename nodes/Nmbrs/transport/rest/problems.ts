import { NmbrsFault, NmbrsTransportError } from '../../domain/faults';

// REST errors are problem details (`type`, `title`, `status`, `detail`, `code`) or, from the
// API gateway in front, `{statusCode, message}`. Each is mapped to the SOAP error code of the
// same meaning, in this one place, so that the node's messages and rules are the same on both
// APIs. The problem `code` values Nmbrs uses are not public: they are matched by meaning.

type Obj = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The words of an error body, whichever shape it has. */
export function problemText(body: unknown): { title: string; detail: string; code: string } {
	if (typeof body === 'string') return { title: body.slice(0, 200), detail: '', code: '' };
	const b = (body && typeof body === 'object' ? body : {}) as Obj;
	return {
		title: text(b.title) || text(b.message) || text(b.error),
		detail: text(b.detail) || text(b.error_description),
		code: typeof b.code === 'number' ? String(b.code) : text(b.code),
	};
}

/** Nmbrs' REST answer for a login that holds several debtors: /api/companies is refused. */
export function isMultiDebtor(status: number, body: unknown): boolean {
	return status === 403 && /ForbiddenMultiDebtor/i.test(problemText(body).title);
}

/** The SOAP code of the same meaning as a REST error, or undefined when none fits. */
function soapCodeOf(status: number, words: string, path: string): number | undefined {
	if (status === 401) return 1001;
	if (status === 403) return 1002;
	if (status === 404) {
		if (/\/hours\/[^/]+$/.test(path) || /hour ?component/i.test(words)) return 2046;
		if (/^\/api\/employees\//.test(path)) return 2003;
		if (/^\/api\/companies\//.test(path)) return 2004;
		return 2046;
	}
	// A write into a period before the current one. A locked payroll run has no SOAP code: its
	// own words are shown.
	if (/lock/i.test(words)) return undefined;
	if (/protect|unprotected|past period/i.test(words)) return 2011;
	if (/hour ?code/i.test(words)) return 2001;
	if (/period/i.test(words)) return 2006;
	return undefined;
}

/**
 * An HTTP error answer as a domain error. 5xx (and 429 once retries are spent) mean the
 * request may or may not have been applied: NmbrsTransportError. Anything else: NmbrsFault.
 */
export function restError(
	status: number,
	body: unknown,
	operation: string,
	path: string,
): NmbrsFault | NmbrsTransportError {
	const { title, detail, code } = problemText(body);
	const words = [code, title, detail].filter(Boolean).join(': ');
	if (status === 429)
		return new NmbrsTransportError(
			'Nmbrs kept answering "too many requests" (HTTP 429)',
			operation,
			status,
		);
	if (status >= 500)
		return new NmbrsTransportError(
			`Nmbrs answered HTTP ${status}${words ? ` (${words.slice(0, 200)})` : ''}`,
			operation,
			status,
		);
	const message =
		status === 401
			? `HTTP 401${words ? `: ${words}` : ''}`
			: words || `HTTP ${status} without an explanation`;
	return new NmbrsFault(soapCodeOf(status, words, path), message, operation, {
		api: 'rest',
		status,
	});
}
