import { NmbrsFault, NmbrsTransportError } from '../../nodes/Nmbrs/domain/faults';
import { connectionFromCredentials } from '../../nodes/Nmbrs/transport/connection';
import { list, toContracts } from '../../nodes/Nmbrs/transport/soap/mapping';
import { toNmbrsError } from '../../nodes/Nmbrs/transport/soap/SoapNmbrsApi';
import { NodeApiError, type INode } from 'n8n-workflow';
import { connectionFailure, withoutErrorCodes } from '../../nodes/shared/networkWords';
import { toNodeError } from '../../nodes/Nmbrs/v1/helpers/errors';

describe('connectionFromCredentials', () => {
	it('maps environments to base URLs and cleans the domain', () => {
		expect(
			connectionFromCredentials({
				environment: 'production',
				email: ' a@b.nl ',
				apiToken: 't',
				domain: 'acme.nmbrs.nl',
			}),
		).toMatchObject({
			baseUrl: 'https://api.nmbrs.nl',
			username: 'a@b.nl',
			token: 't',
			domain: 'acme',
			fairUse: { callsPerSecond: 100 },
		});
		expect(connectionFromCredentials({ environment: 'sandbox' }).baseUrl).toBe(
			'https://api-sandbox.nmbrs.nl',
		);
		expect(
			connectionFromCredentials({ environment: 'custom', baseUrl: 'http://127.0.0.1:8081/' })
				.baseUrl,
		).toBe('http://127.0.0.1:8081');
	});
	it('keeps Calls Per Second within fair use and keys it on the login, never the token', () => {
		const login = { environment: 'production' as const, email: 'a@b.nl', domain: 'acme' };
		const one = connectionFromCredentials({ ...login, apiToken: 'secret-1', callsPerSecond: 400 });
		const two = connectionFromCredentials({ ...login, apiToken: 'secret-2', callsPerSecond: 20 });
		expect(one.fairUse.callsPerSecond).toBe(150);
		expect(two.fairUse.callsPerSecond).toBe(20);
		expect(one.fairUse.login).toBe(two.fairUse.login);
		expect(one.fairUse.login).not.toContain('secret');
		const other = connectionFromCredentials({ ...login, email: 'b@b.nl' });
		expect(other.fairUse.login).not.toBe(one.fairUse.login);
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
		// In words: n8n replaces any message that contains a code like ECONNRESET with its own text.
		expect(toNmbrsError({ code: 'ECONNRESET' }, 'Op').message).toBe(
			'The connection to Nmbrs was closed by the other side',
		);
		expect(toNmbrsError({ code: 'ECONNREFUSED' }, 'Op').message).toBe(
			'The connection to Nmbrs was refused: nothing answers at that address',
		);
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

describe('messages n8n shows unchanged', () => {
	const node: INode = {
		id: '1',
		name: 'Nmbrs',
		type: 'n8n-nodes-nmbrs.nmbrs',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	it('turns every network error code into words', () => {
		expect(withoutErrorCodes('read ECONNRESET at ENOTFOUND host')).toBe(
			'read (was closed by the other side) at (failed: the host name is unknown) host',
		);
		expect(withoutErrorCodes('EWHATEVER happened')).toBe('(network error) happened');
		expect(connectionFailure(undefined, 'timeout of 300ms exceeded')).toBe('timed out');
	});

	it("keeps the package's message where n8n would rewrite it", () => {
		// What n8n does to a message naming a code, without the package's guard:
		expect(new NodeApiError(node, {}, { message: 'socket ECONNRESET' }).message).toMatch(
			/closed unexpectedly/,
		);
		const error = toNodeError(
			node,
			new NmbrsTransportError('socket ECONNRESET', 'List_GetAll'),
			'tok',
			3,
		);
		expect(error.message).toBe(
			'Nmbrs could not be reached: socket (was closed by the other side) [item 3]',
		);
	});
});
