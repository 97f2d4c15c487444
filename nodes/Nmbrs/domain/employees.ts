import { employeeNumberKey } from '../../shared/employeeNumber';
import type { Contract, EmployeeContracts, PersonalInfoHistory, PersonalInfoRecord } from './types';

/** Latest personal-info record: highest (StartYear, StartPeriod), then the newest CreationDate. */
export function latestPersonalInfo(records: PersonalInfoRecord[]): PersonalInfoRecord | undefined {
	return [...records].sort(
		(a, b) =>
			b.startYear - a.startYear ||
			b.startPeriod - a.startPeriod ||
			b.creationDate.localeCompare(a.creationDate),
	)[0];
}

/** The contract that covers the reference date (yyyy-mm-dd), preferring the latest start. */
export function contractOn(contracts: Contract[], referenceDate: string): Contract | undefined {
	return contracts
		.filter(
			(c) =>
				c.startDate !== '' &&
				c.startDate <= referenceDate &&
				(c.endDate === '' || c.endDate >= referenceDate),
		)
		.sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
}

export interface ImportedEmployee {
	employeeId: string;
	employeeNumber: number;
	firstName: string;
	prefix: string;
	lastName: string;
	displayName: string;
	email: string;
	active: boolean;
	contractStartDate: string | null;
	contractEndDate: string | null;
	/** Present only when an employee without work e-mail is included on request. */
	importable?: boolean;
	notImportableReason?: string;
}

export type SkipReason = 'noWorkEmail';

export interface EmployeeImport {
	employees: ImportedEmployee[];
	skipped: Array<{
		employeeId: string;
		employeeNumber: number;
		displayName: string;
		reason: SkipReason;
	}>;
}

export interface ImportOptions {
	referenceDate: string;
	onlyActive: boolean;
	includeWithoutEmail: boolean;
}

/**
 * The company's employees, from the company-wide personal-info read. That read needs no
 * employee type, so nothing has to be guessed about which types mean "everyone"
 * (List_GetByCompany has no documented "all" value).
 */
export function rosterOf(histories: PersonalInfoHistory[]): MatchableEmployee[] {
	return histories.flatMap((h) => {
		const info = latestPersonalInfo(h.records);
		if (!info) return [];
		return [
			{
				employeeId: h.employeeId,
				employeeNumber: info.employeeNumber,
				email: info.emailWork.trim(),
				displayName: nameOf(info),
			},
		];
	});
}

function nameOf(info: PersonalInfoRecord): string {
	return (
		info.displayName ||
		[info.firstName, info.prefix, info.lastName].filter((s) => s !== '').join(' ')
	);
}

/** Joins the company's roster (latest personal info) and contracts into import records. */
export function buildEmployeeImport(
	histories: PersonalInfoHistory[],
	contracts: EmployeeContracts[],
	options: ImportOptions,
): EmployeeImport {
	const contractsById = new Map(contracts.map((c) => [c.employeeId, c.contracts]));
	const result: EmployeeImport = { employees: [], skipped: [] };

	for (const history of histories) {
		const info = latestPersonalInfo(history.records);
		if (!info) continue;
		const own = contractsById.get(history.employeeId) ?? [];
		const current = contractOn(own, options.referenceDate);
		// Without a covering contract, show the most recent one so users see why it is inactive.
		const shown = current ?? [...own].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
		const employee: ImportedEmployee = {
			employeeId: history.employeeId,
			employeeNumber: info.employeeNumber,
			firstName: info.firstName,
			prefix: info.prefix,
			lastName: info.lastName,
			displayName: nameOf(info),
			email: info.emailWork.trim(),
			active: current !== undefined,
			contractStartDate: shown?.startDate || null,
			contractEndDate: shown?.endDate || null,
		};
		if (options.onlyActive && !employee.active) continue;
		if (employee.email === '') {
			result.skipped.push({
				employeeId: employee.employeeId,
				employeeNumber: employee.employeeNumber,
				displayName: employee.displayName,
				reason: 'noWorkEmail',
			});
			if (!options.includeWithoutEmail) continue;
			employee.importable = false;
			employee.notImportableReason =
				'No work e-mail in Nmbrs: a time tracker cannot invite this employee';
		}
		result.employees.push(employee);
	}
	return result;
}

export type MatchEmployeeBy = 'employeeNumber' | 'employeeId' | 'email';

export interface MatchableEmployee {
	employeeId: string;
	employeeNumber: number;
	email: string;
	displayName: string;
}

export type MatchResult = { employee: MatchableEmployee } | { problem: string };

/** Finds employees by number, id or work e-mail; ambiguous keys are reported, never guessed. */
export class EmployeeMatcher {
	private readonly index = new Map<string, MatchableEmployee[]>();

	constructor(
		employees: MatchableEmployee[],
		private readonly by: MatchEmployeeBy,
	) {
		for (const employee of employees) {
			const key = this.keyOf(employee);
			if (key === '') continue;
			this.index.set(key, [...(this.index.get(key) ?? []), employee]);
		}
	}

	private keyOf(employee: MatchableEmployee): string {
		if (this.by === 'employeeId') return employee.employeeId;
		return this.normalise(this.by === 'email' ? employee.email : employee.employeeNumber);
	}

	private normalise(value: unknown): string {
		if (this.by === 'email') return (typeof value === 'string' ? value : '').trim().toLowerCase();
		// Employee numbers, and integer ids, compare as numbers: "0042" and 42 are the same.
		return employeeNumberKey(value);
	}

	match(value: unknown): MatchResult {
		const label = {
			employeeNumber: 'employee number',
			employeeId: 'employee ID',
			email: 'work e-mail',
		}[this.by];
		const key = this.normalise(value);
		if (key === '') return { problem: `The employee ${label} is empty` };
		const found = this.index.get(key) ?? [];
		if (found.length === 1) return { employee: found[0] };
		if (found.length > 1) {
			return {
				problem: `${found.length} employees in this company share the ${label} "${key}"; match by employee ID instead`,
			};
		}
		return { problem: `No employee with ${label} "${key}" in this company` };
	}
}
