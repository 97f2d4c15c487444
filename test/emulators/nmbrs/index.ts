// Stateful Nmbrs SOAP v3 emulator for tests and demos. See README.md in this folder.
import type { FaultAction, FaultCall, FaultRule } from './faults';
import { MAX_DELAY_MS } from './faults';
import type { EmulatorHost, NmbrsHttpServer } from './http';
import { startHttpServer } from './http';
import type { ServiceName } from './operations';
import type { DemoIds } from './seed';
import { seedDemo } from './seed';
import type { CompanyInput, EmployeeInput, HourRow, NmbrsUserInput } from './state';
import { hourRowView, NmbrsState, parseHundredths } from './state';
import { DEFAULT_READINGS, type NmbrsReadings } from './readings';

export { DEMO_USER } from './seed';
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
	/** Delay added to every SOAP call. */
	latencyMs?: number;
	/** Readings of unverified Nmbrs behaviour (readings.ts); default DEFAULT_READINGS. */
	readings?: Partial<NmbrsReadings>;
}

export interface CallLogEntry {
	service: string;
	operation: string;
	username?: string;
	index: number;
}

export class NmbrsEmulator implements EmulatorHost {
	state = new NmbrsState();
	readings: NmbrsReadings;
	/** Ids of the demo seed (undefined for seed 'empty'). */
	demo?: DemoIds;
	readonly wsdlDownloads: Record<string, number> = {};
	readonly calls: CallLogEntry[] = [];
	latencyMs: number;
	private callIndex = 0;
	private faultRule?: FaultRule;
	private readonly timers = new Set<NodeJS.Timeout>();
	private http?: NmbrsHttpServer;

	constructor(private readonly options: NmbrsEmulatorOptions = {}) {
		this.latencyMs = options.latencyMs ?? 0;
		this.readings = { ...DEFAULT_READINGS, ...options.readings };
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

	/** Re-seeds the state (as POST /_emulator/reset does) and clears the counters. */
	reset(): void {
		this.state = new NmbrsState();
		this.seed();
		this.resetCounters();
	}

	resetCounters(): void {
		for (const k of Object.keys(this.wsdlDownloads)) delete this.wsdlDownloads[k];
		this.calls.length = 0;
		this.callIndex = 0;
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

	addEmployee(companyId: string, employee: EmployeeInput): string {
		return this.state.addEmployee(companyId, employee);
	}

	setCurrentPeriod(companyId: string, year: number, period: number): void {
		this.state.setCurrentPeriod(companyId, year, period);
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
		return this.state.addRun(companyId, run);
	}

	hourRows(employeeId?: string, year?: number, period?: number): HourRow[] {
		return this.state
			.hourRowsOf(employeeId === undefined ? undefined : Number(employeeId), year, period)
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
		if (!this.state.employees.has(Number(employeeId)))
			throw new Error(`addHourRow: unknown employee ${employeeId}`);
		const hundredths = parseHundredths(row.hours);
		if (hundredths === undefined) throw new Error(`addHourRow: bad hours ${row.hours}`);
		const id = this.state.insertHourRow({
			employeeId: Number(employeeId),
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
		return this.state.totals(Number(employeeId), year, period);
	}

	daysWorked(employeeId: string, year: number, period: number): number {
		return this.state.getDays(Number(employeeId), year, period);
	}

	setDaysWorked(employeeId: string, year: number, period: number, days: number): void {
		this.state.setDays(Number(employeeId), year, period, days);
	}

	// --- EmulatorHost ---------------------------------------------------------------------

	countWsdlDownload(service: ServiceName): void {
		this.wsdlDownloads[service] = (this.wsdlDownloads[service] ?? 0) + 1;
	}

	recordCall(service: ServiceName, operation: string, username: string | undefined): number {
		const index = this.callIndex++;
		this.calls.push({ service, operation, username, index });
		return index;
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
