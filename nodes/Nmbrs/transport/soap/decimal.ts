/** Nmbrs decimal text for a SOAP request, e.g. 750 → "7.50". */
export function hundredthsToDecimalText(hundredths: number): string {
	const sign = hundredths < 0 ? '-' : '';
	const abs = Math.abs(hundredths);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
