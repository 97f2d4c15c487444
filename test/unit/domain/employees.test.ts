import { buildEmployeeImport, contractOn, EmployeeMatcher, latestPersonalInfo } from '../../../nodes/Nmbrs/domain/employees';
import type { PersonalInfoRecord } from '../../../nodes/Nmbrs/domain/types';

const info = (over: Partial<PersonalInfoRecord>): PersonalInfoRecord => ({
	id: '1',
	employeeNumber: 1,
	displayName: 'A',
	firstName: 'A',
	prefix: '',
	lastName: 'B',
	emailWork: 'a@x.nl',
	startYear: 2024,
	startPeriod: 1,
	creationDate: '2024-01-01T00:00:00',
	...over,
});

describe('employee import', () => {
	it('picks the latest personal-info record by period, then creation date', () => {
		const records = [
			info({ id: 'old', startYear: 2023, startPeriod: 12 }),
			info({ id: 'new', startYear: 2024, startPeriod: 3, creationDate: '2024-03-01T00:00:00' }),
			info({ id: 'newer', startYear: 2024, startPeriod: 3, creationDate: '2024-03-05T00:00:00' }),
		];
		expect(latestPersonalInfo(records)?.id).toBe('newer');
	});

	it('finds the contract covering a date', () => {
		const contracts = [
			{ id: 'a', startDate: '2020-01-01', endDate: '2020-12-31' },
			{ id: 'b', startDate: '2021-01-01', endDate: '' },
		];
		expect(contractOn(contracts, '2020-06-01')?.id).toBe('a');
		expect(contractOn(contracts, '2026-06-01')?.id).toBe('b');
		expect(contractOn(contracts, '2019-06-01')).toBeUndefined();
	});

	const list = [
		{ id: '1', number: 1001, displayName: 'Sanne' },
		{ id: '2', number: 1002, displayName: 'Lotte' },
		{ id: '3', number: 1003, displayName: 'Daan' },
	];
	const histories = [
		{ employeeId: '1', records: [info({ employeeNumber: 1001, firstName: 'Sanne', prefix: 'de', lastName: 'Vries', emailWork: 'sanne@x.nl' })] },
		{ employeeId: '2', records: [info({ employeeNumber: 1002, emailWork: '' })] },
		{ employeeId: '3', records: [info({ employeeNumber: 1003, emailWork: 'daan@x.nl' })] },
	];
	const contracts = [
		{ employeeId: '1', contracts: [{ id: 'c1', startDate: '2021-03-01', endDate: '' }] },
		{ employeeId: '2', contracts: [{ id: 'c2', startDate: '2021-03-01', endDate: '' }] },
	];

	it('marks employees without a contract inactive and leaves out those without work e-mail', () => {
		const result = buildEmployeeImport(list, histories, contracts, { referenceDate: '2026-11-25', onlyActive: false, includeWithoutEmail: false });
		expect(result.employees.map((e) => [e.employeeNumber, e.active, e.email])).toEqual([
			[1001, true, 'sanne@x.nl'],
			[1003, false, 'daan@x.nl'],
		]);
		expect(result.employees[0]).toMatchObject({ firstName: 'Sanne', prefix: 'de', lastName: 'Vries', contractStartDate: '2021-03-01', contractEndDate: null });
		expect(result.skipped).toEqual([{ employeeId: '2', employeeNumber: 1002, displayName: 'A', reason: 'noWorkEmail' }]);
	});

	it('includes employees without e-mail flagged, and filters to active ones', () => {
		const all = buildEmployeeImport(list, histories, contracts, { referenceDate: '2026-11-25', onlyActive: false, includeWithoutEmail: true });
		expect(all.employees.find((e) => e.employeeNumber === 1002)).toMatchObject({ importable: false });
		const active = buildEmployeeImport(list, histories, contracts, { referenceDate: '2026-11-25', onlyActive: true, includeWithoutEmail: true });
		expect(active.employees.map((e) => e.employeeNumber)).toEqual([1001, 1002]);
	});
});

describe('EmployeeMatcher', () => {
	const employees = [
		{ employeeId: '10', employeeNumber: 42, email: 'A@X.nl', displayName: 'A' },
		{ employeeId: '11', employeeNumber: 43, email: 'b@x.nl', displayName: 'B' },
		{ employeeId: '12', employeeNumber: 43, email: '', displayName: 'C' },
	];
	it('matches by number, id and e-mail', () => {
		expect(new EmployeeMatcher(employees, 'employeeNumber').match('0042')).toEqual({ employee: employees[0] });
		expect(new EmployeeMatcher(employees, 'employeeId').match(11)).toEqual({ employee: employees[1] });
		expect(new EmployeeMatcher(employees, 'email').match(' a@x.NL ')).toEqual({ employee: employees[0] });
	});
	it('reports unknown, empty and ambiguous keys', () => {
		expect(new EmployeeMatcher(employees, 'employeeNumber').match(99)).toEqual({ problem: expect.stringMatching(/No employee/) });
		expect(new EmployeeMatcher(employees, 'employeeNumber').match('')).toEqual({ problem: expect.stringMatching(/empty/) });
		expect(new EmployeeMatcher(employees, 'employeeNumber').match(43)).toEqual({ problem: expect.stringMatching(/2 employees/) });
	});
});
