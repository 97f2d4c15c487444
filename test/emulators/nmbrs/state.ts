// The emulator's in-memory Nmbrs environment. Plain data plus small helpers; no SOAP here.
// Ids are monotonic integers (exposed as strings, like the client's domain types).
import type { PeriodType } from './periods';

export interface HourCodeDef {
	code: number;
	description: string;
}

export interface NmbrsUserInput {
	username: string;
	token: string;
	domain: string;
	/** Operation names the API user template allows; undefined = all. */
	allowedOperations?: string[];
	/** Company ids the user may see; undefined = all. */
	companyIds?: string[];
}

export interface CompanyInput {
	number: number;
	name: string;
	periodType: PeriodType;
	currentYear: number;
	currentPeriod: number;
	hourModel1: HourCodeDef[];
	hourModel2?: HourCodeDef[];
	/** Debtor the company belongs to (REST debtorId); default: the first debtor. */
	debtorId?: number;
}

export interface CompanyRecord {
	id: number;
	number: number;
	name: string;
	periodType: PeriodType;
	currentYear: number;
	currentPeriod: number;
	hourModel1: HourCodeDef[];
	hourModel2: HourCodeDef[];
	debtorId?: number;
}

/** One personal-info record; fields left out are copied from the employee input. */
export interface PersonalInfoInput {
	firstName?: string;
	prefix?: string;
	lastName?: string;
	emailWork?: string;
	startYear: number;
	startPeriod: number;
	/** Local date-time `yyyy-mm-ddThh:mm:ss`; default: the first day of startYear/startPeriod's month. */
	creationDate?: string;
}

export interface EmployeeInput {
	number: number;
	firstName: string;
	prefix: string;
	lastName: string;
	emailWork: string;
	/** [startDate, endDate | ''] as ISO dates. */
	contracts: Array<[string, string]>;
	/** Extra older/newer personal-info records; the record built from the fields above is kept too. */
	personalInfoHistory?: PersonalInfoInput[];
	/** Start of the record built from the fields above; default: first contract's year/month, else 2020-1. */
	personalInfoStart?: { year: number; period: number };
	/** EmployeeType id (see EMPLOYEE_TYPES); default 1. */
	employeeType?: number;
	/** Citizen service number, sent only by PersonalInfo_GetAll_AllEmployeesByCompany; default derived from the id. */
	bsn?: string;
}

export interface PersonalInfoRecord {
	id: number;
	firstName: string;
	prefix: string;
	lastName: string;
	emailWork: string;
	startYear: number;
	startPeriod: number;
	creationDate: string;
}

export interface ContractRecord {
	id: number;
	startDate: string;
	endDate: string;
	creationDate: string;
}

export interface EmployeeRecord {
	id: number;
	companyId: number;
	number: number;
	employeeType: number;
	bsn: string;
	/** Kept in insertion order, which is deliberately not chronological for some demo employees. */
	personalInfos: PersonalInfoRecord[];
	contracts: ContractRecord[];
}

export interface HourRowRecord {
	id: number;
	employeeId: number;
	year: number;
	period: number;
	hourCode: number;
	/** Hours in hundredths, so sums are exact. */
	hundredths: number;
	comment: string;
	/** The decimal text as the client sent it (for tests that check serialisation). */
	rawHours: string;
	/** ISO date-time of the insert (REST createdAt); set by insertHourRow. */
	createdAt?: string;
}

/** One variable-days entry of a period (REST variabledays; several only under restVariableDaysPost 'add'). */
export interface DaysEntry {
	days: number;
	daysForWageComponentsPerDay: number | null;
	createdAt: string;
}

/** Public view of an hour row. */
export interface HourRow {
	id: string;
	employeeId: string;
	year: number;
	period: number;
	hourCode: number;
	hours: number;
	hundredths: number;
	comment: string;
	rawHours: string;
}

export interface RunRecord {
	id: number;
	companyId: number;
	number: number;
	year: number;
	periodStart: number;
	periodEnd: number;
	description: string;
	runAt: string;
	isLocked: boolean;
}

export interface DebtorRecord {
	id: number;
	number: number;
	name: string;
}

/** Inferred list (nmbrs-soap.md only says the ids come from EmployeeType_GetList). */
export const EMPLOYEE_TYPES: HourCodeDef[] = [
	{ code: 1, description: 'Werknemer' },
	{ code: 2, description: 'Stagiair' },
	{ code: 3, description: 'DGA' },
];

export function displayName(p: { firstName: string; prefix: string; lastName: string }): string {
	return [p.firstName, p.prefix, p.lastName].filter((s) => s !== '').join(' ');
}

