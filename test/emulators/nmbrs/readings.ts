// Nmbrs behaviour that public evidence leaves open (reference nmbrs-soap.md, "unverified").
// Each guess is a switch here, and the integration suite runs the core payroll scenarios under
// every reading (test/integration/nmbrs/readings.test.ts), so the package never depends on one
// reading being true just because this emulator was written that way.

export interface NmbrsReadings {
	/**
	 * List_GetByCompany's EmployeeType: 'none' = every value selects one type only (Nmbrs' doc
	 * string; HelloID loops EmployeeType_GetList); 0 or 2 = that value lists every employee.
	 */
	employeeTypeAll: 'none' | 0 | 2;
	/** Company_GetCurrentPeriod: "2026-3-M" or zero-padded "2026-03-M". */
	padPeriod: boolean;
	/** Spelling of the 4-weekly type: "2010-4-4W" (doc string) or "2010-4-W4". */
	fourWeekly: '4W' | 'W4';
	/** Fault code for a write into a protected past period: 2011 (code list) or 9999 (go-nmbrs comments). */
	pastPeriodFault: 2011 | 9999;
	/** Whether HourComponent_Delete (no UnprotectedMode) refuses rows of a past period. */
	pastDeleteRefused: boolean;
	/** Null values in answers: omitted (ASMX for null strings) or sent as xsi:nil="true". */
	nullElements: 'omit' | 'nil';
	/** Whether HourComponentVar_Insert(_Batch) accepts negative hours (one REST SDK forces hours ≥ 0). */
	negativeHours: 'accepted' | 'refused';
	/**
	 * Whether HourComponentVar_Get returns each row's Comment. The v2.1 WSDL has only Id, HourCode
	 * and Hours; the 2026-11-29 reference update lists Comment among the v3 row fields.
	 */
	getReturnsComment: boolean;

	// --- REST (reference nmbrs-rest.md, "Unverified / open") ---------------------------------
	/** GET /api/companies/{id}/period: paged `{data:[{year, period}], pagination}` or plain `{year, period}`. */
	restPeriodShape: 'paged' | 'plain';
	/** POST variablehours: true = 201 `{hourComponentId}`; false = 204 without a body (re-read to learn the id). */
	restPostReturnsId: boolean;
	/** Whether REST variablehours/variabledays accept negative values (400 InvalidHours / InvalidDays). */
	restNegativeHours: 'accepted' | 'refused';
	/**
	 * A REST write (or delete) into a period covered by a locked payroll run: refused (400 LockedRun)
	 * unless unprotectedMode, refused always, or allowed.
	 */
	restLockedRuns: 'refuseUnlessUnprotected' | 'refuseAlways' | 'allow';
	/** POST variabledays: 'set' = the period's days become `days`; 'add' = each POST adds an entry. */
	restVariableDaysPost: 'set' | 'add';
}

/** The readings public evidence leans to; where none does, the one Nmbrs' own doc text suggests. */
export const DEFAULT_READINGS: NmbrsReadings = {
	employeeTypeAll: 'none',
	padPeriod: false,
	fourWeekly: '4W',
	pastPeriodFault: 2011,
	pastDeleteRefused: false,
	nullElements: 'omit',
	negativeHours: 'accepted',
	getReturnsComment: true,
	restPeriodShape: 'paged',
	restPostReturnsId: true,
	restNegativeHours: 'accepted',
	restLockedRuns: 'refuseUnlessUnprotected',
	restVariableDaysPost: 'set',
};

/** Every plausible reading of every guess, one switch at a time against the defaults. */
export const READING_MATRIX: Array<{ name: string; readings: Partial<NmbrsReadings> }> = [
	{ name: 'List_GetByCompany: no "all" value', readings: { employeeTypeAll: 'none' } },
	{ name: 'List_GetByCompany: 0 = all', readings: { employeeTypeAll: 0 } },
	{ name: 'List_GetByCompany: 2 = all', readings: { employeeTypeAll: 2 } },
	{ name: 'period string 2026-3-M / 2026-4-4W', readings: { padPeriod: false, fourWeekly: '4W' } },
	{ name: 'period string 2026-03-M / 2026-04-4W', readings: { padPeriod: true, fourWeekly: '4W' } },
	{ name: 'period string 2026-4-W4', readings: { padPeriod: false, fourWeekly: 'W4' } },
	{ name: 'period string 2026-04-W4', readings: { padPeriod: true, fourWeekly: 'W4' } },
	{ name: 'past-period fault 2011', readings: { pastPeriodFault: 2011 } },
	{ name: 'past-period fault 9999', readings: { pastPeriodFault: 9999 } },
	{ name: 'past-period delete allowed', readings: { pastDeleteRefused: false } },
	{ name: 'past-period delete refused', readings: { pastDeleteRefused: true } },
	{ name: 'null values omitted', readings: { nullElements: 'omit' } },
	{ name: 'null values as xsi:nil', readings: { nullElements: 'nil' } },
	{ name: 'negative hours accepted', readings: { negativeHours: 'accepted' } },
	{ name: 'negative hours refused', readings: { negativeHours: 'refused' } },
	{ name: 'Get returns row comments', readings: { getReturnsComment: true } },
	{ name: 'Get returns no row comments', readings: { getReturnsComment: false } },
];

/** Every plausible value of every REST reading, one switch at a time against the defaults. */
export const REST_READING_MATRIX: Array<{ name: string; readings: Partial<NmbrsReadings> }> = [
	{ name: 'REST period: paged', readings: { restPeriodShape: 'paged' } },
	{ name: 'REST period: plain object', readings: { restPeriodShape: 'plain' } },
	{ name: 'REST POST hours returns the id', readings: { restPostReturnsId: true } },
	{ name: 'REST POST hours returns 204, no body', readings: { restPostReturnsId: false } },
	{ name: 'REST negative hours accepted', readings: { restNegativeHours: 'accepted' } },
	{ name: 'REST negative hours refused', readings: { restNegativeHours: 'refused' } },
	{
		name: 'REST locked run refused unless unprotected',
		readings: { restLockedRuns: 'refuseUnlessUnprotected' },
	},
	{ name: 'REST locked run refused always', readings: { restLockedRuns: 'refuseAlways' } },
	{ name: 'REST locked run allowed', readings: { restLockedRuns: 'allow' } },
	{ name: 'REST variabledays POST sets', readings: { restVariableDaysPost: 'set' } },
	{ name: 'REST variabledays POST adds', readings: { restVariableDaysPost: 'add' } },
];

/** A null value under the reading: left out of the answer, or sent as xsi:nil. */
export function nullValue(readings: NmbrsReadings): null | undefined {
	return readings.nullElements === 'nil' ? null : undefined;
}

/**
 * The Nmbrs operations of the API user template that TimeChimp's own Nmbrs integration tells
 * users to create ("How to connect Nmbrs with TimeChimp"): what most users already have.
 */
export const TIMECHIMP_TEMPLATE_OPERATIONS = [
	'CompanyService.List_GetAll',
	'CompanyService.HourModel_GetHourCodes',
	'CompanyService.HourModel2_GetHourCodes',
	'EmployeeService.Contract_GetAll_AllEmployeesByCompany',
	'EmployeeService.PersonalInfo_GetAll_AllEmployeesByCompany',
	'EmployeeService.HourComponentVar_Insert_Batch',
	'EmployeeService.DaysVar_Set_Batch',
	'EmployeeService.HourComponentVar_Get',
];
