// Drives the Nmbrs SOAP v3 emulator with a real `soap` client over loopback, so the
// client's own tests can rely on it to reject what Nmbrs would reject.
import * as path from 'path';
import * as soap from 'soap';
import type { NmbrsEmulator, ServiceName } from '../emulators/nmbrs';
import { DEFAULT_READINGS, DEMO_USER, startNmbrsEmulator } from '../emulators/nmbrs';

const WSDL_DIR = path.join(__dirname, '..', 'emulators', 'nmbrs', 'wsdl');
const NOW = new Date('2026-11-15T12:00:00Z'); // demo M company: current period 2026-10
const ns = (service: ServiceName) => `https://api.nmbrs.nl/soap/v3/${service}`;

type Creds = { Username: string; Token: string; Domain: string };
const DEMO_CREDS: Creds = {
	Username: DEMO_USER.username,
	Token: DEMO_USER.token,
	Domain: DEMO_USER.domain,
};

let emu: NmbrsEmulator;

beforeAll(async () => {
	emu = await startNmbrsEmulator({ now: NOW });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	emu.setReadings(DEFAULT_READINGS);
	emu.setFaultRule(undefined);
});

/** A client as the package builds it: bundled WSDL, endpoint override, one header per service. */
async function client(service: ServiceName, creds: Creds = DEMO_CREDS) {
	const c = await soap.createClientAsync(path.join(WSDL_DIR, `${service}.wsdl`), {
		endpoint: emu.serviceUrl(service),
	});
	c.addSoapHeader({ AuthHeaderWithDomain: creds }, '', 'tns', ns(service));
	return c;
}

async function fault(
	p: Promise<unknown>,
): Promise<{ message: string; status?: number; body?: string }> {
	try {
		await p;
	} catch (err) {
		return { message: String(err.message), status: err.response?.status, body: err.body };
	}
	throw new Error('expected the call to fail');
}