/** The record that wins: highest (StartYear, StartPeriod), then CreationDate (reference §4). */
export function currentPersonalInfo(e: EmployeeRecord): PersonalInfoRecord {
	return [...e.personalInfos].sort(
		(a, b) =>
			a.startYear - b.startYear ||
			a.startPeriod - b.startPeriod ||
			a.creationDate.localeCompare(b.creationDate),
	)[e.personalInfos.length - 1];
}

export class NmbrsState {
	users: NmbrsUserInput[] = [];
	companies = new Map<number, CompanyRecord>();
	employees = new Map<number, EmployeeRecord>();
	hourRows: HourRowRecord[] = [];
	/** key `${employeeId}:${year}:${period}` → days worked. */
	days = new Map<string, number>();
	/** Same key → the entries whose sum is `days` (REST variabledays). */
	dayEntries = new Map<string, DaysEntry[]>();
	runs: RunRecord[] = [];
	debtors: DebtorRecord[] = [];

	private nextCompanyId = 54613;
	private nextEmployeeId = 503293;
	private nextPersonalInfoId = 7_000_001;
	private nextContractId = 8_000_001;
	private nextHourRowId = 90_000_001;
	private nextRunId = 3001;

	addUser(user: NmbrsUserInput): void {
		this.users = this.users.filter((u) => u.username.toLowerCase() !== user.username.toLowerCase());
		this.users.push({ ...user });
	}

	addCompany(input: CompanyInput): string {
		const id = this.nextCompanyId++;
		this.companies.set(id, { ...input, id, hourModel2: input.hourModel2 ?? [] });
		return String(id);
	}

	addEmployee(companyId: string, input: EmployeeInput): string {
		const company = this.companies.get(Number(companyId));
		if (!company) throw new Error(`addEmployee: unknown company ${companyId}`);
		const id = this.nextEmployeeId++;
		const first = input.contracts[0]?.[0];
		const start =
			input.personalInfoStart ??
			(first
				? { year: Number(first.slice(0, 4)), period: Number(first.slice(5, 7)) }
				: { year: 2020, period: 1 });
		const base = {
			firstName: input.firstName,
			prefix: input.prefix,
			lastName: input.lastName,
			emailWork: input.emailWork,
		};
		const record = (p: PersonalInfoInput): PersonalInfoRecord => ({
			id: this.nextPersonalInfoId++,
			...base,
			...stripUndefined({
				firstName: p.firstName,
				prefix: p.prefix,
				lastName: p.lastName,
				emailWork: p.emailWork,
			}),
			startYear: p.startYear,
			startPeriod: p.startPeriod,
			creationDate:
				p.creationDate ?? `${p.startYear}-${pad(Math.min(p.startPeriod, 12))}-01T09:00:00`,
		});
		const personalInfos = [
			record({ startYear: start.year, startPeriod: start.period }),
			...(input.personalInfoHistory ?? []).map(record),
		];
		const contracts = input.contracts.map(([startDate, endDate]) => ({
			id: this.nextContractId++,
			startDate,
			endDate,
			creationDate: `${startDate}T09:00:00`,
		}));
		const bsn = input.bsn ?? String(100_000_000 + (id % 900_000_000));
		this.employees.set(id, {
			id,
			companyId: company.id,
			number: input.number,
			employeeType: input.employeeType ?? 1,
			bsn,
			personalInfos,
			contracts,
		});
		return String(id);
	}

	setCurrentPeriod(companyId: string, year: number, period: number): void {
		const company = this.companies.get(Number(companyId));
		if (!company) throw new Error(`setCurrentPeriod: unknown company ${companyId}`);
		company.currentYear = year;
		company.currentPeriod = period;
	}

	addRun(
		companyId: string,
		run: {
			year: number;
			periodStart: number;
			periodEnd: number;
			description?: string;
			runAt?: string;
			isLocked?: boolean;
		},
	): string {
		const id = this.nextRunId++;
		const number =
			this.runs.filter((r) => r.companyId === Number(companyId) && r.year === run.year).length + 1;
		this.runs.push({
			id,
			companyId: Number(companyId),
			number,
			year: run.year,
			periodStart: run.periodStart,
			periodEnd: run.periodEnd,
			description: run.description ?? `Run ${number}`,
			runAt: run.runAt ?? `${run.year}-${pad(Math.min(run.periodEnd, 12))}-25T10:00:00`,
			isLocked: run.isLocked ?? true,
		});
		return String(id);
	}

