// Stateful Nmbrs SOAP v3 + REST emulator for tests and demos, one state behind both APIs.
// See README.md in this folder.
import type { FaultAction, FaultCall, FaultRule } from './faults';
import { MAX_DELAY_MS } from './faults';
import type { EmulatorHost, NmbrsHttpServer } from './http';
import { startHttpServer } from './http';
import type { ServiceName } from './operations';
import type { RestConfig } from './rest/config';
import { DEFAULT_REST_CONFIG, mergeRestConfig } from './rest/config';
import { guidOf, intOf } from './rest/ids';
import { OAuthStore, type OAuthStats } from './rest/oauth';
import type { DemoIds } from './seed';
import { DEMO_USER, seedDemo } from './seed';
import type { CompanyInput, EmployeeInput, HourRow, NmbrsUserInput } from './state';
import { hourRowView, NmbrsState, parseHundredths } from './state';
import { DEFAULT_READINGS, type NmbrsReadings } from './readings';

export { DEMO_USER } from './seed';
export { guidOf, intOf, GUID_PREFIX, type GuidKind } from './rest/ids';
export { DEFAULT_GRANTED_SCOPES, DEFAULT_REST_CONFIG, type RestConfig } from './rest/config';
export type { OAuthStats } from './rest/oauth';
export type { Problem } from './rest/problem';
export type { DemoIds } from './seed';
export type { FaultAction, FaultCall, FaultRule } from './faults';
export type { ServiceName } from './operations';
export type {
	CompanyInput,
	EmployeeInput,
	HourCodeDef,
	HourRow,
	NmbrsUserInput,
	PersonalInfoInput,
} from './state';
export { formatCurrentPeriod, isoWeeksInYear } from './periods';
export { NmbrsState } from './state';
export {
	DEFAULT_READINGS,
	READING_MATRIX,
	REST_READING_MATRIX,
	TIMECHIMP_TEMPLATE_OPERATIONS,
	type NmbrsReadings,
} from './readings';

export interface NmbrsEmulatorOptions {
	/** Default 0 = a random free port. Always bound to 127.0.0.1. */
	port?: number;
	/** Default 'demo'. */
	seed?: 'demo' | 'empty';
	/** Clock for the demo seed (current periods). Default: new Date(). */
	now?: Date;
	/** Delay added to every SOAP and REST /api call. */
	latencyMs?: number;
	/** Identity service and REST gateway settings; default DEFAULT_REST_CONFIG. */
	rest?: Partial<RestConfig>;
	/** Readings of unverified Nmbrs behaviour (readings.ts); default DEFAULT_READINGS. */
	readings?: Partial<NmbrsReadings>;
}

export interface CallLogEntry {
	/** SOAP service name, or 'rest'. */
	service: string;
	/** SOAP operation, or REST method + route template ('GET /api/employees/{employeeId}/variablehours'). */
	operation: string;
	/** SOAP: the header's Username as sent; REST: the bearer token's user (undefined if no known token). */
	username?: string;
	index: number;
	/** Date.now() when the call arrived. */
	at: number;
	/** REST only: the HTTP status answered (0 = connection reset). */
	status?: number;
}

/** The demo seed's ids as REST GUIDs. */
export interface DemoRestIds {
	companyId: string;
	company4wId: string;
	/** Employee number → employee GUID. */
	employeeIds: Record<number, string>;
}

/** Where authorize() pretends to be redirected to (never contacted). */
export const TEST_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';

export class NmbrsEmulator implements EmulatorHost {
	state = new NmbrsState();
	readings: NmbrsReadings;
	/** Ids of the demo seed (undefined for seed 'empty'). */
	demo?: DemoIds;
	readonly wsdlDownloads: Record<string, number> = {};
	readonly calls: CallLogEntry[] = [];
	latencyMs: number;
	restConfig: RestConfig;
	/** Codes and tokens of the identity service; kept by reset(). */
	readonly oauth = new OAuthStore();
	readonly restRateWindow: number[] = [];
	readonly restUsername: string = DEMO_USER.username;
	private callIndex = 0;
	private faultRule?: FaultRule;
	private readonly timers = new Set<NodeJS.Timeout>();
	private http?: NmbrsHttpServer;

