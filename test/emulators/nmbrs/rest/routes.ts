// The REST endpoints of the emulator, on the same NmbrsState as the SOAP operations.
// Each route names the scopes that allow it (any one of them) and runs synchronously.
import { isBefore, isValidPeriod } from '../periods';
import type { NmbrsReadings } from '../readings';
import type {
	CompanyRecord,
	EmployeeRecord,
	HourRowRecord,
	NmbrsState,
	PersonalInfoRecord,
} from '../state';
import { currentPersonalInfo } from '../state';
import type { RestConfig } from './config';
import { guidOf, parseGuid } from './ids';
import { paginate } from './paging';
import { RestError } from './problem';

export interface RestUser {
	username: string;
	/** Company ids the user sees; undefined = all. */
	companyIds?: string[];
}

export interface RouteCtx {
	state: NmbrsState;
	readings: NmbrsReadings;
	config: RestConfig;
	user: RestUser;
	params: Record<string, string>;
	/** The request URL with the origin the client used (for page links). */
	url: URL;
	body: unknown;
}

export interface RouteResult {
	status: number;
	/** undefined = no body. */
	body?: unknown;
}

export interface RouteDef {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** e.g. '/api/employees/{employeeId}/variablehours'; also the operation name in the call log. */
	template: string;
	/** Any one of these scopes allows the call; [] = any valid token. */
	scopes: string[];
	run(ctx: RouteCtx): RouteResult;
}

/** A read scope is also satisfied by its write scope ('employee.payment' covers '.read'). */
function read(scope: string): string[] {
	return [scope, scope.replace(/\.read$/, '')];
}

// --- lookups ----------------------------------------------------------------------------

function visible(user: RestUser, companyId: number): boolean {
	return user.companyIds === undefined || user.companyIds.includes(String(companyId));
}

function debtorIdOf(state: NmbrsState, c: CompanyRecord): number {
	return c.debtorId ?? state.debtors[0]?.id ?? 0;
}

function companyOf(ctx: RouteCtx): CompanyRecord {
	const raw = ctx.params.companyId;
	const id = parseGuid('company', raw);
	const company = id === undefined ? undefined : ctx.state.companies.get(id);
	if (!company) throw new RestError(404, 'CompanyNotFound', `Company ${raw} not found`);
	if (!visible(ctx.user, company.id))
		throw new RestError(403, 'Forbidden', `No access to company ${raw}`);
	return company;
}

function employeeOf(ctx: RouteCtx): { employee: EmployeeRecord; company: CompanyRecord } {
	const raw = ctx.params.employeeId;
	const id = parseGuid('employee', raw);
	const employee = id === undefined ? undefined : ctx.state.employees.get(id);
	const company = employee && ctx.state.companies.get(employee.companyId);
	if (!employee || !company)
		throw new RestError(404, 'EmployeeNotFound', `Employee ${raw} not found`);
	if (!visible(ctx.user, company.id))
		throw new RestError(403, 'Forbidden', `No access to employee ${raw}`);
	return { employee, company };
}

function employeesOf(ctx: RouteCtx, company: CompanyRecord): EmployeeRecord[] {
	const q = ctx.url.searchParams;
	const onlyId = q.get('employeeId');
	const type = q.get('employeeType');
	return [...ctx.state.employees.values()]
		.filter((e) => e.companyId === company.id)
		.filter((e) => !onlyId || guidOf('employee', e.id) === onlyId.toLowerCase())
		.filter((e) => !type || type === 'payroll')
		.sort((a, b) => a.number - b.number);
}

// --- values -----------------------------------------------------------------------------

function nullIfEmpty(s: string): string | null {
	return s === '' ? null : s;
}

function basicInfo(e: EmployeeRecord, p: PersonalInfoRecord) {
	return {
		employeeNumber: e.number,
		firstName: p.firstName,
		firstNameInFull: p.firstName,
		prefix: nullIfEmpty(p.prefix),
		initials: p.firstName ? `${p.firstName[0]}.` : null,
		lastName: p.lastName,
		employeeType: 'payroll',
	};
}