/** Raw SOAP 1.1 POST, for what the soap client would never send. */
async function rawPost(
	service: ServiceName,
	soapAction: string | undefined,
	bodyXml: string,
	headerXml?: string,
) {
	const header =
		headerXml ??
		`<AuthHeaderWithDomain xmlns="${ns(service)}"><Username>${DEMO_USER.username}</Username><Token>${DEMO_USER.token}</Token><Domain>${DEMO_USER.domain}</Domain></AuthHeaderWithDomain>`;
	const xml = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>${header}</soap:Header><soap:Body>${bodyXml}</soap:Body></soap:Envelope>`;
	const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8' };
	if (soapAction !== undefined) headers.SOAPAction = soapAction;
	const res = await fetch(emu.serviceUrl(service), { method: 'POST', headers, body: xml });
	return { status: res.status, text: await res.text() };
}

const companyId = () => emu.demo!.companyId;
const company4wId = () => emu.demo!.company4wId;
const sanne = () => emu.demo!.employeeIds[1001];
const jeroen = () => emu.demo!.employeeIds[1002];

function batchArgs(
	rows: Array<{ employeeId: string; hourCode: number; hours: number }>,
	period: number,
	year: number,
	unprotected = false,
) {
	return {
		HourComponents: {
			EmployeeHourComponent: rows.map((r) => ({
				EmployeeId: r.employeeId,
				Id: 0,
				HourCode: r.hourCode,
				CostCenterId: null,
				CostUnitId: null,
				Hours: r.hours,
				Comment: 'test',
			})),
		},
		Period: period,
		Year: year,
		UnprotectedMode: unprotected,
	};
}

describe('WSDL', () => {
	it('serves each derived WSDL at ?WSDL and ?wsdl with soap:address pointing at the emulator', async () => {
		for (const service of ['EmployeeService', 'CompanyService', 'DebtorService'] as const) {
			for (const query of ['?WSDL', '?wsdl']) {
				const res = await fetch(`${emu.serviceUrl(service)}${query}`);
				const text = await res.text();
				expect(res.status).toBe(200);
				expect(text).toContain(`targetNamespace="${ns(service)}"`);
				expect(text).toContain(`location="${emu.serviceUrl(service)}"`);
				expect(text).not.toContain('v2.1');
			}
		}
		expect(emu.wsdlDownloads).toEqual({ EmployeeService: 2, CompanyService: 2, DebtorService: 2 });
	});

	it('works with a client that loads the WSDL over HTTP', async () => {
		const c = await soap.createClientAsync(`${emu.serviceUrl('CompanyService')}?WSDL`);
		c.addSoapHeader({ AuthHeaderWithDomain: DEMO_CREDS }, '', 'tns', ns('CompanyService'));
		const [res] = await c.List_GetAllAsync({});
		expect(res.List_GetAllResult.Company.map((x: { Number: number }) => x.Number)).toEqual([
			101, 102,
		]);
	});
});

describe('request checks', () => {
	const body = () =>
		`<DaysVar_Get xmlns="${ns('EmployeeService')}"><EmployeeId>${sanne()}</EmployeeId><Period>10</Period><Year>2026</Year></DaysVar_Get>`;

	it('accepts a correct quoted or unquoted SOAPAction', async () => {
		const action = `${ns('EmployeeService')}/DaysVar_Get`;
		expect((await rawPost('EmployeeService', `"${action}"`, body())).status).toBe(200);
		expect((await rawPost('EmployeeService', action, body())).status).toBe(200);
	});

	it.each([
		['missing', undefined],
		['wrong operation', `"${ns('EmployeeService')}/DaysVar_Set"`],
		['v2.1 namespace', '"https://api.nmbrs.nl/soap/v2.1/EmployeeService/DaysVar_Get"'],
		['other service', `"${ns('CompanyService')}/DaysVar_Get"`],
	])('answers a soap:Client fault for a %s SOAPAction', async (_name, action) => {
		const res = await rawPost('EmployeeService', action, body());
		expect(res.status).toBe(500);
		expect(res.text).toContain('<faultcode>soap:Client</faultcode>');
		expect(res.text).toContain(
			'Unable to handle request without a valid action parameter. Please supply a valid soap action.',
		);
		expect(emu.calls).toHaveLength(0);
	});

	it('rejects an operation element outside the service namespace', async () => {
		const wrongNs = body().replace(
			ns('EmployeeService'),
			'https://api.nmbrs.nl/soap/v2.1/EmployeeService',
		);
		const res = await rawPost('EmployeeService', `"${ns('EmployeeService')}/DaysVar_Get"`, wrongNs);
		expect(res.status).toBe(500);
		expect(res.text).toContain('soap:Client');
	});

	it('rejects top-level arguments out of schema order (ASMX would drop them)', async () => {
		const c = await client('EmployeeService');
		const f = await fault(c.DaysVar_GetAsync({ Year: 2026, EmployeeId: sanne(), Period: 10 }));
		expect(f.message).toMatch(/^soap:Client: .*out of order/);
	});

	it('logs calls with the username and never the token', async () => {
		const c = await client('CompanyService');
		await c.List_GetAllAsync({});
		expect(emu.calls).toEqual([
			{
				service: 'CompanyService',
				operation: 'List_GetAll',
				username: DEMO_USER.username,
				index: 0,
				at: expect.any(Number),
			},
		]);
		const state = await (await fetch(`${emu.baseUrl}/_emulator/state`)).text();
		expect(state).toContain(DEMO_USER.username);
		expect(state).not.toContain(DEMO_USER.token);
		emu.resetCounters();
		expect(emu.calls).toHaveLength(0);
	});
});

describe('authentication and access', () => {
	it('answers 1001 with HTTP 500 for a wrong token', async () => {
		const c = await client('CompanyService', { ...DEMO_CREDS, Token: 'wrong' });
		const f = await fault(c.List_GetAllAsync({}));
		expect(f.status).toBe(500);
		expect(f.message).toBe(
			'soap:Server: Server was unable to process request. ---> 1001: Invalid Authentication',
		);
	});

	it('answers 1001 for a wrong domain and for a header in another service namespace', async () => {
		const c1 = await client('CompanyService', { ...DEMO_CREDS, Domain: 'other' });
		expect((await fault(c1.List_GetAllAsync({}))).message).toContain('---> 1001:');
		const c2 = await soap.createClientAsync(path.join(WSDL_DIR, 'CompanyService.wsdl'), {
			endpoint: emu.serviceUrl('CompanyService'),
		});
		c2.addSoapHeader({ AuthHeaderWithDomain: DEMO_CREDS }, '', 'tns', ns('EmployeeService'));
		expect((await fault(c2.List_GetAllAsync({}))).message).toContain('---> 1001:');
	});

	it('answers 1002 for an operation the API user template does not allow', async () => {
		emu.addUser({
			username: 'reader@dezon.example',
			token: 'reader-token',
			domain: 'dezon',
			allowedOperations: ['List_GetAll', 'HourComponentVar_Get'],
		});
		const creds = { Username: 'reader@dezon.example', Token: 'reader-token', Domain: 'dezon' };
		const c = await client('EmployeeService', creds);
		await expect(
			c.HourComponentVar_GetAsync({ EmployeeId: sanne(), Period: 10, Year: 2026 }),
		).resolves.toBeDefined();
		const f = await fault(
			c.HourComponentVar_Insert_BatchAsync(
				batchArgs([{ employeeId: sanne(), hourCode: 1, hours: 8 }], 10, 2026),
			),
		);
		expect(f.message).toContain('---> 1002: Unauthorized Access');
		expect(emu.hourRows()).toHaveLength(0);
	});

	it('answers 1003 for a company the user may not see, 2004 for an unknown one', async () => {
		emu.addUser({
			username: 'x@dezon.example',
			token: 't',
			domain: 'dezon',
			companyIds: [company4wId()],
		});
		const c = await client('CompanyService', {
			Username: 'x@dezon.example',
			Token: 't',
			Domain: 'dezon',
		});
		expect(
			(await fault(c.HourModel_GetHourCodesAsync({ CompanyId: companyId() }))).message,
		).toContain('---> 1003:');
		expect((await fault(c.HourModel_GetHourCodesAsync({ CompanyId: 1 }))).message).toContain(
			'---> 2004:',
		);
		const [list] = await c.List_GetAllAsync({});
		expect(list.List_GetAllResult.Company.map((x: { Number: number }) => x.Number)).toEqual([102]);
	});

	it('DebtorService.Environment_Get takes the old AuthHeader and returns the sub-domain', async () => {
		const c = await soap.createClientAsync(path.join(WSDL_DIR, 'DebtorService.wsdl'), {
			endpoint: emu.serviceUrl('DebtorService'),
		});
		c.addSoapHeader(
			{ AuthHeader: { Username: DEMO_USER.username, Token: DEMO_USER.token } },
			'',
			'tns',
			ns('DebtorService'),
		);
		const [res] = await c.Environment_GetAsync({});
		expect(res.Environment_GetResult.SubDomain).toBe('dezon');
	});
});

describe('company and employee reads', () => {
	it('returns the current period in yyyy-p-type form', async () => {
		const c = await client('CompanyService');
		expect(
			(await c.Company_GetCurrentPeriodAsync({ CompanyId: companyId() }))[0]
				.Company_GetCurrentPeriodResult,
		).toBe('2026-10-M');
		expect(
			(await c.Company_GetCurrentPeriodAsync({ CompanyId: company4wId() }))[0]
				.Company_GetCurrentPeriodResult,
		).toBe('2026-12-4W');
	});

	it('returns both hour models', async () => {
		const c = await client('CompanyService');
		const [m1] = await c.HourModel_GetHourCodesAsync({ CompanyId: companyId() });
		const [m2] = await c.HourModel2_GetHourCodesAsync({ CompanyId: companyId() });
		expect(m1.HourModel_GetHourCodesResult.HourCode.map((h: { Code: number }) => h.Code)).toEqual([
			1, 2, 3, 20, 21,
		]);
		expect(m2.HourModel2_GetHourCodesResult.HourCode).toEqual([
			{ Code: 3, Description: 'Overuren 125% (toeslag)' },
			{ Code: 30, Description: 'Reisuren' },
		]);
	});

	it('returns an empty list as an empty result element (never xsi:nil)', async () => {
		const raw = await rawPost(
			'CompanyService',
			`"${ns('CompanyService')}/Run_GetList"`,
			`<Run_GetList xmlns="${ns('CompanyService')}"><CompanyId>${companyId()}</CompanyId><Year>2026</Year></Run_GetList>`,
		);
		expect(raw.text).toMatch(/<Run_GetListResult(\/>|><\/Run_GetListResult>)/);
		expect(raw.text).not.toContain('nil');
		const c = await client('EmployeeService');
		const [res] = await c.List_GetByCompanyAsync({ CompanyId: company4wId(), EmployeeType: 0 });
		expect(res).toEqual({ List_GetByCompanyResult: null }); // how the soap client reads <X />
	});

	it('returns a single-item list as an array', async () => {
		emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 1, hours: 8 });
		const c = await client('EmployeeService');
		const [res] = await c.HourComponentVar_GetAsync({
			EmployeeId: sanne(),
			Period: 10,
			Year: 2026,
		});
		expect(Array.isArray(res.HourComponentVar_GetResult.HourComponent)).toBe(true);
		expect(res.HourComponentVar_GetResult.HourComponent).toHaveLength(1);
		expect(Object.keys(res.HourComponentVar_GetResult.HourComponent[0])).toEqual([
			'Id',
			'HourCode',
			'Hours',
			'Comment',
		]);
		// Under the other reading of the v3 Get output, rows carry no Comment.
		emu.setReadings({ getReturnsComment: false });
		const [bare] = await c.HourComponentVar_GetAsync({
			EmployeeId: sanne(),
			Period: 10,
			Year: 2026,
		});
		expect(Object.keys(bare.HourComponentVar_GetResult.HourComponent[0])).toEqual([
			'Id',
			'HourCode',
			'Hours',
		]);
	});

	it('returns personal-info history with the current record not last', async () => {
		const c = await client('EmployeeService');
		const [res] = await c.PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompanyAsync({
			CompanyID: companyId(),
		});
		const item =
			res.PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompanyResult.PersonalInfoItem.find(
				(i: { EmployeeId: number }) => String(i.EmployeeId) === sanne(),
			);
		const records = item.EmployeePersonalInfos.PersonalInfo_V2;
		expect(records).toHaveLength(2);
		expect(records[records.length - 1].EmailWork).toBe('sanne.jansen@dezon.example'); // older one
		expect(records.every((r: object) => !('BSN' in r))).toBe(true);
		const [list] = await c.List_GetByCompanyAsync({ CompanyId: companyId(), EmployeeType: 1 });
		expect(list.List_GetByCompanyResult.Employee[0].DisplayName).toBe('Sanne de Vries');
	});

	it('returns contracts with local dateTimes and the v3 fields', async () => {
		const raw = await rawPost(
			'EmployeeService',
			`"${ns('EmployeeService')}/Contract_GetAll_AllEmployeesByCompany"`,
			`<Contract_GetAll_AllEmployeesByCompany xmlns="${ns('EmployeeService')}"><CompanyID>${companyId()}</CompanyID></Contract_GetAll_AllEmployeesByCompany>`,
		);
		expect(raw.text).toContain('<StartDate>2021-03-01T00:00:00</StartDate>');
		expect(raw.text).toContain('<EndDate>2025-06-30T00:00:00</EndDate>');
		expect(raw.text).toContain('<HoursPerWeek>');
		expect(raw.text).toContain('xmlns:xsi=');
	});
});

describe('hour writes', () => {
	it('rejects a write before the current period without UnprotectedMode (2011) and accepts it with', async () => {
		const c = await client('EmployeeService');
		const f = await fault(
			c.HourComponentVar_Insert_BatchAsync(
				batchArgs([{ employeeId: sanne(), hourCode: 1, hours: 8 }], 9, 2026),
			),
		);
		expect(f.status).toBe(500);
		expect(f.message).toContain('---> 2011:');
		expect(emu.hourRows()).toHaveLength(0);
		await c.HourComponentVar_Insert_BatchAsync(
			batchArgs([{ employeeId: sanne(), hourCode: 1, hours: 8 }], 9, 2026, true),
		);
		expect(emu.totals(sanne(), 2026, 9)).toEqual({ 1: 8 });
	});

	it('accepts the current period without UnprotectedMode', async () => {
		const c = await client('EmployeeService');
		const [res] = await c.HourComponentVar_InsertAsync({
			EmployeeId: sanne(),
			Hourcomponent: { Id: 0, HourCode: 3, Hours: 1.25, CostCenterId: null, Comment: 'c' },
			Period: 10,
			Year: 2026,
			UnprotectedMode: false,
		});
		expect(emu.hourRows(sanne())).toEqual([
			expect.objectContaining({
				id: String(res.HourComponentVar_InsertResult),
				hourCode: 3,
				hours: 1.25,
				comment: 'c',
			}),
		]);
	});

	it('answers 2006 for period 13 of a monthly company and accepts 13 for a 4-weekly one', async () => {
		const c = await client('EmployeeService');
		const f = await fault(
			c.HourComponentVar_Insert_BatchAsync(
				batchArgs([{ employeeId: sanne(), hourCode: 1, hours: 8 }], 13, 2026),
			),
		);
		expect(f.message).toContain('---> 2006:');
		const w4Employee = emu.addEmployee(company4wId(), {
			number: 2001,
			firstName: 'Kees',
			prefix: '',
			lastName: 'Smit',
			emailWork: '',
			contracts: [['2024-01-01', '']],
		});
		await c.HourComponentVar_Insert_BatchAsync(
			batchArgs([{ employeeId: w4Employee, hourCode: 1, hours: 8 }], 13, 2026),
		);
		expect(emu.totals(w4Employee, 2026, 13)).toEqual({ 1: 8 });
		expect(emu.hourRows(sanne())).toHaveLength(0);
	});

	it('knows 53-week years for weekly companies', async () => {
		const w1 = emu.addCompany({
			number: 103,
			name: 'Weekly',
			periodType: 'W1',
			currentYear: 2025,
			currentPeriod: 1,
			hourModel1: [{ code: 1, description: 'Uren' }],
		});
		const e = emu.addEmployee(w1, {
			number: 3001,
			firstName: 'A',
			prefix: '',
			lastName: 'B',
			emailWork: '',
			contracts: [],
		});
		const c = await client('EmployeeService');
		await c.HourComponentVar_Insert_BatchAsync(
			batchArgs([{ employeeId: e, hourCode: 1, hours: 1 }], 53, 2026),
		);
		expect(
			(
				await fault(
					c.HourComponentVar_Insert_BatchAsync(
						batchArgs([{ employeeId: e, hourCode: 1, hours: 1 }], 53, 2025),
					),
				)
			).message,
		).toContain('---> 2006:');
		expect(emu.hourRows(e)).toHaveLength(1);
	});

	it('appends on every batch insert: the same batch twice doubles the totals', async () => {
		const c = await client('EmployeeService');
		const args = batchArgs(
			[
				{ employeeId: sanne(), hourCode: 1, hours: 7.5 },
				{ employeeId: sanne(), hourCode: 1, hours: 0.1 },
				{ employeeId: sanne(), hourCode: 30, hours: 0.2 },
				{ employeeId: jeroen(), hourCode: 20, hours: -4 },
			],
			10,
			2026,
		);
		const [res] = await c.HourComponentVar_Insert_BatchAsync(args);
		expect(res).toBeNull(); // empty response element
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 7.6, 30: 0.2 });
		await c.HourComponentVar_Insert_BatchAsync(args);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 15.2, 30: 0.4 });
		expect(emu.totals(jeroen(), 2026, 10)).toEqual({ 20: -8 });
		const ids = emu.hourRows().map((r) => Number(r.id));
		expect(new Set(ids).size).toBe(8);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
	});

	it('applies a batch atomically: one bad hour code (2001) or employee (2003) rejects all', async () => {
		const c = await client('EmployeeService');
		const bad = await fault(
			c.HourComponentVar_Insert_BatchAsync(
				batchArgs(
					[
						{ employeeId: sanne(), hourCode: 1, hours: 8 },
						{ employeeId: sanne(), hourCode: 99, hours: 1 },
					],
					10,
					2026,
				),
			),
		);
		expect(bad.message).toContain('---> 2001:');
		const unknown = await fault(
			c.HourComponentVar_Insert_BatchAsync(
				batchArgs(
					[
						{ employeeId: sanne(), hourCode: 1, hours: 8 },
						{ employeeId: '1', hourCode: 1, hours: 1 },
					],
					10,
					2026,
				),
			),
		);
		expect(unknown.message).toContain('---> 2003:');
		expect(emu.hourRows()).toHaveLength(0);
	});

	it('accepts a decimal comma on input and answers hours with a point', async () => {
		const op = 'HourComponentVar_Insert';
		const res = await rawPost(
			'EmployeeService',
			`"${ns('EmployeeService')}/${op}"`,
			`<${op} xmlns="${ns('EmployeeService')}"><EmployeeId>${sanne()}</EmployeeId><Hourcomponent><Id>0</Id><HourCode>1</HourCode><Hours>7,25</Hours><CostCenterId xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><CostUnitId xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></Hourcomponent><Period>10</Period><Year>2026</Year><UnprotectedMode>false</UnprotectedMode></${op}>`,
		);
		expect(res.status).toBe(200);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 7.25 });
		const get = await rawPost(
			'EmployeeService',
			`"${ns('EmployeeService')}/HourComponentVar_Get"`,
			`<HourComponentVar_Get xmlns="${ns('EmployeeService')}"><EmployeeId>${sanne()}</EmployeeId><Period>10</Period><Year>2026</Year></HourComponentVar_Get>`,
		);
		expect(get.text).toContain('<Hours>7.25</Hours>');
	});

	it('updates and deletes rows by id, and clears a period', async () => {
		const row = emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 1, hours: 8 });
		emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 2, hours: 1 });
		const c = await client('EmployeeService');
		await c.HourComponent_UpdateAsync({
			EmployeeId: sanne(),
			Hourcomponent: { Id: row, HourCode: 1, Hours: 6, CostCenterId: null, Comment: 'fixed' },
			EndPeriod: 10,
			EndYear: 2026,
			UnprotectedMode: false,
		});
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 6, 2: 1 });
		const [del] = await c.HourComponent_DeleteAsync({ EmployeeId: sanne(), HourComponentID: row });
		expect(del.HourComponent_DeleteResult).toBe(true);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 2: 1 });
		await c.HourComponentVar_ClearAsync({
			EmployeeId: sanne(),
			Period: 10,
			Year: 2026,
			UnprotectedMode: false,
		});
		expect(emu.hourRows(sanne())).toHaveLength(0);
	});

	it('sets days worked per item period', async () => {
		const c = await client('EmployeeService');
		await c.DaysVar_Set_BatchAsync({
			EmployeesDaysWorked: {
				DaysWorked: [
					{ EmployeeId: sanne(), Days: 20, Period: 10, Year: 2026 },
					{ EmployeeId: jeroen(), Days: 3, Period: 11, Year: 2026 },
				],
			},
			UnprotectedMode: false,
		});
		expect(emu.daysWorked(sanne(), 2026, 10)).toBe(20);
		expect(emu.daysWorked(jeroen(), 2026, 11)).toBe(3);
		expect(
			(await c.DaysVar_GetAsync({ EmployeeId: sanne(), Period: 10, Year: 2026 }))[0]
				.DaysVar_GetResult,
		).toBe(20);
		const f = await fault(
			c.DaysVar_Set_BatchAsync({
				EmployeesDaysWorked: {
					DaysWorked: [{ EmployeeId: sanne(), Days: 1, Period: 1, Year: 2026 }],
				},
				UnprotectedMode: false,
			}),
		);
		expect(f.message).toContain('---> 2011:');
	});
});

describe('fault injection', () => {
	const oneRow = () => batchArgs([{ employeeId: sanne(), hourCode: 1, hours: 8 }], 10, 2026);

	it('resetAfterApply: the write is applied but the client gets a socket error', async () => {
		const c = await client('EmployeeService');
		emu.setFaultRule((call) =>
			call.operation === 'HourComponentVar_Insert_Batch' ? { kind: 'resetAfterApply' } : undefined,
		);
		const f = await fault(c.HourComponentVar_Insert_BatchAsync(oneRow()));
		expect(f.status).toBeUndefined();
		expect(f.message).toMatch(/socket hang up|ECONNRESET/);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 8 });
	});

	it('http500: plain HTML 500, nothing applied', async () => {
		const c = await client('EmployeeService');
		emu.setFaultRule(() => ({ kind: 'http500' }));
		const f = await fault(c.HourComponentVar_Insert_BatchAsync(oneRow()));
		expect(f.status).toBe(500);
		expect(f.message).not.toMatch(/--->/);
		expect(emu.hourRows()).toHaveLength(0);
	});

	it('reset: socket destroyed before applying', async () => {
		const c = await client('EmployeeService');
		emu.setFaultRule(() => ({ kind: 'reset' }));
		await fault(c.HourComponentVar_Insert_BatchAsync(oneRow()));
		expect(emu.hourRows()).toHaveLength(0);
	});

	it('slow and latency delay the answer; rules see the call index', async () => {
		const c = await client('EmployeeService');
		const seen: number[] = [];
		emu.setFaultRule((call) => {
			seen.push(call.index);
			return call.index === 0 ? { kind: 'slow', ms: 150 } : { kind: 'latency', ms: 150 };
		});
		for (let i = 0; i < 2; i++) {
			const t0 = Date.now();
			await c.HourComponentVar_Insert_BatchAsync(oneRow());
			expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		}
		expect(seen).toEqual([0, 1]);
		expect(emu.totals(sanne(), 2026, 10)).toEqual({ 1: 16 });
	});
});

describe('readings of unverified behaviour', () => {
	const period = async () => {
		const c = await client('CompanyService');
		const read = async (id: string) =>
			(await c.Company_GetCurrentPeriodAsync({ CompanyId: id }))[0].Company_GetCurrentPeriodResult;
		return [await read(companyId()), await read(company4wId())];
	};
	const listed = async (type: number) => {
		const [res] = await (
			await client('EmployeeService')
		).List_GetByCompanyAsync({ CompanyId: companyId(), EmployeeType: type });
		return (res.List_GetByCompanyResult?.Employee ?? []).length;
	};

	it('spells the current period as each reading says', async () => {
		emu.state.setCurrentPeriod(companyId(), 2026, 3);
		expect(await period()).toEqual(['2026-3-M', '2026-12-4W']);
		emu.setReadings({ padPeriod: true, fourWeekly: 'W4' });
		expect(await period()).toEqual(['2026-03-M', '2026-12-W4']);
	});

	it('List_GetByCompany: no value means "all" by default; 0 or 2 does under those readings', async () => {
		expect([await listed(0), await listed(1), await listed(2)]).toEqual([0, 6, 0]);
		emu.setReadings({ employeeTypeAll: 0 });
		expect([await listed(0), await listed(2)]).toEqual([6, 0]);
		emu.setReadings({ employeeTypeAll: 2 });
		expect([await listed(0), await listed(2)]).toEqual([0, 6]);
	});

	it("answers a protected-period write with the reading's fault code", async () => {
		const c = await client('EmployeeService');
		emu.setReadings({ pastPeriodFault: 9999 });
		const f = await fault(
			c.HourComponentVar_Insert_BatchAsync(
				batchArgs([{ employeeId: sanne(), hourCode: 1, hours: 8 }], 9, 2026),
			),
		);
		expect(f.message).toContain('---> 9999:');
		expect(emu.hourRows()).toHaveLength(0);
	});

	it('refuses deleting a past-period row only under that reading', async () => {
		const c = await client('EmployeeService');
		const row = emu.addHourRow(sanne(), { year: 2026, period: 9, hourCode: 1, hours: 8 });
		emu.setReadings({ pastDeleteRefused: true });
		expect(
			(await fault(c.HourComponent_DeleteAsync({ EmployeeId: sanne(), HourComponentID: row })))
				.message,
		).toContain('---> 2011:');
		expect(emu.totals(sanne(), 2026, 9)).toEqual({ 1: 8 });
		emu.setReadings({ pastDeleteRefused: false });
		await c.HourComponent_DeleteAsync({ EmployeeId: sanne(), HourComponentID: row });
		expect(emu.totals(sanne(), 2026, 9)).toEqual({});
	});

	it('refuses negative hours only under that reading, and then rejects the whole batch', async () => {
		const c = await client('EmployeeService');
		const rows = [
			{ employeeId: sanne(), hourCode: 1, hours: 8 },
			{ employeeId: jeroen(), hourCode: 1, hours: -2 },
		];
		emu.setReadings({ negativeHours: 'refused' });
		expect(
			(await fault(c.HourComponentVar_Insert_BatchAsync(batchArgs(rows, 10, 2026)))).message,
		).toContain('---> 9999:');
		expect(emu.hourRows()).toHaveLength(0);
		emu.setReadings({ negativeHours: 'accepted' });
		await c.HourComponentVar_Insert_BatchAsync(batchArgs(rows, 10, 2026));
		expect(emu.totals(jeroen(), 2026, 10)).toEqual({ 1: -2 });
	});

	it('omits null values, or sends them as xsi:nil', async () => {
		const body = `<PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany xmlns="${ns('EmployeeService')}"><CompanyID>${companyId()}</CompanyID></PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany>`;
		const post = () =>
			rawPost(
				'EmployeeService',
				`"${ns('EmployeeService')}/PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany"`,
				body,
			);
		const omitted = await post();
		expect(omitted.text).not.toContain('xsi:nil');
		expect(omitted.text).not.toContain('<Birthday');
		emu.setReadings({ nullElements: 'nil' });
		const nil = await post();
		expect(nil.text).toMatch(/<Birthday xsi:nil="true"(\s*\/>|><\/Birthday>)/);
		expect(nil.text).toMatch(/<Prefix xsi:nil="true"(\s*\/>|><\/Prefix>)/);
	});

	it('sends the BSN only from PersonalInfo_GetAll_AllEmployeesByCompany', async () => {
		const c = await client('EmployeeService');
		const [withBsn] = await c.PersonalInfo_GetAll_AllEmployeesByCompanyAsync({
			CompanyID: companyId(),
		});
		const first =
			withBsn.PersonalInfo_GetAll_AllEmployeesByCompanyResult.PersonalInfoItem[0]
				.EmployeePersonalInfos.PersonalInfo_V2[0];
		expect(first.BSN).toMatch(/^\d{9}$/);
		const state = await (await fetch(`${emu.baseUrl}/_emulator/state`)).text();
		expect(state).not.toContain(first.BSN);
	});
});

describe('control API', () => {
	it('answers health, dumps state and re-seeds on reset', async () => {
		expect(await (await fetch(`${emu.baseUrl}/_emulator/health`)).json()).toMatchObject({
			ok: true,
		});
		emu.addHourRow(sanne(), { year: 2026, period: 10, hourCode: 1, hours: 8 });
		const state = (await (await fetch(`${emu.baseUrl}/_emulator/state`)).json()) as {
			companies: unknown[];
			employees: unknown[];
			hourRows: unknown[];
		};
		expect(state.companies).toHaveLength(2);
		expect(state.employees).toHaveLength(6);
		expect(state.hourRows).toHaveLength(1);
		expect((await fetch(`${emu.baseUrl}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
		expect(emu.hourRows()).toHaveLength(0);
	});
});
