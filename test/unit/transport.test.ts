import { NmbrsFault, NmbrsTransportError } from '../../nodes/Nmbrs/domain/faults';
import { connectionFromCredentials } from '../../nodes/Nmbrs/transport/connection';
import { list, toContracts } from '../../nodes/Nmbrs/transport/soap/mapping';
import { toNmbrsError } from '../../nodes/Nmbrs/transport/soap/SoapNmbrsApi';

describe('connectionFromCredentials', () => {
	it('maps environments to base URLs and cleans the domain', () => {
		expect(
			connectionFromCredentials({
				environment: 'production',
				email: ' a@b.nl ',
				apiToken: 't',
				domain: 'acme.nmbrs.nl',
			}),
		).toEqual({
			baseUrl: 'https://api.nmbrs.nl',
			username: 'a@b.nl',
			token: 't',
			domain: 'acme',
		});
		expect(connectionFromCredentials({ environment: 'sandbox' }).baseUrl).toBe(
			'https://api-sandbox.nmbrs.nl',
		);
		expect(
			connectionFromCredentials({ environment: 'custom', baseUrl: 'http://127.0.0.1:8081/' })
				.baseUrl,
		).toBe('http://127.0.0.1:8081');
	});
	it('refuses a custom environment without a URL', () => {
		expect(() => connectionFromCredentials({ environment: 'custom', baseUrl: '' })).toThrow(
			/no valid Base URL/,
		);
	});
});

describe('ASMX result shapes', () => {
	it('reads lists of one, many, empty and null', () => {
		expect(list({ HourCode: [{ Code: 1 }] }, 'HourCode')).toEqual([{ Code: 1 }]);
		expect(list({ HourCode: { Code: 1 } }, 'HourCode')).toEqual([{ Code: 1 }]);
		expect(list(null, 'HourCode')).toEqual([]);
		expect(list(undefined, 'HourCode')).toEqual([]);
		expect(list({}, 'HourCode')).toEqual([]);
	});
	it('treats xsi:nil values as absent', () => {
		const result = {
			Contract_GetAll_AllEmployeesByCompanyResult: {
				EmployeeContractItem: [
					{
						EmployeeId: 7,
						EmployeeContracts: {
							EmployeeContract: [
								{
									ContractID: 1,
									StartDate: '2021-03-01T00:00:00',
									EndDate: { attributes: { 'xsi:nil': 'true' } },
								},
							],
						},
					},
				],
			},
		};
		expect(toContracts(result)).toEqual([
			{ employeeId: '7', contracts: [{ id: '1', startDate: '2021-03-01', endDate: '' }] },
		]);
	});
});

describe('toNmbrsError', () => {
	it('reads the Nmbrs code from a SOAP fault', () => {
		const error = toNmbrsError(
			{
				root: {
					Envelope: {
						Body: {
							Fault: {
								faultstring: 'Server was unable to process request. ---> 2011: Protected mode',
							},
						},
					},
				},
				response: { status: 500 },
			},
			'Op',
		);
		expect(error).toBeInstanceOf(NmbrsFault);
		expect(error).toMatchObject({ code: 2011, nmbrsMessage: 'Protected mode', operation: 'Op' });
	});
	it('treats 5xx without a fault, timeouts and network errors as unknown outcomes', () => {
		expect(toNmbrsError({ response: { status: 502 } }, 'Op')).toBeInstanceOf(NmbrsTransportError);
		expect(
			toNmbrsError({ code: 'ECONNABORTED', message: 'timeout of 300ms exceeded' }, 'Op').message,
		).toMatch(/timed out/);
		expect(toNmbrsError({ code: 'ECONNRESET' }, 'Op').message).toMatch(/ECONNRESET/);
	});
	it('treats 4xx as a configuration problem', () => {
		expect(toNmbrsError({ response: { status: 404 } }, 'Op')).toMatchObject({
			constructor: NmbrsFault,
			nmbrsMessage: expect.stringMatching(/Environment/),
		});
	});
	it('copies no request data (where the token is)', () => {
		const error = toNmbrsError(
			{ code: 'ECONNRESET', config: { data: '<Token>secret-token</Token>' }, response: undefined },
			'Op',
		);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('secret-token');
	});
});
