// Calendar dates as payroll uses them: yyyy-mm-dd text, no time of day, no time zone maths.

/** The yyyy-mm-dd of a date or date-time text, or undefined when it is not a real calendar date. */
export function calendarDate(value: unknown): string | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/.exec(String(value ?? '').trim());
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	const real =
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real ? match[0] : undefined;
}

/** Today's date (yyyy-mm-dd) in a time zone, e.g. Dutch payroll time. */
export function todayIn(timeZone: string, now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(now);
}