function queryInt(ctx: RouteCtx, name: string, required: boolean): number | undefined {
	const raw = ctx.url.searchParams.get(name);
	if (raw === null || raw === '') {
		if (required) throw new RestError(400, 'InvalidPeriod', `Query parameter ${name} is required`);
		return undefined;
	}
	if (!/^-?\d+$/.test(raw.trim()))
		throw new RestError(400, 'InvalidPeriod', `${name} must be an integer, got '${raw}'`);
	return Number(raw);
}

function queryPeriod(ctx: RouteCtx, company: CompanyRecord): { year: number; period: number } {
	const year = queryInt(ctx, 'year', true) as number;
	const period = queryInt(ctx, 'period', true) as number;
	if (!isValidPeriod(company.periodType, year, period))
		throw new RestError(
			400,
			'InvalidPeriod',
			`${year}-${period} is not a valid period for period type ${company.periodType}`,
		);
	return { year, period };
}

function bodyObject(ctx: RouteCtx): Record<string, unknown> {
	const b = ctx.body;
	if (typeof b !== 'object' || b === null || Array.isArray(b))
		throw new RestError(400, 'InvalidRequest', 'The request body must be a JSON object');
	return b as Record<string, unknown>;
}

/** Hours as exact hundredths: a JSON number with at most 2 decimals (float noise is rounded away). */
function hundredthsOf(v: unknown): number {
	if (typeof v !== 'number' || !Number.isFinite(v))
		throw new RestError(400, 'InvalidHours', `hours must be a number, got ${JSON.stringify(v)}`);
	const h = Math.round(v * 100);
	if (Math.abs(v * 100 - h) > 1e-6)
		throw new RestError(400, 'InvalidHours', `hours ${v} has more than 2 decimals`);
	return Object.is(h, -0) ? 0 : h;
}

function hourCodeOf(v: unknown, company: CompanyRecord): number {
	if (typeof v !== 'number' || !Number.isInteger(v))
		throw new RestError(
			400,
			'InvalidHourCode',
			`hourCode must be an integer, got ${JSON.stringify(v)}`,
		);
	if (
		!company.hourModel1.some((h) => h.code === v) &&
		!company.hourModel2.some((h) => h.code === v)
	)
		throw new RestError(
			400,
			'InvalidHourCode',
			`Hour code ${v} is not in the company's hour models`,
		);
	return v;
}

function commentOf(v: unknown): string | undefined {
	if (v === undefined) return undefined;
	if (v === null) return '';
	if (typeof v !== 'string')
		throw new RestError(
			400,
			'InvalidRequest',
			`comment must be a string, got ${JSON.stringify(v)}`,
		);
	return v;
}

function noCostObject(body: Record<string, unknown>): void {
	for (const k of ['costCenterId', 'costUnitId'])
		if (body[k] !== undefined && body[k] !== null)
			throw new RestError(
				400,
				k === 'costCenterId' ? 'CostCenterNotFound' : 'CostUnitNotFound',
				`${k} ${String(body[k])} not found (the emulator's companies have none)`,
			);
}

interface Target {
	year: number;
	period: number;
	unprotected: boolean;
	/** Whether the body named a period. */
	explicit: boolean;
}

/** periodDetails → target period; none = the company's current period. */
function targetOf(body: Record<string, unknown>, company: CompanyRecord): Target {
	const d = body.periodDetails;
	if (d === undefined || d === null)
		return {
			year: company.currentYear,
			period: company.currentPeriod,
			unprotected: false,
			explicit: false,
		};
	if (typeof d !== 'object' || Array.isArray(d))
		throw new RestError(400, 'InvalidRequest', 'periodDetails must be an object');
	const details = d as Record<string, unknown>;
	const u = details.unprotectedMode;
	if (u !== undefined && u !== null && typeof u !== 'boolean')
		throw new RestError(400, 'InvalidRequest', 'periodDetails.unprotectedMode must be a boolean');
	const unprotected = u === true;
	const p = details.period;
	if (p === undefined || p === null)
		return {
			year: company.currentYear,
			period: company.currentPeriod,
			unprotected,
			explicit: false,
		};
	const { year, period } = (typeof p === 'object' ? p : {}) as Record<string, unknown>;
	if (typeof year !== 'number' || typeof period !== 'number')
		throw new RestError(400, 'InvalidPeriod', 'periodDetails.period needs numeric year and period');
	return { year, period, unprotected, explicit: true };
}

