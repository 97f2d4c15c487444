import type { ICredentialTestFunctions } from 'n8n-workflow';

import { nmbrsApiTest } from '../../../nodes/Nmbrs/v1/methods/credentialTest';
import { DEMO_USER } from '../../emulators/nmbrs';
import { startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

let f: NmbrsFixture;
beforeAll(async () => {
	f = await startNmbrsFixture();
	f.emulator.addUser({
		username: 'limited@dezon.example',
		token: 'limited-token-9876543210',
		domain: 'dezon',
		allowedOperations: ['HourModel_GetHourCodes'],
	});
});
afterAll(() => f.emulator.close());

const test = (data: object) =>
	nmbrsApiTest.call({} as ICredentialTestFunctions, {
		id: '1',
		name: 'Nmbrs',
		type: 'nmbrsApi',
		data: data as never,
	});

describe('Nmbrs credential test (real SOAP over loopback)', () => {
	it('accepts a good token', async () => {
		expect(await test(f.credentials())).toEqual({
			status: 'OK',
			message: 'Connection successful: Bakkerij De Zon B.V. (101)',
		});
		expect(f.emulator.calls.some((c) => c.operation === 'List_GetAll')).toBe(true);
	});

	it('takes the company number (as Nmbrs shows it) or the company ID as Administration', async () => {
		const ok = { status: 'OK', message: 'Connection successful: Bakkerij De Zon B.V. (101)' };
		expect(await test(f.credentials({ administration: '101' }))).toEqual(ok);
		expect(await test(f.credentials({ administration: f.companyId }))).toEqual(ok);
		expect(await test(f.credentials({ administration: '' }))).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
	});

	it('explains a bad token (1001) and never echoes it', async () => {
		const badToken = 'wrong-token-abcdef123456';
		const result = await test(f.credentials({ apiToken: badToken }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/1001/);
		expect(result.message).toMatch(/API token comes from Nmbrs/);
		expect(result.message).not.toContain(badToken);
		expect(result.message).not.toContain(DEMO_USER.token);
	});

	it('explains a bad domain (1001)', async () => {
		const result = await test(f.credentials({ domain: 'otherdomain' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/1001.*domain is the part before \.nmbrs\.nl/s);
	});

	it('names the operation missing from the API user template (1002)', async () => {
		const result = await test(
			f.credentials({ email: 'limited@dezon.example', apiToken: 'limited-token-9876543210' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/1002\) on List_GetAll.*API user template/s);
	});

	it('flags an administration the login cannot see', async () => {
		const result = await test(f.credentials({ administration: '424242' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/cannot see a company with number or ID 424242/),
		});
	});

	it('explains an unreachable base URL', async () => {
		const result = await test(f.credentials({ baseUrl: 'http://127.0.0.1:1' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/Could not reach Nmbrs/),
		});
	});
});
