import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

import { NmbrsFault, NmbrsTransportError } from '../../../nodes/Nmbrs/domain/faults';
import { createNmbrsApi, type TransportSettings } from '../../../nodes/Nmbrs/transport';
import { startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

const NOW = new Date('2026-11-25T10:00:00Z');
const fast: TransportSettings = {
	timeoutMs: 300,
	bulkTimeoutMs: 300,
	readAttempts: 3,
	retryDelayMs: 1,
};
let f: NmbrsFixture;
beforeAll(async () => (f = await startNmbrsFixture(NOW)));
afterAll(() => f.emulator.close());
beforeEach(() => {
	f.emulator.setFaultRule(undefined);
	f.emulator.resetCounters();
});

const api = () => createNmbrsApi(f.credentials() as never, fast);
const callsOf = (operation: string) =>
	f.emulator.calls.filter((c) => c.operation === operation).length;
const at = { year: 2026, period: 10, unprotected: false };

describe('SOAP transport: retries, timeouts and faults', () => {
	it('retries a read after HTTP 500 without an Nmbrs fault', async () => {
		let failures = 1;
		f.emulator.setFaultRule((c) =>
			c.operation === 'List_GetAll' && failures-- > 0 ? { kind: 'http500' } : undefined,
		);
		await expect(api().listCompanies()).resolves.toHaveLength(2);
		expect(callsOf('List_GetAll')).toBe(2);
	});

	it('gives up on a read after three tries with a transport error', async () => {
		f.emulator.setFaultRule((c) => (c.operation === 'List_GetAll' ? { kind: 'reset' } : undefined));
		await expect(api().listCompanies()).rejects.toBeInstanceOf(NmbrsTransportError);
		expect(callsOf('List_GetAll')).toBe(3);
	});

	it('never re-sends a write whose answer was lost', async () => {
		f.emulator.setFaultRule((c) =>
			c.operation === 'HourComponentVar_Insert_Batch' ? { kind: 'resetAfterApply' } : undefined,
		);
		const employeeId = f.employeeIds[1001];
		await expect(
			api().insertVariableHours([{ employeeId, hourCode: 1, hundredths: 800, comment: 'x' }], at),
		).rejects.toBeInstanceOf(NmbrsTransportError);
		expect(callsOf('HourComponentVar_Insert_Batch')).toBe(1);
		expect(f.emulator.totals(employeeId, 2026, 10)).toEqual({ 1: 8 });
	});

	it('never retries an Nmbrs fault', async () => {
		await expect(
			api().insertVariableHours(
				[{ employeeId: f.employeeIds[1001], hourCode: 1, hundredths: 800, comment: 'x' }],
				{ ...at, period: 9 },
			),
		).rejects.toMatchObject({
			code: 2011,
			constructor: NmbrsFault,
		});
		expect(callsOf('HourComponentVar_Insert_Batch')).toBe(1);
		const wrongToken = createNmbrsApi(
			f.credentials({ apiToken: 'not-the-token-123' }) as never,
			fast,
		);
		await expect(wrongToken.listCompanies()).rejects.toMatchObject({ code: 1001 });
		expect(callsOf('List_GetAll')).toBe(1);
	});

	it('times out a slow answer', async () => {
		f.emulator.setFaultRule((c) =>
			c.operation === 'Company_GetCurrentPeriod' ? { kind: 'slow', ms: 1500 } : undefined,
		);
		const started = Date.now();
		await expect(api().getCurrentPeriod(f.companyId)).rejects.toThrow(/timed out/);
		expect(Date.now() - started).toBeLessThan(1500 * 3);
	});

	it('sends decimals exactly and reads them back', async () => {
		const employeeId = f.employeeIds[1002];
		await api().insertVariableHours(
			[
				{ employeeId, hourCode: 3, hundredths: -125, comment: 'x' },
				{ employeeId, hourCode: 3, hundredths: 1001, comment: 'x' },
			],
			at,
		);
		const rows = await api().getVariableHours(employeeId, 2026, 10);
		expect(rows.map((r) => r.hundredths).sort((a, b) => a - b)).toEqual([-125, 1001]);
	});
});

describe('XML parsing', () => {
	it('does not resolve entities in an answer', async () => {
		const secretFile = path.join(fs.mkdtempSync('/tmp/xxe-'), 'secret.txt');
		fs.writeFileSync(secretFile, 'TOP-SECRET-CONTENT');
		const wsdl = fs.readFileSync(
			path.join(__dirname, '../../emulators/nmbrs/wsdl/CompanyService.wsdl'),
			'utf8',
		);
		const server = http.createServer((req, res) => {
			if (req.method === 'GET') {
				res.setHeader('content-type', 'text/xml');
				res.end(wsdl);
				return;
			}
			req.resume();
			req.on('end', () => {
				res.setHeader('content-type', 'text/xml; charset=utf-8');
				res.end(`<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file://${secretFile}"><!ENTITY big "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">]>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<List_GetAllResponse xmlns="https://api.nmbrs.nl/soap/v3/CompanyService"><List_GetAllResult>
<Company><ID>1</ID><Number>1</Number><Name>n&xxe;&big;</Name><LoonaangifteTijdvak>Month</LoonaangifteTijdvak></Company>
</List_GetAllResult></List_GetAllResponse></soap:Body></soap:Envelope>`);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const outcome = await createNmbrsApi(
				{ environment: 'custom', baseUrl, email: 'a', apiToken: 'b', domain: 'c' },
				fast,
			)
				.listCompanies()
				.then(
					(companies) => `resolved ${JSON.stringify(companies)}`,
					(error: Error) => `rejected ${error.message}`,
				);
			// The answer is refused before any parser sees it, never expanded.
			expect(outcome).toBe(
				'rejected Nmbrs: Nmbrs answered HTTP 200 with XML with a DTD, which is never read (entities are not resolved): check the Environment (or Base URL) in the credential',
			);
			expect(outcome).not.toContain('AAAA');
		} finally {
			server.close();
		}
	});
});