function lockedRunCovering(
	state: NmbrsState,
	company: CompanyRecord,
	year: number,
	period: number,
) {
	return state.runs.find(
		(r) =>
			r.companyId === company.id &&
			r.isLocked &&
			r.year === year &&
			period >= r.periodStart &&
			period <= r.periodEnd,
	);
}

/** Period validity, then protected mode, then locked runs (reading restLockedRuns). */
function checkWritable(
	ctx: RouteCtx,
	company: CompanyRecord,
	year: number,
	period: number,
	unprotected: boolean,
): void {
	if (!isValidPeriod(company.periodType, year, period))
		throw new RestError(
			400,
			'InvalidPeriod',
			`${year}-${period} is not a valid period for period type ${company.periodType}`,
		);
	const current = { year: company.currentYear, period: company.currentPeriod };
	if (!unprotected && isBefore(year, period, current))
		throw new RestError(
			400,
			'ProtectedPeriod',
			`${year}-${period} lies before the current period ${current.year}-${current.period}; set periodDetails.unprotectedMode to change the past`,
		);
	checkLocked(ctx, company, year, period, unprotected);
}

function checkLocked(
	ctx: RouteCtx,
	company: CompanyRecord,
	year: number,
	period: number,
	unprotected: boolean,
): void {
	const reading = ctx.readings.restLockedRuns;
	if (reading === 'allow') return;
	const run = lockedRunCovering(ctx.state, company, year, period);
	if (run && (reading === 'refuseAlways' || !unprotected))
		throw new RestError(
			400,
			'LockedRun',
			`${year}-${period} is covered by locked payroll run ${guidOf('run', run.id)}`,
		);
}

function checkSign(ctx: RouteCtx, value: number, code: 'InvalidHours' | 'InvalidDays'): void {
	if (value < 0 && ctx.readings.restNegativeHours === 'refused')
		throw new RestError(
			400,
			code,
			`${code === 'InvalidHours' ? 'hours' : 'days'} must not be negative`,
		);
}

function descriptionOf(company: CompanyRecord, code: number): string | null {
	return (
		company.hourModel1.find((h) => h.code === code)?.description ??
		company.hourModel2.find((h) => h.code === code)?.description ??
		null
	);
}

function hourRowOf(ctx: RouteCtx, employee: EmployeeRecord, raw: unknown): HourRowRecord {
	const id = parseGuid('hour', raw);
	const row = ctx.state.hourRows.find((r) => r.id === id && r.employeeId === employee.id);
	if (!row)
		throw new RestError(404, 'HourComponentNotFound', `Hour component ${String(raw)} not found`);
	return row;
}

const paged = <T>(ctx: RouteCtx, items: T[]): RouteResult => ({
	status: 200,
	body: paginate(items, ctx.url, ctx.config.maxPageSize),
});

function companyItem(state: NmbrsState, c: CompanyRecord) {
	return {
		companyId: guidOf('company', c.id),
		number: String(c.number),
		name: c.name,
		debtorId: guidOf('debtor', debtorIdOf(state, c)),
	};
}

function visibleCompanies(ctx: RouteCtx): CompanyRecord[] {
	return [...ctx.state.companies.values()]
		.filter((c) => visible(ctx.user, c.id))
		.sort((a, b) => a.number - b.number);
}

/** Debtors of the login; under multiDebtor a second (empty) debtor if the state has only one. */
function debtorsOf(ctx: RouteCtx) {
	const list = [...ctx.state.debtors];
	if (ctx.config.multiDebtor && list.length < 2)
		list.push({ id: 31002, number: 2, name: 'De Zon Beheer B.V.' });
	return list;
}

// --- routes -----------------------------------------------------------------------------

