// SOAP faults as ASMX sends them (reference §7) and the fault-injection vocabulary.

export const NMBRS_ERRORS = {
	1001: 'Invalid Authentication',
	1002: 'Unauthorized Access',
	1003: 'Unauthorized Access',
	2001: 'Invalid hour component',
	2003: 'Unauthorized access / invalid employee',
	2004: 'Unauthorized access / invalid company',
	2006: 'Invalid Period',
	2011: 'Protected mode: changes in the past are not allowed without unprotected mode',
	2046: 'Not found',
	9999: 'Unkown',
} as const;

export type NmbrsErrorCode = keyof typeof NMBRS_ERRORS;

export interface SoapFaultError {
	Fault: { faultcode: string; faultstring: string; detail: string; statusCode: number };
}

/** A business fault: `soap:Server` + "---> NNNN: text", HTTP 500. Thrown from operation handlers. */
export function nmbrsFault(code: NmbrsErrorCode, extra?: string): SoapFaultError {
	const text = extra ? `${NMBRS_ERRORS[code]} (${extra})` : NMBRS_ERRORS[code];
	return {
		Fault: {
			faultcode: 'soap:Server',
			faultstring: `Server was unable to process request. ---> ${code}: ${text}`,
			detail: '',
			statusCode: 500,
		},
	};
}

/** What ASMX answers when the request XML cannot be deserialised (bad int, misplaced element). */
export function readFault(reason: string): SoapFaultError {
	return {
		Fault: {
			faultcode: 'soap:Client',
			faultstring: `Server was unable to read request. ---> There is an error in XML document. ---> ${reason}`,
			detail: '',
			statusCode: 500,
		},
	};
}

export function isSoapFault(err: unknown): err is SoapFaultError {
	return typeof err === 'object' && err !== null && 'Fault' in err;
}

export const INVALID_ACTION_TEXT =
	'Unable to handle request without a valid action parameter. Please supply a valid soap action.';

/** Raw SOAP 1.1 client fault, sent by the HTTP layer before the soap library sees the request. */
export function clientFaultXml(text: string): string {
	const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
		`<soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>${esc}</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`
	);
}

/** Faults a test can inject; every delay is clamped to MAX_DELAY_MS. */
export type FaultAction =
	| { kind: 'latency'; ms: number } // wait, then handle normally
	| { kind: 'http500' } // plain HTML 500, request not applied
	| { kind: 'reset' } // destroy the socket before applying
	| { kind: 'resetAfterApply' } // apply, then destroy the socket: outcome unknown to the client
	| { kind: 'slow'; ms: number } // apply, then delay the response
	| { kind: 'echoFault'; padding?: number } // not applied: a fault whose text echoes the request (token included)
	| { kind: 'http429'; retryAfterSeconds?: number } // not applied: 429 + Retry-After (default 1)
	| { kind: 'http502' } // not applied: bad gateway
	| { kind: 'http503' }; // not applied: service unavailable

export interface FaultCall {
	/** A SOAP service name, or 'rest' for /api calls. */
	service: string;
	/** SOAP operation, or for REST method + route template, e.g. 'GET /api/employees/{employeeId}/variablehours'. */
	operation: string;
	/** 0-based count of SOAP and REST calls since start or resetCounters(). */
	index: number;
	/** SOAP: the Username of the auth header, as sent (not checked yet). REST: the token's user. */
	username?: string;
}

export type FaultRule = (call: FaultCall) => FaultAction | undefined;

export const MAX_DELAY_MS = 120_000;
