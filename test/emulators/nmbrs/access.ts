// Argument parsing and the Nmbrs access/validation rules shared by all operations.
// Missing value-type elements default to 0/false, as .NET's XmlSerializer does, so a missing
// Period becomes period 0 and fails with 2006 rather than being guessed.
import { nmbrsFault, readFault } from './faults';
import { isBefore, isValidPeriod } from './periods';
import type { NmbrsReadings } from './readings';
import type { CompanyRecord, EmployeeRecord, NmbrsState, NmbrsUserInput } from './state';
import { parseHundredths } from './state';

export type Args = Record<string, unknown>;

export interface OpContext {
	state: NmbrsState;
	user: NmbrsUserInput;
	readings: NmbrsReadings;
}

function isNil(v: unknown): boolean {
	if (v === undefined || v === null) return true;
	// The soap library parses <X xsi:nil="true"/> into { attributes: { 'xsi:nil': 'true' } }.
	return (
		typeof v === 'object' &&
		!Array.isArray(v) &&
		Object.keys(v as object).every((k) => k === 'attributes')
	);
}

export function int(args: Args | undefined, name: string): number {
	const v = args?.[name];
	if (isNil(v)) return 0;
	const n = typeof v === 'number' ? v : Number(String(v).trim());
	if (!Number.isInteger(n)) throw readFault(`Input string was not in a correct format (${name}).`);
	return n;
}

export function bool(args: Args | undefined, name: string): boolean {
	const v = args?.[name];
	if (isNil(v)) return false;
	if (typeof v === 'boolean') return v;
	const s = String(v).trim();
	if (s === 'true' || s === '1') return true;
	if (s === 'false' || s === '0') return false;
	throw readFault(`The string '${s}' is not a valid Boolean value (${name}).`);
}

export function str(args: Args | undefined, name: string): string {
	const v = args?.[name];
	return isNil(v) ? '' : String(v);
}

export function obj(args: Args | undefined, name: string): Args | undefined {
	const v = args?.[name];
	return isNil(v) || typeof v !== 'object' ? undefined : (v as Args);
}

/** Items of a wrapped list argument, e.g. HourComponents/EmployeeHourComponent. */
export function items(args: Args | undefined, wrapper: string, item: string): Args[] {
	const list = obj(args, wrapper)?.[item];
	if (list === undefined || list === null) return [];
	return (Array.isArray(list) ? list : [list]).filter((x) => !isNil(x)) as Args[];
}

/** Hours as exact hundredths; accepts ',' as decimal separator. */
export function hours(args: Args | undefined, name = 'Hours'): { hundredths: number; raw: string } {
	const raw = str(args, name);
	const hundredths = parseHundredths(raw === '' ? '0' : raw);
	if (hundredths === undefined)
		throw readFault(`Input string was not in a correct format (${name}).`);
	return { hundredths, raw };
}

/** ASMX list shape: `{ X: [...] }`, or `{}` for an empty list (never null). */
export function list<T>(item: string, values: T[]): Record<string, T[]> {
	return values.length ? { [item]: values } : {};
}

function companyAllowed(user: NmbrsUserInput, id: number): boolean {
	return user.companyIds === undefined || user.companyIds.includes(String(id));
}

export function companyFor(ctx: OpContext, id: number): CompanyRecord {
	const company = ctx.state.companies.get(id);
	if (!company) throw nmbrsFault(2004);
	if (!companyAllowed(ctx.user, id)) throw nmbrsFault(1003);
	return company;
}

export function employeeFor(
	ctx: OpContext,
	id: number,
): { employee: EmployeeRecord; company: CompanyRecord } {
	const employee = ctx.state.employees.get(id);
	if (!employee) throw nmbrsFault(2003);
	const company = ctx.state.companies.get(employee.companyId);
	if (!company || !companyAllowed(ctx.user, company.id)) throw nmbrsFault(1003);
	return { employee, company };
}

export function checkPeriod(company: CompanyRecord, year: number, period: number): void {
	if (!isValidPeriod(company.periodType, year, period))
		throw nmbrsFault(2006, `${year}-${period} for period type ${company.periodType}`);
}

export function checkHourCode(company: CompanyRecord, code: number): void {
	const known =
		company.hourModel1.some((h) => h.code === code) ||
		company.hourModel2.some((h) => h.code === code);
	if (!known) throw nmbrsFault(2001, `hour code ${code}`);
}

export function isPastPeriod(company: CompanyRecord, year: number, period: number): boolean {
	return isBefore(year, period, { year: company.currentYear, period: company.currentPeriod });
}

/** The TWK rule: writing before the company's current period needs UnprotectedMode=true. */
export function checkWritable(
	ctx: OpContext,
	company: CompanyRecord,
	year: number,
	period: number,
	unprotected: boolean,
): void {
	if (!unprotected && isPastPeriod(company, year, period))
		throw nmbrsFault(ctx.readings.pastPeriodFault);
}

/** Validates a write target: valid period for the company's type, then protected mode. */
export function checkWriteTarget(
	ctx: OpContext,
	company: CompanyRecord,
	year: number,
	period: number,
	unprotected: boolean,
): void {
	checkPeriod(company, year, period);
	checkWritable(ctx, company, year, period, unprotected);
}

/** Under the reading "negative hours refused", Nmbrs rejects a negative row (the code is a guess too). */
export function checkHoursSign(ctx: OpContext, hundredths: number): void {
	if (hundredths < 0 && ctx.readings.negativeHours === 'refused')
		throw nmbrsFault(9999, 'hours must not be negative');
}
