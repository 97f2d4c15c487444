// The emulated Nmbrs identity service (identityservice.nmbrs.com): authorization-code grant
// only, auto-approved as the demo user, with optional PKCE, rotating or fixed refresh tokens.
import { createHash, randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { RestConfig } from './config';
import { sendJson } from './problem';

export const CODE_TTL_MS = 5 * 60_000;

export interface OAuthStats {
	authorizationCodes: number;
	refreshes: number;
	refreshFailures: number;
}

interface CodeRecord {
	clientId: string;
	redirectUri: string;
	scopes: string[];
	username: string;
	challenge?: string;
	method?: 'S256' | 'plain';
	expiresAt: number;
	used: boolean;
}

export interface AccessTokenRecord {
	clientId: string;
	username: string;
	scopes: string[];
	expiresAt: number;
}

interface RefreshRecord {
	clientId: string;
	username: string;
	scopes: string[];
	expiresAt: number;
}

/** Token bookkeeping. Lives on the emulator; reset() of the payroll data keeps it. */
export class OAuthStore {
	readonly stats: OAuthStats = { authorizationCodes: 0, refreshes: 0, refreshFailures: 0 };
	private codes = new Map<string, CodeRecord>();
	private access = new Map<string, AccessTokenRecord>();
	private refresh = new Map<string, RefreshRecord>();

	resetStats(): void {
		this.stats.authorizationCodes = 0;
		this.stats.refreshes = 0;
		this.stats.refreshFailures = 0;
	}

	/** Every access token issued so far expires now (refresh tokens stay valid). */
	expireAccessTokens(): void {
		for (const t of this.access.values()) t.expiresAt = 0;
	}

	/** Forgets every code and token. */
	revokeAll(): void {
		this.codes.clear();
		this.access.clear();
		this.refresh.clear();
	}

	/** The record of a valid, unexpired access token. */
	accessToken(token: string | undefined): AccessTokenRecord | undefined {
		const t = token ? this.access.get(token) : undefined;
		return t && t.expiresAt > Date.now() ? t : undefined;
	}

	/** The record of a token even if expired (for the fault rule's username). */
	anyAccessToken(token: string | undefined): AccessTokenRecord | undefined {
		return token ? this.access.get(token) : undefined;
	}

	issueCode(rec: Omit<CodeRecord, 'expiresAt' | 'used'>): string {
		const code = randomToken();
		this.codes.set(code, { ...rec, expiresAt: Date.now() + CODE_TTL_MS, used: false });
		return code;
	}

	takeCode(code: string): CodeRecord | undefined {
		const rec = this.codes.get(code);
		if (!rec || rec.used || rec.expiresAt <= Date.now()) return undefined;
		rec.used = true;
		return rec;
	}

	/** Test hook: ages an issued code (e.g. past its 5-minute life). */
	ageCodes(ms: number): void {
		for (const c of this.codes.values()) c.expiresAt -= ms;
	}

	issueAccess(config: RestConfig, rec: Omit<AccessTokenRecord, 'expiresAt'>): string {
		const token = randomToken();
		this.access.set(token, { ...rec, expiresAt: Date.now() + config.accessTokenTtlSeconds * 1000 });
		return token;
	}

	issueRefresh(config: RestConfig, rec: Omit<RefreshRecord, 'expiresAt'>): string {
		const token = randomToken();
		this.refresh.set(token, {
			...rec,
			expiresAt: Date.now() + config.refreshTokenTtlSeconds * 1000,
		});
		return token;
	}

	refreshRecord(token: string): RefreshRecord | undefined {
		const r = this.refresh.get(token);
		return r && r.expiresAt > Date.now() ? r : undefined;
	}

	dropRefresh(token: string): void {
		this.refresh.delete(token);
	}

	revoke(token: string): void {
		this.access.delete(token);
		this.refresh.delete(token);
	}
}

function randomToken(): string {
	return randomBytes(24).toString('base64url');
}

export interface OAuthDeps {
	config(): RestConfig;
	store: OAuthStore;
	username(): string;
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
	const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
	if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="identityservice"';
	sendJson(res, status, { error, error_description: description }, headers);
}

function text(res: ServerResponse, status: number, body: string): void {
	res.writeHead(status, {
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(body)),
	});
	res.end(body);
}

/** GET /connect/authorize: validates and redirects with a code, no login page. */
export function handleAuthorize(deps: OAuthDeps, url: URL, res: ServerResponse): void {
	const config = deps.config();
	const q = url.searchParams;
	if (q.get('client_id') !== config.clientId) return text(res, 400, 'Unknown client');
	const redirectUri = q.get('redirect_uri') ?? '';
	let redirect: URL;
	try {
		redirect = new URL(redirectUri);
	} catch {
		return text(res, 400, 'Invalid redirect_uri');
	}
	if (config.redirectUris && !config.redirectUris.includes(redirectUri))
		return text(res, 400, 'Invalid redirect_uri');
	if (q.get('response_type') !== 'code') return text(res, 400, 'Unsupported response_type');
	const scopes = (q.get('scope') ?? '').split(/\s+/).filter((s) => s !== '');
	if (scopes.some((s) => !config.grantedScopes.includes(s))) return text(res, 400, 'Invalid scope');
	const challenge = q.get('code_challenge') ?? undefined;
	const methodText = q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
	if (methodText !== undefined && methodText !== 'S256' && methodText !== 'plain')
		return text(res, 400, 'Invalid code_challenge_method');
	if (methodText && !challenge) return text(res, 400, 'code_challenge missing');
	const code = deps.store.issueCode({
		clientId: config.clientId,
		redirectUri,
		scopes,
		username: deps.username(),
		challenge,
		method: methodText as 'S256' | 'plain' | undefined,
	});
	redirect.searchParams.set('code', code);
	redirect.searchParams.set('scope', scopes.join(' '));
	const state = q.get('state');
	if (state !== null) redirect.searchParams.set('state', state);
	res.writeHead(302, { Location: redirect.toString(), 'Content-Length': '0' });
	res.end();
}

