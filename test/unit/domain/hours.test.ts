import {
	millionthsToHundredths,
	parseHoursToHundredths,
	parseHoursToMillionths,
} from '../../../nodes/Nmbrs/domain/hours';
import { hundredthsToDecimalText } from '../../../nodes/Nmbrs/transport/soap/decimal';

describe('hours', () => {
	it.each([
		[7.5, 750],
		['7.5', 750],
		['7,5', 750],
		[' 8 ', 800],
		['-1.25', -125],
		[0, 0],
		['0,01', 1],
		[1 / 3, 33],
		['2.005', 201],
		['-2.005', -201],
	])('parses %p as %p hundredths', (input, expected) =>
		expect(parseHoursToHundredths(input)).toBe(expected),
	);

	it.each([
		['abc'],
		[''],
		['7.5h'],
		['1e3'],
		[NaN],
		[Infinity],
		[null],
		[undefined],
		[{}],
		['7.5.1'],
	])('rejects %p', (input) => expect(parseHoursToMillionths(input)).toBeUndefined());

	it('sums thirds exactly before rounding', () => {
		const third = parseHoursToMillionths(1 / 3)!;
		expect(millionthsToHundredths(third * 3)).toBe(100);
	});

	it('formats Nmbrs decimals', () => {
		expect(hundredthsToDecimalText(750)).toBe('7.50');
		expect(hundredthsToDecimalText(-5)).toBe('-0.05');
		expect(hundredthsToDecimalText(0)).toBe('0.00');
	});
});
