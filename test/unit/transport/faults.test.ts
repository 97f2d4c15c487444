import { parseFaultString } from '../../../nodes/Nmbrs/transport/soap/faultString';
import { FAULT_GUIDES, faultGuide } from '../../../nodes/Nmbrs/v1/helpers/faultGuides';

describe('faults', () => {
	it('parses the Nmbrs code out of an ASMX faultstring', () => {
		expect(
			parseFaultString('Server was unable to process request. ---> 1001: Invalid Authentication'),
		).toEqual({
			code: 1001,
			message: 'Invalid Authentication',
		});
		expect(
			parseFaultString(
				'Server was unable to process request. ---> Invalid combination email/password',
			),
		).toEqual({
			message: 'Invalid combination email/password',
		});
		expect(parseFaultString('Unable to handle request')).toEqual({
			message: 'Unable to handle request',
		});
	});

	it('has plain-words guidance for every code the node must cover', () => {
		for (const code of [1001, 1002, 1003, 2001, 2003, 2004, 2006, 2011, 9999]) {
			expect(FAULT_GUIDES[code]?.summary.length).toBeGreaterThan(10);
			expect(FAULT_GUIDES[code]?.fix.length).toBeGreaterThan(10);
		}
		expect(faultGuide(12345).summary).toMatch(/rejected/);
	});
});
