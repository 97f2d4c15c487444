import type {
	Company,
	DaysWorked,
	EmployeeContracts,
	HourCode,
	HourModel,
	HourRow,
	NewHourRow,
	PayrollPeriod,
	PayrollRun,
	PersonalInfoHistory,
} from '../domain/types';

/** Where the period sits and whether Nmbrs must be told to write into a past period. */
export interface PeriodWrite {
	year: number;
	period: number;
	/** Nmbrs' UnprotectedMode: needed for periods before the company's current period. */
	unprotected: boolean;
}

/**
 * The Nmbrs operations this package needs, independent of the wire protocol.
 * SoapNmbrsApi fills it today; a REST backend fills the same interface when SOAP ends
 * (2027-03-01). Every method throws NmbrsFault for an answer from Nmbrs that is an error,
 * and NmbrsTransportError when the outcome is unknown (network, timeout, HTTP 5xx).
 *
 * Writes are never retried by an implementation: a write whose outcome is unknown must be
 * re-read by the caller, never re-sent blindly (payroll must not pay twice).
 *
 * TimeChimp's Nmbrs API user template is the baseline: checkAccess, listCompanies,
 * getHourCodes, getPersonalInfoHistories, getContracts, getVariableHours, insertVariableHours
 * and setDaysWorked must work with it. getCurrentPeriod, listPayrollRuns and getDaysWorked are
 * extras: callers degrade when they answer 1002 (see isNotAllowed).
 */
export interface NmbrsApi {
	/** A cheap authenticated read, for the credential test. */
	checkAccess(): Promise<void>;
	listCompanies(): Promise<Company[]>;
	getCurrentPeriod(companyId: string): Promise<PayrollPeriod>;
	getHourCodes(companyId: string, model: HourModel): Promise<HourCode[]>;
	listPayrollRuns(companyId: string, year: number): Promise<PayrollRun[]>;

	/**
	 * Every employee of the company with their personal-info history: the roster. Never
	 * carries the BSN (citizen service number), whichever Nmbrs operation supplied it.
	 */
	getPersonalInfoHistories(companyId: string): Promise<PersonalInfoHistory[]>;
	getContracts(companyId: string): Promise<EmployeeContracts[]>;

	getVariableHours(employeeId: string, year: number, period: number): Promise<HourRow[]>;
	/** Appends rows (Nmbrs never merges). One call may be split into chunks by the caller. */
	insertVariableHours(rows: NewHourRow[], at: PeriodWrite): Promise<void>;
	/** Needs HourComponent_Update rights in the API user template. */
	updateVariableHour(
		employeeId: string,
		row: HourRow,
		comment: string,
		at: PeriodWrite,
	): Promise<void>;
	/** Needs HourComponent_Delete rights in the API user template. */
	deleteVariableHour(employeeId: string, rowId: string): Promise<void>;
	getDaysWorked(employeeId: string, year: number, period: number): Promise<number>;
	setDaysWorked(days: DaysWorked[], at: PeriodWrite): Promise<void>;
}
