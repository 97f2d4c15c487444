// What Nmbrs error codes mean for an n8n user, and what to do about them, in the node's own words
// (field names as the UI shows them). Used by the node's errors and by the credential test.

export interface FaultGuide {
	/** What happened, in plain words. */
	summary: string;
	/** What the user should do. */
	fix: string;
	/** Which n8n failure cause fits. */
	cause:
		'credential-invalid' | 'configuration-invalid' | 'temporarily-unavailable' | 'rate-limited';
}

const TEMPLATE_FIX =
	'In Nmbrs, open the API user template of the user behind this token and enable the operation named in this message, then run again.';

export const FAULT_GUIDES: Record<number, FaultGuide> = {
	1001: {
		summary: 'Nmbrs did not accept the login (e-mail, API token or domain is wrong)',
		fix: 'Check the Nmbrs credential: the e-mail is the Nmbrs login, the API token comes from Nmbrs → your profile → API token, and the domain is the part before .nmbrs.nl.',
		cause: 'credential-invalid',
	},
	1002: {
		summary: 'The API user template of this Nmbrs user does not allow this operation',
		fix: TEMPLATE_FIX,
		cause: 'configuration-invalid',
	},
	1003: {
		summary: 'This Nmbrs user has no access to this company or debtor',
		fix: 'Give the user rights on the company in Nmbrs (tags and filters on the user), or choose a company the credential can see.',
		cause: 'configuration-invalid',
	},
	1004: {
		summary: 'The Nmbrs environment has no valid subscription',
		fix: 'Contact the Nmbrs administrator of your organisation about the subscription.',
		cause: 'credential-invalid',
	},
	2001: {
		summary: "Nmbrs does not know this hour code in the company's hour models",
		fix: 'Use an hour code from Hour Code → Get Many for this company, or add the code to the hour model in Nmbrs.',
		cause: 'configuration-invalid',
	},
	2003: {
		summary: 'Nmbrs does not know this employee, or the user may not see it',
		fix: 'Check the employee ID or number against Employee → Get Many for this company.',
		cause: 'configuration-invalid',
	},
	2004: {
		summary: 'Nmbrs does not know this company, or the user may not see it',
		fix: 'Pick the company from the list in the Company field, or check the Administration in the credential.',
		cause: 'configuration-invalid',
	},
	2006: {
		summary: "The period does not fit the company's period type",
		fix: 'Use a period that exists for this company: 1–12 for monthly, 1–13 for 4-weekly, 1–52 (or 53) for weekly payroll.',
		cause: 'configuration-invalid',
	},
	2011: {
		summary: "The period is before the company's current period and is protected",
		fix: 'Set Past Periods to "Allow Changes (Unprotected)" if payroll has not been run for it, or to "Book Corrections Into Current Period".',
		cause: 'configuration-invalid',
	},
	2012: {
		summary: 'The wage tax declaration for this period has already been sent',
		fix: 'Book the change into the current period instead (Past Periods → "Book Corrections Into Current Period").',
		cause: 'configuration-invalid',
	},
	9999: {
		summary:
			'Nmbrs reported an unknown error (Nmbrs also uses 9999 for changes to a protected past period)',
		fix: 'If you wrote to a past period, set Past Periods to "Allow Changes (Unprotected)" or "Book Corrections Into Current Period"; otherwise try again later and contact Nmbrs support if it persists.',
		cause: 'temporarily-unavailable',
	},
};

/** Where the REST API means something else by the same code: OAuth2 app, scopes, subscription. */
const REST_GUIDES: Record<number, FaultGuide> = {
	1001: {
		summary: 'Nmbrs did not accept the OAuth2 sign-in or the subscription key',
		fix: 'Open the Nmbrs OAuth2 credential: check the Subscription Key (developer portal → your product subscription) and click Reconnect to sign in to Nmbrs again.',
		cause: 'credential-invalid',
	},
	1002: {
		summary: 'The Nmbrs OAuth2 app or this login may not use this operation',
		fix: 'Add the scope the operation needs to the Scope field of the Nmbrs OAuth2 credential (and to your app in the Nmbrs developer portal), then reconnect. This login must be a debtor-level login.',
		cause: 'configuration-invalid',
	},
};

export function faultGuide(code: number | undefined, api: 'soap' | 'rest' = 'soap'): FaultGuide {
	if (api === 'rest' && code !== undefined && REST_GUIDES[code]) return REST_GUIDES[code];
	return (
		(code !== undefined && FAULT_GUIDES[code]) || {
			summary: 'Nmbrs rejected the request',
			fix: 'Check the message from Nmbrs below; if it persists, contact Nmbrs support with the error code.',
			cause: 'configuration-invalid',
		}
	);
}