export const ROUTES: RouteDef[] = [
	{
		method: 'GET',
		template: '/api/user/info',
		scopes: [],
		run: (ctx) =>
			paged(ctx, [
				{
					userId: guidOf('user', 1),
					username: ctx.user.username,
					name: ctx.user.username.split('@')[0],
				},
			]),
	},
	{
		method: 'GET',
		template: '/api/debtors',
		scopes: read('company.info.read'),
		run: (ctx) =>
			paged(
				ctx,
				debtorsOf(ctx).map((d) => ({
					debtorId: guidOf('debtor', d.id),
					number: String(d.number),
					name: d.name,
				})),
			),
	},
	{
		method: 'GET',
		template: '/api/companies',
		scopes: read('company.info.read'),
		run: (ctx) => {
			if (ctx.config.multiDebtor)
				throw new RestError(
					403,
					'ForbiddenMultiDebtor',
					'This login has access to more than one debtor; use GET /api/debtors/{debtorId}/companies',
					'ForbiddenMultiDebtor.',
				);
			return paged(
				ctx,
				visibleCompanies(ctx).map((c) => companyItem(ctx.state, c)),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/debtors/{debtorId}/companies',
		scopes: read('company.info.read'),
		run: (ctx) => {
			const raw = ctx.params.debtorId;
			const id = parseGuid('debtor', raw);
			if (id === undefined || !debtorsOf(ctx).some((d) => d.id === id))
				throw new RestError(404, 'DebtorNotFound', `Debtor ${raw} not found`);
			return paged(
				ctx,
				visibleCompanies(ctx)
					.filter((c) => debtorIdOf(ctx.state, c) === id)
					.map((c) => companyItem(ctx.state, c)),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/companies/{companyId}/period',
		scopes: read('company.info.read'),
		run: (ctx) => {
			const c = companyOf(ctx);
			const value = { year: c.currentYear, period: c.currentPeriod };
			return ctx.readings.restPeriodShape === 'plain'
				? { status: 200, body: value }
				: paged(ctx, [value]);
		},
	},
	{
		method: 'GET',
		template: '/api/companies/{companyId}/hourcodes',
		scopes: read('company.payrollsettings.read'),
		run: (ctx) => {
			const c = companyOf(ctx);
			const byCode = new Map<number, string>();
			for (const h of [...c.hourModel1, ...c.hourModel2])
				if (!byCode.has(h.code)) byCode.set(h.code, h.description);
			return paged(
				ctx,
				[...byCode]
					.sort((a, b) => a[0] - b[0])
					.map(([code, description]) => ({ code, description })),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/companies/{companyId}/runs',
		scopes: read('company.info.read'),
		run: (ctx) => {
			const c = companyOf(ctx);
			const year = queryInt(ctx, 'year', false);
			const runs = ctx.state.runs
				.filter((r) => r.companyId === c.id && (year === undefined || r.year === year))
				.sort((a, b) => a.year - b.year || a.number - b.number);
			return paged(
				ctx,
				runs.map((r) => ({
					payrollRunId: guidOf('run', r.id),
					number: r.number,
					description: r.description,
					year: r.year,
					period: r.periodStart,
					createdAt: r.runAt,
					type: 'regular',
					locked: r.isLocked,
				})),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/companies/{companyId}/employees',
		scopes: read('employee.info.read'),
		run: (ctx) => {
			const c = companyOf(ctx);
			return paged(
				ctx,
				employeesOf(ctx, c).map((e) => ({
					employeeId: guidOf('employee', e.id),
					employeeBasicInfo: basicInfo(e, currentPersonalInfo(e)),
				})),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/companies/{companyId}/employees/personalinfo',
		scopes: read('employee.info.read'),
		run: (ctx) => {
			const c = companyOf(ctx);
			return paged(
				ctx,
				employeesOf(ctx, c).map((e) => ({
					employeeId: guidOf('employee', e.id),
					// Same records, same (deliberately non-chronological) order as the SOAP reads. Never a BSN.
					info: e.personalInfos.map((p) => ({
						personalInfoId: guidOf('personalInfo', p.id),
						basicInfo: basicInfo(e, p),
						birthInfo: {
							birthDate: null,
							birthCountry: { codeISO: 'NL', description: 'Nederland' },
							nationality: { codeISO: 'NL', description: 'Nederlandse' },
							gender: null,
						},
						contactInfo: {
							privateEmail: null,
							businessEmail: nullIfEmpty(p.emailWork),
							businessPhone: null,
							businessMobilePhone: null,
							privatePhone: null,
							privateMobilePhone: null,
							otherPhone: null,
						},
						partnerInfo: { partnerPrefix: null, partnerName: null },
						period: { year: p.startYear, period: p.startPeriod },
						createdAt: p.creationDate,
					})),
				})),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/companies/{companyId}/employees/contracts',
		scopes: read('employee.employment.read'),
		run: (ctx) => {
			const c = companyOf(ctx);
			return paged(
				ctx,
				employeesOf(ctx, c).map((e) => ({
					employeeId: guidOf('employee', e.id),
					contracts: e.contracts.map((k) => ({
						contractId: guidOf('contract', k.id),
						startDate: k.startDate,
						endDate: nullIfEmpty(k.endDate),
						indefinite: k.endDate === '',
						trialPeriod: false,
						writtenContract: true,
						hoursPerWeek: 40,
						createdAt: k.creationDate,
					})),
				})),
			);
		},
	},
	{
		method: 'GET',
		template: '/api/employees/{employeeId}/variablehours',
		scopes: read('employee.payment.read'),
		run: (ctx) => {
			const { employee, company } = employeeOf(ctx);
			const { year, period } = queryPeriod(ctx, company);
			const from = ctx.url.searchParams.get('createdFrom');
			const fromMs = from ? Date.parse(from) : undefined;
			if (fromMs !== undefined && Number.isNaN(fromMs))
				throw new RestError(400, 'InvalidRequest', `createdFrom '${from}' is not a date-time`);
			const rows = ctx.state
				.hourRowsOf(employee.id, year, period)
				.filter((r) => fromMs === undefined || Date.parse(r.createdAt ?? '') >= fromMs);
			return paged(
				ctx,
				rows.map((r) => ({
					hourComponentId: guidOf('hour', r.id),
					hourCode: r.hourCode,
					hourCodeDescription: descriptionOf(company, r.hourCode),
					hours: r.hundredths / 100,
					costCenterId: null,
					costUnitId: null,
					comment: nullIfEmpty(r.comment),
					createdAt: r.createdAt ?? null,
				})),
			);
		},
	},
	{
		method: 'POST',
		template: '/api/employees/{employeeId}/variablehours',
		scopes: ['employee.payment'],
		run: (ctx) => {
			const { employee, company } = employeeOf(ctx);
			const body = bodyObject(ctx);
			const hundredths = hundredthsOf(body.hours);
			const code = hourCodeOf(body.hourCode, company);
			const comment = commentOf(body.comment) ?? '';
			noCostObject(body);
			const t = targetOf(body, company);
			checkWritable(ctx, company, t.year, t.period, t.unprotected);
			checkSign(ctx, hundredths, 'InvalidHours');
			const id = ctx.state.insertHourRow({
				employeeId: employee.id,
				year: t.year,
				period: t.period,
				hourCode: code,
				hundredths,
				rawHours: String(body.hours),
				comment,
			});
			return ctx.readings.restPostReturnsId
				? { status: 201, body: { hourComponentId: guidOf('hour', id) } }
				: { status: 204 };
		},
	},
	{
		method: 'PUT',
		template: '/api/employees/{employeeId}/variablehours',
		scopes: ['employee.payment'],
		run: (ctx) => {
			const { employee, company } = employeeOf(ctx);
			const body = bodyObject(ctx);
			if (body.hourComponentId === undefined || body.hourComponentId === null)
				throw new RestError(400, 'InvalidRequest', 'hourComponentId is required');
			const row = hourRowOf(ctx, employee, body.hourComponentId);
			const t = targetOf(body, company);
			// The id names the row; a period in the body must be the row's own (rows do not move).
			if (t.explicit && (t.year !== row.year || t.period !== row.period))
				throw new RestError(
					404,
					'HourComponentNotFound',
					`Hour component ${String(body.hourComponentId)} is not in period ${t.year}-${t.period}`,
				);
			const hundredths = body.hours === undefined ? row.hundredths : hundredthsOf(body.hours);
			const code = body.hourCode === undefined ? row.hourCode : hourCodeOf(body.hourCode, company);
			const comment = commentOf(body.comment);
			noCostObject(body);
			checkWritable(ctx, company, row.year, row.period, t.unprotected);
			checkSign(ctx, hundredths, 'InvalidHours');
			Object.assign(row, {
				hourCode: code,
				hundredths,
				rawHours: body.hours === undefined ? row.rawHours : String(body.hours),
				comment: comment ?? row.comment,
			});
			return { status: 204 };
		},
	},
	{
		method: 'DELETE',
		template: '/api/employees/{employeeId}/hours/{hourComponentId}',
		scopes: ['employee.payment'],
		run: (ctx) => {
			const { employee, company } = employeeOf(ctx);
			const row = hourRowOf(ctx, employee, ctx.params.hourComponentId);
			// No unprotectedMode on DELETE: a past row under pastDeleteRefused, or a row in a
			// locked run (unless restLockedRuns 'allow'), cannot be deleted.
			const current = { year: company.currentYear, period: company.currentPeriod };
			if (ctx.readings.pastDeleteRefused && isBefore(row.year, row.period, current))
				throw new RestError(
					400,
					'ProtectedPeriod',
					`${row.year}-${row.period} lies before the current period ${current.year}-${current.period}`,
				);
			checkLocked(ctx, company, row.year, row.period, false);
			ctx.state.hourRows.splice(ctx.state.hourRows.indexOf(row), 1);
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		template: '/api/employees/{employeeId}/variabledays',
		scopes: read('employee.payment.read'),
		run: (ctx) => {
			const { employee, company } = employeeOf(ctx);
			const { year, period } = queryPeriod(ctx, company);
			return paged(
				ctx,
				ctx.state.dayEntriesOf(employee.id, year, period).map((d) => ({
					days: d.days,
					daysForWageComponentsPerDay: d.daysForWageComponentsPerDay,
				})),
			);
		},
	},
	{
		method: 'POST',
		template: '/api/employees/{employeeId}/variabledays',
		scopes: ['employee.payment'],
		run: (ctx) => {
			const { employee, company } = employeeOf(ctx);
			const body = bodyObject(ctx);
			const days = body.days;
			if (typeof days !== 'number' || !Number.isInteger(days))
				throw new RestError(
					400,
					'InvalidDays',
					`days must be an integer, got ${JSON.stringify(days)}`,
				);
			const perDay = body.daysForWageComponentsPerDay;
			if (
				perDay !== undefined &&
				perDay !== null &&
				(typeof perDay !== 'number' || !Number.isInteger(perDay))
			)
				throw new RestError(400, 'InvalidDays', 'daysForWageComponentsPerDay must be an integer');
			const t = targetOf(body, company);
			checkWritable(ctx, company, t.year, t.period, t.unprotected);
			checkSign(ctx, days, 'InvalidDays');
			const write = ctx.readings.restVariableDaysPost === 'add' ? 'addDays' : 'setDays';
			ctx.state[write](employee.id, t.year, t.period, days, (perDay as number | undefined) ?? null);
			return { status: 204 };
		},
	},
];

interface CompiledRoute {
	def: RouteDef;
	pattern: RegExp;
	names: string[];
}

const COMPILED: CompiledRoute[] = ROUTES.map((def) => {
	const names: string[] = [];
	const source = def.template.replace(/\{(\w+)\}/g, (_m, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { def, names, pattern: new RegExp(`^${source}/?$`, 'i') };
});

/** The route for method + path, or whether the path exists under another method (405). */
export function matchRoute(
	method: string,
	pathname: string,
): { def: RouteDef; params: Record<string, string> } | { pathKnown: boolean } {
	let pathKnown = false;
	for (const r of COMPILED) {
		const m = r.pattern.exec(pathname);
		if (!m) continue;
		if (r.def.method !== method) {
			pathKnown = true;
			continue;
		}
		const params: Record<string, string> = {};
		r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
		return { def: r.def, params };
	}
	return { pathKnown };
}
