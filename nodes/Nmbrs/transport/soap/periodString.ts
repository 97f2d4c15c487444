import type { PayrollPeriod, PeriodType } from '../../domain/types';

// Company_GetCurrentPeriod answers "yyyy-p-type" (e.g. 2010-5-M); the doc string also shows
// "2010-4-4W". The exact live spelling of the 4-weekly and weekly types is unverified, so every
// spelling we know of is accepted here, in one place.
const PERIOD_STRING = /^\s*(\d{4})-(\d{1,2})-(M|W4|4W|W1|1W|W)\s*$/i;
const TYPE_ALIASES: Record<string, PeriodType> = {
	M: 'M',
	W4: 'W4',
	'4W': 'W4',
	W1: 'W1',
	'1W': 'W1',
	W: 'W1',
};

export function parsePeriodString(value: string): PayrollPeriod {
	const match = PERIOD_STRING.exec(value);
	if (!match) {
		const shown = value.length > 40 ? `${value.slice(0, 40)}… (${value.length} characters)` : value;
		throw new Error(`Nmbrs returned an unrecognised period "${shown}" (expected e.g. 2026-10-M)`);
	}
	return {
		year: Number(match[1]),
		period: Number(match[2]),
		type: TYPE_ALIASES[match[3].toUpperCase()],
	};
}
