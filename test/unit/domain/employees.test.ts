import {
	buildEmployeeImport,
	contractOn,
	EmployeeMatcher,
	latestPersonalInfo,
	rosterOf,
} from '../../../nodes/Nmbrs/domain/employees';
import { employeeNumberKey } from '../../../nodes/shared/employeeNumber';
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

	const histories = [
		{
			employeeId: '1',
			records: [
				info({
					employeeNumber: 1001,
					firstName: 'Sanne',
					prefix: 'de',
					lastName: 'Vries',
					emailWork: 'sanne@x.nl',
				}),
			],
		},
		{ employeeId: '2', records: [info({ employeeNumber: 1002, emailWork: '' })] },
		{ employeeId: '3', records: [info({ employeeNumber: 1003, emailWork: 'daan@x.nl' })] },
	];
	const contracts = [
		{ employeeId: '1', contracts: [{ id: 'c1', startDate: '2021-03-01', endDate: '' }] },
		{ employeeId: '2', contracts: [{ id: 'c2', startDate: '2021-03-01', endDate: '' }] },
	];

	it('marks employees without a contract inactive and leaves out those without work e-mail', () => {
		const result = buildEmployeeImport(histories, contracts, {
			referenceDate: '2026-11-25',
			onlyActive: false,
			includeWithoutEmail: false,
		});
		expect(result.employees.map((e) => [e.employeeNumber, e.active, e.email])).toEqual([
			[1001, true, 'sanne@x.nl'],
			[1003, false, 'daan@x.nl'],
		]);
		expect(result.employees[0]).toMatchObject({
			firstName: 'Sanne',
			prefix: 'de',
			lastName: 'Vries',
			contractStartDate: '2021-03-01',
			contractEndDate: null,
		});
		expect(result.skipped).toEqual([
			{ employeeId: '2', employeeNumber: 1002, displayName: 'A', reason: 'noWorkEmail' },
		]);
	});

	it('builds the roster from personal info alone: every employee, latest record, no employee type', () => {
		const roster = rosterOf([...histories, { employeeId: '4', records: [] }]);
		expect(roster.map((e) => [e.employeeId, e.employeeNumber, e.email])).toEqual([
			['1', 1001, 'sanne@x.nl'],
			['2', 1002, ''],
			['3', 1003, 'daan@x.nl'],
		]);
		// displayName falls back to the name parts when Nmbrs sends none.
		expect(
			rosterOf([
				{
					employeeId: '5',
					records: [info({ displayName: '', firstName: 'Lotte', prefix: 'van', lastName: 'Dijk' })],
				},
			])[0].displayName,
		).toBe('Lotte van Dijk');
	});

	it('includes employees without e-mail flagged, and filters to active ones', () => {
		const all = buildEmployeeImport(histories, contracts, {
			referenceDate: '2026-11-25',
			onlyActive: false,
			includeWithoutEmail: true,
		});
		expect(all.employees.find((e) => e.employeeNumber === 1002)).toMatchObject({
			importable: false,
		});
		const active = buildEmployeeImport(histories, contracts, {
			referenceDate: '2026-11-25',
			onlyActive: true,
			includeWithoutEmail: true,
		});
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
		expect(new EmployeeMatcher(employees, 'employeeNumber').match('0042')).toEqual({
			employee: employees[0],
		});
		expect(new EmployeeMatcher(employees, 'employeeId').match(11)).toEqual({
			employee: employees[1],
		});
		expect(new EmployeeMatcher(employees, 'email').match(' a@x.NL ')).toEqual({
			employee: employees[0],
		});
	});
	it('reports unknown, empty and ambiguous keys', () => {
		expect(new EmployeeMatcher(employees, 'employeeNumber').match(99)).toEqual({
			problem: expect.stringMatching(/No employee/),
		});
		expect(new EmployeeMatcher(employees, 'employeeNumber').match('')).toEqual({
			problem: expect.stringMatching(/empty/),
		});
		expect(new EmployeeMatcher(employees, 'employeeNumber').match(43)).toEqual({
			problem: expect.stringMatching(/2 employees/),
		});
	});
});

describe('employeeNumberKey (one rule for both nodes)', () => {
	it('treats zero-padded, spaced and numeric forms of a number as one employee', () => {
		expect(['0042', ' 42 ', 42, '42'].map(employeeNumberKey)).toEqual(['42', '42', '42', '42']);
		expect(employeeNumberKey('0')).toBe('0');
		expect(employeeNumberKey('000')).toBe('0');
	});
	it('compares anything that is not all digits as trimmed text', () => {
		expect(employeeNumberKey(' E-042 ')).toBe('E-042');
		expect(employeeNumberKey('4 2')).toBe('4 2');
		expect(employeeNumberKey(null)).toBe('');
		expect(employeeNumberKey(undefined)).toBe('');
	});
});
