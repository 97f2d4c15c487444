// A tiny namespace-aware scan of a SOAP envelope: just enough to check, before the soap
// library sees the request, which element is the operation, in which namespace, and which
// header/argument elements were sent (ASMX silently ignores unqualified or misplaced ones).

export interface QName {
	local: string;
	ns: string;
}

export interface EnvelopeInfo {
	envelopeNs: string;
	/** Children of soap:Header. */
	headers: QName[];
	/** Grandchildren of soap:Header (e.g. Username), with the local name of their header element. */
	headerFields: Array<QName & { header: string }>;
	/** First child of soap:Body (the operation wrapper). */
	operation?: QName;
	/** Children of the operation wrapper, in document order. */
	args: QName[];
}

const TOKEN =
	/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function scanEnvelope(xml: string): EnvelopeInfo {
	const info: EnvelopeInfo = { envelopeNs: '', headers: [], headerFields: [], args: [] };
	const stack: Array<{ q: QName; scope: Map<string, string> }> = [];
	for (const m of xml.matchAll(TOKEN)) {
		const [, close, name, attrs, selfClose] = m;
		if (!name) continue; // comment, CDATA, PI, doctype
		if (close) {
			stack.pop();
			continue;
		}
		const scope = new Map(stack[stack.length - 1]?.scope ?? []);
		for (const a of (attrs ?? '').matchAll(ATTR)) {
			const value = a[2] ?? a[3] ?? '';
			if (a[1] === 'xmlns') scope.set('', value);
			else if (a[1].startsWith('xmlns:')) scope.set(a[1].slice(6), value);
		}
		const colon = name.indexOf(':');
		const prefix = colon >= 0 ? name.slice(0, colon) : '';
		const q: QName = {
			local: colon >= 0 ? name.slice(colon + 1) : name,
			ns: scope.get(prefix) ?? '',
		};
		const depth = stack.length;
		const parent = stack[1]?.q.local;
		if (depth === 0) info.envelopeNs = q.ns;
		else if (depth === 2 && parent === 'Header') info.headers.push(q);
		else if (depth === 2 && parent === 'Body' && !info.operation) info.operation = q;
		else if (depth === 3 && parent === 'Header')
			info.headerFields.push({ ...q, header: stack[2].q.local });
		else if (depth === 3 && parent === 'Body' && stack[2]?.q === info.operation) info.args.push(q);
		if (!selfClose) stack.push({ q, scope });
	}
	return info;
}

/** The first text of a `<Username>` element anywhere (for the call log; tokens are never read). */
export function usernameOf(xml: string): string | undefined {
	return /<(?:[\w.-]+:)?Username(?:\s[^>]*)?>([^<]*)<\//.exec(xml)?.[1]?.trim();
}