function clientOf(
	req: IncomingMessage,
	form: URLSearchParams,
): { id: string; secret: string; basic: boolean } | undefined {
	const auth = req.headers.authorization;
	if (auth && /^basic /i.test(auth)) {
		const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) return undefined;
		const dec = (s: string) => {
			try {
				return decodeURIComponent(s.replace(/\+/g, ' '));
			} catch {
				return s;
			}
		};
		return { id: dec(decoded.slice(0, colon)), secret: dec(decoded.slice(colon + 1)), basic: true };
	}
	const id = form.get('client_id');
	if (id === null) return undefined;
	return { id, secret: form.get('client_secret') ?? '', basic: false };
}

function tokenResponse(
	deps: OAuthDeps,
	rec: { clientId: string; username: string; scopes: string[] },
	refreshToken: string | undefined,
) {
	const config = deps.config();
	const access = deps.store.issueAccess(config, rec);
	return {
		access_token: access,
		expires_in: config.accessTokenTtlSeconds,
		token_type: 'Bearer',
		...(refreshToken ? { refresh_token: refreshToken } : {}),
		scope: rec.scopes.join(' '),
	};
}

function pkceOk(rec: CodeRecord, verifier: string | null): boolean {
	if (!rec.challenge) return true;
	if (!verifier) return false;
	const computed =
		rec.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
	return computed === rec.challenge;
}

/** POST /connect/token, form-urlencoded. */
export function handleToken(
	deps: OAuthDeps,
	req: IncomingMessage,
	body: string,
	res: ServerResponse,
): void {
	const config = deps.config();
	const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
	if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? ''))
		return oauthError(
			res,
			400,
			'invalid_request',
			'Content-Type must be application/x-www-form-urlencoded',
		);
	const form = new URLSearchParams(body);
	const client = clientOf(req, form);
	if (!client || client.id !== config.clientId || client.secret !== config.clientSecret)
		return oauthError(res, 401, 'invalid_client', 'Unknown client or wrong secret');
	const grant = form.get('grant_type');
	if (grant === 'authorization_code') {
		const code = form.get('code') ?? '';
		const rec = deps.store.takeCode(code);
		if (
			!rec ||
			rec.clientId !== client.id ||
			rec.redirectUri !== (form.get('redirect_uri') ?? '') ||
			!pkceOk(rec, form.get('code_verifier'))
		)
			return oauthError(res, 400, 'invalid_grant', 'Invalid, used or expired authorization code');
		deps.store.stats.authorizationCodes++;
		const refresh = rec.scopes.includes('offline_access')
			? deps.store.issueRefresh(config, rec)
			: undefined;
		return sendJson(res, 200, tokenResponse(deps, rec, refresh), noStore);
	}
	if (grant === 'refresh_token') {
		const token = form.get('refresh_token') ?? '';
		const rec = deps.store.refreshRecord(token);
		if (!rec || rec.clientId !== client.id) {
			deps.store.stats.refreshFailures++;
			return oauthError(res, 400, 'invalid_grant', 'Invalid, used or expired refresh token');
		}
		const asked = (form.get('scope') ?? '').split(/\s+/).filter((s) => s !== '');
		if (asked.some((s) => !rec.scopes.includes(s))) {
			deps.store.stats.refreshFailures++;
			return oauthError(res, 400, 'invalid_scope', 'Scope exceeds the original grant');
		}
		const scopes = asked.length ? asked : rec.scopes;
		deps.store.stats.refreshes++;
		let next: string | undefined;
		if (config.rotateRefreshTokens) {
			deps.store.dropRefresh(token);
			next = deps.store.issueRefresh(config, { ...rec, scopes: rec.scopes });
		}
		return sendJson(res, 200, tokenResponse(deps, { ...rec, scopes }, next), noStore);
	}
	return oauthError(
		res,
		400,
		'unsupported_grant_type',
		`grant_type ${grant ?? '(none)'} is not supported`,
	);
}

/** POST /connect/revocation (RFC 7009): always 200. */
export function handleRevocation(
	deps: OAuthDeps,
	req: IncomingMessage,
	body: string,
	res: ServerResponse,
): void {
	const config = deps.config();
	const form = new URLSearchParams(body);
	const client = clientOf(req, form);
	if (!client || client.id !== config.clientId || client.secret !== config.clientSecret)
		return oauthError(res, 401, 'invalid_client', 'Unknown client or wrong secret');
	deps.store.revoke(form.get('token') ?? '');
	res.writeHead(200, { 'Content-Length': '0' });
	res.end();
}
