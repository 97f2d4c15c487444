// The errors of the payroll domain, whichever backend (SOAP today, REST later) raised them.

/** Which Nmbrs API answered; the REST API's HTTP status is kept for the user's message. */
export type FaultSource = { api: 'soap' } | { api: 'rest'; status: number };

/**
 * Nmbrs answered with an error: the request was NOT applied. `code` is Nmbrs' SOAP error code;
 * a REST answer is given the SOAP code of the same meaning (401 → 1001, 403 → 1002, …) so that
 * every rule that depends on it (degrading on 1002, protected periods) holds on both APIs.
 */
export class NmbrsFault extends Error {
	constructor(
		readonly code: number | undefined,
		readonly nmbrsMessage: string,
		readonly operation: string,
		readonly source: FaultSource = { api: 'soap' },
	) {
		super(code === undefined ? `Nmbrs: ${nmbrsMessage}` : `Nmbrs ${code}: ${nmbrsMessage}`);
		this.name = 'NmbrsFault';
	}
}

/**
 * No usable answer (network error, timeout, HTTP 5xx without an Nmbrs fault). For a write,
 * the outcome is unknown: it may or may not have been applied.
 */
export class NmbrsTransportError extends Error {
	constructor(
		message: string,
		readonly operation: string,
		readonly httpCode?: number,
	) {
		super(message);
		this.name = 'NmbrsTransportError';
	}
}

/** Nmbrs 1002: the API user template does not allow the operation. Optional reads degrade on it. */
export function isNotAllowed(error: unknown): error is NmbrsFault {
	return error instanceof NmbrsFault && error.code === 1002;
}

/** Codes Nmbrs (or clients' reports of it) uses for a write into a protected period. */
export const PROTECTED_PERIOD_CODES: ReadonlySet<number> = new Set([2011, 9999]);

/**
 * Nmbrs refused a batch that held only rows with negative hours (corrections that lower a
 * total). Whether Nmbrs accepts negative hours is undocumented; if it does not, Correction
 * Lines can never lower a total. Nothing was written: those batches go first.
 */
export class NegativeHoursRefused extends Error {
	constructor(readonly fault: NmbrsFault) {
		super(fault.message);
		this.name = 'NegativeHoursRefused';
	}
}

/** Nmbrs refused to delete an hour row in a past (unprotected) period, in Replace Rows mode. */
export class PastDeleteRefused extends Error {
	constructor(readonly fault: NmbrsFault) {
		super(fault.message);
		this.name = 'PastDeleteRefused';
	}
}

/** The export would lower totals by more than the user allowed: stopped before any write. */
export class DecreaseLimitExceeded extends Error {
	constructor(
		readonly decrease: Decrease,
		readonly limit: number,
	) {
		super(`Totals would drop by ${decrease.hundredths} hundredths, more than ${limit}`);
		this.name = 'DecreaseLimitExceeded';
	}
}

/** How much an export lowers totals: hours taken out of Nmbrs. */
export interface Decrease {
	hundredths: number;
	employees: number;
	hourCodes: number[];
}
