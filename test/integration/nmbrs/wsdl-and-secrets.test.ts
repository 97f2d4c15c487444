import type { IDataObject } from 'n8n-workflow';

import { DEMO_USER } from '../../emulators/nmbrs';
import { exportParams } from '../../support/nmbrs-fixture';
import { startNmbrsFixture, type NmbrsFixture } from '../../support/nmbrs-fixture';

let f: NmbrsFixture;
beforeAll(async () => (f = await startNmbrsFixture()));
afterAll(() => f.emulator.close());

describe('WSDL loading', () => {
	it('downloads each service WSDL at most once per process across many executions', async () => {
		for (let run = 0; run < 5; run++) {
			await f.output({ resource: 'company', operation: 'getMany' });
			await f.output({
				resource: 'hours',
				operation: 'get',
				employee: { __rl: true, mode: 'employeeNumber', value: '1001' },
				payrollPeriod: 'specific',
				year: 0,
				period: 0,
			});
			await f.output({ resource: 'employee', operation: 'getMany', options: {} });
		}
		expect(f.emulator.wsdlDownloads).toEqual({ CompanyService: 1, EmployeeService: 1 });
		// One company list per execution: it resolves the credential's Administration (a company
		// number or ID) and is shared by every item.
		expect(f.emulator.calls.filter((c) => c.operation === 'List_GetAll').length).toBe(15);
		// Hours → Get needs no hour codes, so its API user template need not allow reading them.
		expect(f.emulator.calls.filter((c) => c.operation.startsWith('HourModel')).length).toBe(0);
	});
});

describe('the API token', () => {
	const logs: string[] = [];
	beforeAll(() => {
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				logs.push(
					args
						.map((a) =>
							a instanceof Error
								? `${a.message} ${a.stack} ${JSON.stringify(a)}`
								: (JSON.stringify(a) ?? String(a)),
						)
						.join(' '),
				);
			});
		}
	});
	afterAll(() => jest.restoreAllMocks());

	it('never appears in outputs, errors, error descriptions or logs', async () => {
		const runs = [
			await f.run({ resource: 'company', operation: 'getMany' }),
			await f.run({ resource: 'company', operation: 'getMany' }, undefined, {
				credentials: { domain: 'nope' },
			}),
			await f.run({
				resource: 'hours',
				operation: 'get',
				employee: { __rl: true, mode: 'employeeNumber', value: '1001' },
				payrollPeriod: 'specific',
				year: 0,
				period: 0,
			}),
			await f.run(
				{
					resource: 'company',
					operation: 'getCurrentPeriod',
					company: { __rl: true, mode: 'id', value: '31337' },
				},
				undefined,
				{
					onError: 'continueRegularOutput',
				},
			),
		];
		f.emulator.setFaultRule((call) =>
			call.operation === 'List_GetAll' ? { kind: 'http500' } : undefined,
		);
		runs.push(await f.run({ resource: 'company', operation: 'getMany' }));
		f.emulator.setFaultRule(undefined);
		expect(runs[1].error?.message).toMatch(/1001/);
		expect(runs[4].error?.message).toMatch(/could not be reached/);
		for (const result of runs) {
			const everything = JSON.stringify(result.run, (_k, v) =>
				v instanceof Error
					? {
							...v,
							message: v.message,
							stack: v.stack,
							description: (v as { description?: string }).description,
						}
					: v,
			);
			expect(everything).not.toContain(DEMO_USER.token);
			expect(everything.length).toBeGreaterThan(100);
		}
		expect(logs.join('\n')).not.toContain(DEMO_USER.token);
	});

	it('stays out of errors and notices when Nmbrs echoes the request in a fault, and those stay short', async () => {
		const lines = [{ emp: 1001, code: 1, hours: 8 }] as IDataObject[];
		const echo = (operation: string) =>
			f.emulator.setFaultRule((call) =>
				call.operation === operation ? { kind: 'echoFault', padding: 200_000 } : undefined,
			);
		const runs = [];
		for (const operation of [
			'Run_GetList',
			'HourComponentVar_Insert_Batch',
			'Company_GetCurrentPeriod',
			'List_GetAll',
		]) {
			f.emulator.reset();
			echo(operation);
			runs.push(
				await f.run(
					operation === 'List_GetAll'
						? { resource: 'company', operation: 'getMany' }
						: exportParams(),
					lines,
				),
			);
		}
		f.emulator.setFaultRule(undefined);
		// The optional payroll-run check does not fail the export: its fault text becomes a notice.
		expect(runs[0].error).toBeUndefined();
		const notice = JSON.stringify(runs[0].run.data.resultData.runData.Node[0]);
		expect(notice).toMatch(/Could not check for payroll runs.*cut: \d+ characters/);
		for (const result of runs.slice(1)) expect(result.error?.message).toBeDefined();
		for (const result of runs) {
			const everything = JSON.stringify(result.run, (_k, v) =>
				v instanceof Error
					? { ...v, message: v.message, description: (v as { description?: string }).description }
					: v,
			);
			expect(everything).not.toContain(DEMO_USER.token);
			// The 200 KB fault text is cut, wherever it went.
			expect(everything.length).toBeLessThan(50_000);
		}
		expect(logs.join('\n')).not.toContain(DEMO_USER.token);
	});
});
