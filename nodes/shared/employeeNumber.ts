/**
 * The one rule for comparing employee numbers, used by both nodes: Nmbrs stores them as whole
 * numbers, time trackers as text, so "0042", " 42 " and 42 are the same employee. Anything that
 * is not all digits is compared as trimmed text.
 */
export function employeeNumberKey(value: unknown): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}
