// Configuration of the emulated Nmbrs identity service and REST gateway.

/** Every scope the REST routes of the emulator check, plus offline_access. */
export const DEFAULT_GRANTED_SCOPES = [
	'offline_access',
	'company.info.read',
	'company.payrollsettings.read',
	'employee.info.read',
	'employee.employment.read',
	'employee.payment.read',
	'employee.payment',
];

export interface RestConfig {
	clientId: string;
	clientSecret: string;
	/** Primary key of the developer-portal subscription. */
	subscriptionKey: string;
	secondarySubscriptionKey: string;
	accessTokenTtlSeconds: number;
	/** Refresh tokens live 30 days (one third-party source; unverified). */
	refreshTokenTtlSeconds: number;
	/** true: each refresh returns a new refresh token and the used one dies; false: omitted, old one keeps working. */
	rotateRefreshTokens: boolean;
	/** Scopes the app registration is granted; requesting any other fails the authorize request. */
	grantedScopes: string[];
	/** Registered redirect URLs; undefined = any absolute URL. */
	redirectUris?: string[];
	maxPageSize: number;
	/** 0 = off; else more than this many /api calls in any 1 s window get 429. */
	ratePerSecond: number;
	/** The login sees more than one debtor: GET /api/companies answers 403 ForbiddenMultiDebtor. */
	multiDebtor: boolean;
}

export const DEFAULT_REST_CONFIG: RestConfig = {
	clientId: 'PartnerApp_n8n_demo',
	clientSecret: 'demo-client-secret',
	subscriptionKey: 'demo-subscription-key',
	secondarySubscriptionKey: 'demo-subscription-key-2',
	accessTokenTtlSeconds: 3600,
	refreshTokenTtlSeconds: 30 * 24 * 3600,
	rotateRefreshTokens: true,
	grantedScopes: DEFAULT_GRANTED_SCOPES,
	redirectUris: undefined,
	maxPageSize: 100,
	ratePerSecond: 0,
	multiDebtor: false,
};

export function mergeRestConfig(base: RestConfig, partial: Partial<RestConfig> = {}): RestConfig {
	const out = { ...base };
	for (const [k, v] of Object.entries(partial))
		if (v !== undefined || k === 'redirectUris') (out as Record<string, unknown>)[k] = v;
	out.grantedScopes = [...out.grantedScopes];
	return out;
}
