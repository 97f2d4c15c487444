/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** A `YYYY-MM-DD` date literal (unquoted, as TimeChimp expects) from a date or date-time input. */
export function odataDate(value: string): string | undefined {
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
	return match?.[1];
}

/** Joins the non-empty clauses with `and`; undefined when there are none. */
export function andFilter(clauses: Array<string | undefined | false>): string | undefined {
	const parts = clauses.filter((c): c is string => typeof c === 'string' && c.length > 0);
	return parts.length ? parts.join(' and ') : undefined;
}