	/** Appends a row (Nmbrs never merges) and returns its new id. */
	insertHourRow(row: Omit<HourRowRecord, 'id'>): number {
		const id = this.nextHourRowId++;
		this.hourRows.push({ createdAt: new Date().toISOString(), ...row, id });
		return id;
	}

	hourRowsOf(employeeId?: number, year?: number, period?: number): HourRowRecord[] {
		return this.hourRows.filter(
			(r) =>
				(employeeId === undefined || r.employeeId === employeeId) &&
				(year === undefined || r.year === year) &&
				(period === undefined || r.period === period),
		);
	}

	getDays(employeeId: number, year: number, period: number): number {
		return this.days.get(`${employeeId}:${year}:${period}`) ?? 0;
	}

	/** Sets the period's days (SOAP DaysVar_Set_Batch, REST 'set'): one entry. */
	setDays(
		employeeId: number,
		year: number,
		period: number,
		days: number,
		daysForWageComponentsPerDay: number | null = null,
	): void {
		const key = `${employeeId}:${year}:${period}`;
		this.days.set(key, days);
		this.dayEntries.set(key, [
			{ days, daysForWageComponentsPerDay, createdAt: new Date().toISOString() },
		]);
	}

	/** Adds an entry (REST under restVariableDaysPost 'add'); the period's days become the sum. */
	addDays(
		employeeId: number,
		year: number,
		period: number,
		days: number,
		daysForWageComponentsPerDay: number | null = null,
	): void {
		const key = `${employeeId}:${year}:${period}`;
		const entries = this.dayEntries.get(key) ?? [];
		entries.push({ days, daysForWageComponentsPerDay, createdAt: new Date().toISOString() });
		this.dayEntries.set(key, entries);
		this.days.set(
			key,
			entries.reduce((sum, e) => sum + e.days, 0),
		);
	}

	dayEntriesOf(employeeId: number, year: number, period: number): DaysEntry[] {
		const key = `${employeeId}:${year}:${period}`;
		const entries = this.dayEntries.get(key);
		if (entries) return entries;
		const days = this.days.get(key);
		return days === undefined
			? []
			: [{ days, daysForWageComponentsPerDay: null, createdAt: new Date(0).toISOString() }];
	}

	/** Sum per hour code in exact hundredths; codes summing to 0 are left out (nothing to pay). */
	totals(employeeId: number, year: number, period: number): Record<number, number> {
		const sums = new Map<number, number>();
		for (const r of this.hourRowsOf(employeeId, year, period))
			sums.set(r.hourCode, (sums.get(r.hourCode) ?? 0) + r.hundredths);
		const out: Record<number, number> = {};
		for (const [code, h] of [...sums].sort((a, b) => a[0] - b[0])) if (h !== 0) out[code] = h / 100;
		return out;
	}

	/** JSON-friendly dump for GET /_emulator/state (never includes tokens). */
	dump(): unknown {
		return {
			users: this.users.map((u) => ({
				username: u.username,
				domain: u.domain,
				allowedOperations: u.allowedOperations ?? 'all',
				companyIds: u.companyIds ?? 'all',
			})),
			companies: [...this.companies.values()],
			employees: [...this.employees.values()].map(({ bsn: _bsn, ...e }) => ({
				...e,
				current: currentPersonalInfo(e as EmployeeRecord),
			})),
			hourRows: this.hourRows.map(hourRowView),
			days: [...this.days].map(([key, days]) => {
				const [employeeId, year, period] = key.split(':').map(Number);
				return { employeeId: String(employeeId), year, period, days };
			}),
			runs: this.runs,
		};
	}
}

export function hourRowView(r: HourRowRecord): HourRow {
	return {
		id: String(r.id),
		employeeId: String(r.employeeId),
		year: r.year,
		period: r.period,
		hourCode: r.hourCode,
		hours: r.hundredths / 100,
		hundredths: r.hundredths,
		comment: r.comment,
		rawHours: r.rawHours,
	};
}

export function pad(n: number): string {
	return String(n).padStart(2, '0');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Parses a decimal leniently ('7.5', '7,5', ' -1.25 ') into hundredths, rounding half away
 * from zero at the third decimal. Returns undefined for anything that is not a number.
 */
export function parseHundredths(value: unknown): number | undefined {
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim().replace(',', '.');
	const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (m && (m[2] !== '' || (m[3] ?? '') !== '')) {
		const frac = (m[3] ?? '').padEnd(3, '0');
		let h = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2));
		if (Number(frac[2]) >= 5) h += 1;
		return m[1] === '-' && h !== 0 ? -h : h;
	}
	const n = Number(text); // exponent forms such as 1e-7
	return Number.isFinite(n) && text !== '' ? Math.round(n * 100) : undefined;
}