	constructor(private readonly options: NmbrsEmulatorOptions = {}) {
		this.latencyMs = options.latencyMs ?? 0;
		this.readings = { ...DEFAULT_READINGS, ...options.readings };
		this.restConfig = mergeRestConfig(DEFAULT_REST_CONFIG, options.rest);
		this.seed();
	}

	get baseUrl(): string {
		if (!this.http) throw new Error('emulator not started');
		return this.http.baseUrl;
	}

	serviceUrl(service: ServiceName): string {
		return `${this.baseUrl}/soap/v3/${service}.asmx`;
	}

	wsdlUrl(service: ServiceName): string {
		return `${this.serviceUrl(service)}?WSDL`;
	}

	async start(): Promise<this> {
		this.http = await startHttpServer(this, this.options.port ?? 0);
		return this;
	}

	async close(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await this.http?.close();
	}

	/** Base URL of the REST API (the same server): `${baseUrl}/api`. */
	get restApiUrl(): string {
		return `${this.baseUrl}/api`;
	}

	/** Base URL of the identity service: `${baseUrl}/connect`. */
	get identityUrl(): string {
		return `${this.baseUrl}/connect`;
	}

	/**
	 * Re-seeds the state (as POST /_emulator/reset does) and clears the counters. Keeps the
	 * readings, the REST config and every issued code and token.
	 */
	reset(): void {
		this.state = new NmbrsState();
		this.seed();
		this.resetCounters();
	}

	/** API calls being answered now, and the most at once since start or resetCounters(). */
	inFlight = 0;
	mostInFlight = 0;

	callInFlight(done: Promise<void>): void {
		this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
		void done.then(() => this.inFlight--);
	}

	resetCounters(): void {
		this.mostInFlight = this.inFlight;
		for (const k of Object.keys(this.wsdlDownloads)) delete this.wsdlDownloads[k];
		this.calls.length = 0;
		this.callIndex = 0;
		this.restRateWindow.length = 0;
		this.oauth.resetStats();
	}

	/** Changes REST settings; the rest stay as they are. */
	setRestConfig(partial: Partial<RestConfig>): void {
		this.restConfig = mergeRestConfig(this.restConfig, partial);
	}

	/** Live counters of the identity service (cleared by resetCounters()). */
	get oauthStats(): Readonly<OAuthStats> {
		return this.oauth.stats;
	}

	/** Every access token issued so far is expired from now on (refresh tokens stay valid). */
	expireAccessTokens(): void {
		this.oauth.expireAccessTokens();
	}

