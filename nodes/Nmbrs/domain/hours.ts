// Hours are money: they are handled as integer hundredths of an hour, never as floats.

const DECIMAL = /^([+-])?(\d+)(?:[.,](\d+))?$/;

/**
 * Parses hours given as 7.5, "7.5" or "7,5" into millionths of an hour (exact integer).
 * Returns undefined for anything that is not a plain decimal number.
 */
export function parseHoursToMillionths(value: unknown): number | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = value.toFixed(6);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return undefined;
	}
	const match = DECIMAL.exec(text);
	if (!match) return undefined;
	const fraction = (match[3] ?? '').padEnd(6, '0');
	if (fraction.length > 6 && /[1-9]/.test(fraction.slice(6))) {
		// More precision than a payroll system keeps: round half away from zero at 6 digits.
		const rounded = Math.round(Number(`0.${fraction}`) * 1e6);
		return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 1e6 + rounded);
	}
	const magnitude = Number(match[2]) * 1e6 + Number(fraction.slice(0, 6));
	return match[1] === '-' ? -magnitude : magnitude;
}

/** Rounds millionths to hundredths, half away from zero. */
export function millionthsToHundredths(millionths: number): number {
	const sign = millionths < 0 ? -1 : 1;
	return sign * Math.round(Math.abs(millionths) / 1e4);
}

export function parseHoursToHundredths(value: unknown): number | undefined {
	const millionths = parseHoursToMillionths(value);
	return millionths === undefined ? undefined : millionthsToHundredths(millionths);
}

export function hundredthsToHours(hundredths: number): number {
	return hundredths / 100;
}
