import type { Contract, EmployeeContracts, EmployeeListEntry, PersonalInfoHistory, PersonalInfoRecord } from './types';

/** Latest personal-info record: highest (StartYear, StartPeriod), then the newest CreationDate. */
export function latestPersonalInfo(records: PersonalInfoRecord[]): PersonalInfoRecord | undefined {
	return [...records].sort(
		(a, b) =>
			b.startYear - a.startYear || b.startPeriod - a.startPeriod || b.creationDate.localeCompare(a.creationDate),
	)[0];
}

/** The contract that covers the reference date (yyyy-mm-dd), preferring the latest start. */
export function contractOn(contracts: Contract[], referenceDate: string): Contract | undefined {
	return contracts
		.filter((c) => c.startDate !== '' && c.startDate <= referenceDate && (c.endDate === '' || c.endDate >= referenceDate))
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
	skipped: Array<{ employeeId: string; employeeNumber: number; displayName: string; reason: SkipReason }>;
}

export interface ImportOptions {
	referenceDate: string;
	onlyActive: boolean;
	includeWithoutEmail: boolean;
}

/** Joins the company's employee list, latest personal info and contracts into import records. */
export function buildEmployeeImport(
	list: EmployeeListEntry[],
	histories: PersonalInfoHistory[],
	contracts: EmployeeContracts[],
	options: ImportOptions,
): EmployeeImport {
	const infoById = new Map(histories.map((h) => [h.employeeId, latestPersonalInfo(h.records)]));
	const contractsById = new Map(contracts.map((c) => [c.employeeId, c.contracts]));
	const result: EmployeeImport = { employees: [], skipped: [] };

	for (const entry of list) {
		const info = infoById.get(entry.id);
		const own = contractsById.get(entry.id) ?? [];
		const current = contractOn(own, options.referenceDate);
		// Without a covering contract, show the most recent one so users see why it is inactive.
		const shown = current ?? [...own].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
		const employee: ImportedEmployee = {
			employeeId: entry.id,
			employeeNumber: info?.employeeNumber ?? entry.number,
			firstName: info?.firstName ?? '',
			prefix: info?.prefix ?? '',
			lastName: info?.lastName ?? '',
			displayName: info?.displayName || entry.displayName,
			email: (info?.emailWork ?? '').trim(),
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
			employee.notImportableReason = 'No work e-mail in Nmbrs: a time tracker cannot invite this employee';
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
		if (this.by === 'email') return employee.email.trim().toLowerCase();
		return String(employee.employeeNumber);
	}

	private normalise(value: unknown): string {
		const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
		if (this.by === 'email') return text.toLowerCase();
		// "0042" and 42 are the same employee number.
		return /^\d+$/.test(text) ? String(Number(text)) : text;
	}

	match(value: unknown): MatchResult {
		const label = { employeeNumber: 'employee number', employeeId: 'employee ID', email: 'work e-mail' }[this.by];
		const key = this.normalise(value);
		if (key === '') return { problem: `The employee ${label} is empty` };
		const found = this.index.get(key) ?? [];
		if (found.length === 1) return { employee: found[0] };
		if (found.length > 1) {
			return { problem: `${found.length} employees in this company share the ${label} "${key}"; match by employee ID instead` };
		}
		return { problem: `No employee with ${label} "${key}" in this company` };
	}
}