	/**
	 * Runs the real authorization-code flow over HTTP against this emulator (authorize, then
	 * token with HTTP Basic client auth) and returns the token response. Default scopes: every
	 * granted scope. Does not count as a call in `calls`; does count in oauthStats.
	 */
	async authorize(scopes?: string): Promise<{
		access_token: string;
		refresh_token?: string;
		expires_in: number;
		token_type: string;
		scope: string;
	}> {
		const c = this.restConfig;
		const q = new URLSearchParams({
			client_id: c.clientId,
			redirect_uri: c.redirectUris?.[0] ?? TEST_REDIRECT_URI,
			response_type: 'code',
			scope: scopes ?? c.grantedScopes.join(' '),
			state: 'emulator-authorize',
		});
		const auth = await fetch(`${this.identityUrl}/authorize?${q}`, { redirect: 'manual' });
		const location = auth.headers.get('location');
		if (auth.status !== 302 || !location)
			throw new Error(`authorize: ${auth.status} ${await auth.text()}`);
		const code = new URL(location).searchParams.get('code') ?? '';
		const res = await fetch(`${this.identityUrl}/token`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
			},
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code,
				redirect_uri: q.get('redirect_uri') ?? '',
			}).toString(),
		});
		const text = await res.text();
		if (res.status !== 200) throw new Error(`token: ${res.status} ${text}`);
		return JSON.parse(text);
	}

	/** The demo ids as REST GUIDs (undefined for seed 'empty'). */
	get demoRest(): DemoRestIds | undefined {
		return this.demo ? this.restIds() : undefined;
	}

	/** The demo ids as REST GUIDs; throws for seed 'empty'. */
	restIds(): DemoRestIds {
		if (!this.demo) throw new Error('restIds: the emulator has no demo seed');
		return {
			companyId: guidOf('company', this.demo.companyId),
			company4wId: guidOf('company', this.demo.company4wId),
			employeeIds: Object.fromEntries(
				Object.entries(this.demo.employeeIds).map(([n, id]) => [Number(n), guidOf('employee', id)]),
			),
		};
	}

	/** Switches readings of unverified behaviour; the rest stay as they are. */
	setReadings(readings: Partial<NmbrsReadings>): void {
		this.readings = { ...this.readings, ...readings };
	}

	setFaultRule(rule: FaultRule | undefined): void {
		this.faultRule = rule;
	}

	// --- seeding and inspection -------------------------------------------------------

	addUser(user: NmbrsUserInput): void {
		this.state.addUser(user);
	}

	addCompany(company: CompanyInput): string {
		return this.state.addCompany(company);
	}

	/** companyId: integer id or REST GUID. Returns the integer id (as a string). */
	addEmployee(companyId: string, employee: EmployeeInput): string {
		return this.state.addEmployee(String(intOf(companyId)), employee);
	}

	setCurrentPeriod(companyId: string, year: number, period: number): void {
		this.state.setCurrentPeriod(String(intOf(companyId)), year, period);
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
		return this.state.addRun(String(intOf(companyId)), run);
	}

	hourRows(employeeId?: string, year?: number, period?: number): HourRow[] {
		return this.state
			.hourRowsOf(employeeId === undefined ? undefined : intOf(employeeId), year, period)
			.map(hourRowView);
	}

	/** Seeds a row as if entered by hand in Nmbrs (no validation). Returns its id. */
	addHourRow(
		employeeId: string,
		row: {
			year: number;
			period: number;
			hourCode: number;
			hours: number | string;
			comment?: string;
		},
	): string {
		const employee = intOf(employeeId);
		if (!this.state.employees.has(employee))
			throw new Error(`addHourRow: unknown employee ${employeeId}`);
		const hundredths = parseHundredths(row.hours);
		if (hundredths === undefined) throw new Error(`addHourRow: bad hours ${row.hours}`);
		const id = this.state.insertHourRow({
			employeeId: employee,
			year: row.year,
			period: row.period,
			hourCode: row.hourCode,
			hundredths,
			rawHours: String(row.hours),
			comment: row.comment ?? '',
		});
		return String(id);
	}

	/** Hours per hour code (exact, from hundredths); codes that sum to 0 are left out. */
	totals(employeeId: string, year: number, period: number): Record<number, number> {
		return this.state.totals(intOf(employeeId), year, period);
	}

	daysWorked(employeeId: string, year: number, period: number): number {
		return this.state.getDays(intOf(employeeId), year, period);
	}

	setDaysWorked(employeeId: string, year: number, period: number, days: number): void {
		this.state.setDays(intOf(employeeId), year, period, days);
	}

	// --- EmulatorHost ---------------------------------------------------------------------

	countWsdlDownload(service: ServiceName): void {
		this.wsdlDownloads[service] = (this.wsdlDownloads[service] ?? 0) + 1;
	}

	recordCall(
		service: ServiceName | 'rest',
		operation: string,
		username: string | undefined,
	): CallLogEntry {
		const entry: CallLogEntry = {
			service,
			operation,
			username,
			index: this.callIndex++,
			at: Date.now(),
		};
		this.calls.push(entry);
		return entry;
	}

	faultFor(call: FaultCall): FaultAction | undefined {
		return this.faultRule?.(call);
	}

	/** A bounded delay that close() cancels, so no timer outlives the emulator. */
	sleep(ms: number): Promise<void> {
		const bounded = Math.max(0, Math.min(MAX_DELAY_MS, ms));
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, bounded);
			this.timers.add(t);
		});
	}

	private seed(): void {
		this.demo =
			(this.options.seed ?? 'demo') === 'demo'
				? seedDemo(this.state, this.options.now ?? new Date())
				: undefined;
	}
}

export async function startNmbrsEmulator(opts?: NmbrsEmulatorOptions): Promise<NmbrsEmulator> {
	return new NmbrsEmulator(opts).start();
}
