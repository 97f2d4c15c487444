// Payroll vocabulary shared by the domain code, the transports and the node.
// Nothing here knows about n8n or SOAP. Ids are opaque strings so that a REST backend
// (GUIDs) can fill the same shapes as SOAP (integers).

export type PeriodType = 'M' | 'W4' | 'W1';

/** A payroll period of one company: year + period number within the company's period type. */
export interface PayrollPeriod {
	year: number;
	period: number;
	/** M, W4 or W1; undefined where the API does not say (Nmbrs' REST API exposes no period type). */
	type?: PeriodType;
}

export interface Company {
	id: string;
	number: number;
	name: string;
}

export type HourModel = 1 | 2;

export interface HourCode {
	code: number;
	description: string;
}

/** One record of an employee's personal-info history. */
export interface PersonalInfoRecord {
	id: string;
	employeeNumber: number;
	displayName: string;
	firstName: string;
	prefix: string;
	lastName: string;
	emailWork: string;
	startYear: number;
	startPeriod: number;
	/** ISO date-time as sent by Nmbrs (local Dutch time), or '' when absent. */
	creationDate: string;
}

export interface PersonalInfoHistory {
	employeeId: string;
	records: PersonalInfoRecord[];
}

export interface Contract {
	id: string;
	/** ISO date (yyyy-mm-dd) or '' when absent. */
	startDate: string;
	/** ISO date (yyyy-mm-dd) or '' when open-ended. */
	endDate: string;
}

export interface EmployeeContracts {
	employeeId: string;
	contracts: Contract[];
}

/**
 * A variable hour row as Nmbrs returns it: its own id, an hour code and hours in
 * hundredths (integers, so sums are exact). Nmbrs does not return the comment.
 */
export interface HourRow {
	id: string;
	hourCode: number;
	hundredths: number;
	/** The row's comment; undefined when Nmbrs does not return comments. */
	comment?: string;
}

/** A new variable hour row for one employee. */
export interface NewHourRow {
	employeeId: string;
	hourCode: number;
	hundredths: number;
	comment: string;
}

export interface DaysWorked {
	employeeId: string;
	days: number;
}

/** A payroll run of a company (Run_GetList): once a period has a run, changes may not be paid as expected. */
export interface PayrollRun {
	id: string;
	number: number;
	year: number;
	periodStart: number;
	periodEnd: number;
	description: string;
	isLocked: boolean;
}
