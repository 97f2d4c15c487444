import type { NmbrsApi, PeriodWrite } from '../../app/ports';
import { NmbrsFault } from '../../domain/faults';
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
} from '../../domain/types';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { Memo } from '../../../shared/memo';
import type { TransportSettings } from '../connection';
import { RestClient } from './client';
import {
	periodOf,
	toCompany,
	toContracts,
	toHourRow,
	toPersonalInfoHistory,
	toRun,
	type Obj,
} from './mapping';
import { isMultiDebtor } from './problems';
import type { RestConnection, RestSend } from './wire';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Per-employee writes in flight at once (Nmbrs' REST API has no batch insert). */
export const REST_WRITE_CONCURRENCY = 5;

/**
 * NmbrsApi on Nmbrs' REST API (the only API after SOAP support ends on 2027-03-01). Ids are
 * GUIDs; a company may also be named by its number, the key both APIs share. Matching and the
 * diff work on employee numbers and hour codes, so an export gives the same result here as on
 * SOAP. Where REST lacks what SOAP had, this says so instead of guessing:
 * - no period type (M/W4/W1): PayrollPeriod.type stays undefined;
 * - one hour-code list: it is hour model 1, model 2 is empty;
 * - no batch insert: one POST per row;
 * - whether POST variabledays sets or adds is unverified: setDaysWorked learns it safely.
 */
export class RestNmbrsApi implements NmbrsApi {
	private readonly client: RestClient;
	private readonly memo = new Memo();
	/** What POST variabledays does, once seen: 'sets' or 'adds' the days. */
	private daysPost: 'sets' | 'adds' | undefined;

	constructor(connection: RestConnection, send: RestSend, settings: TransportSettings) {
		this.client = new RestClient(connection, send, settings);
	}

	async checkAccess(): Promise<void> {
		await this.client.request('GET', '/api/user/info', 'GET /api/user/info', {
			query: { pageNumber: 1, pageSize: 1 },
		});
	}

	listCompanies(): Promise<Company[]> {
		return this.memo.once('companies', async () => {
			const op = 'GET /api/companies';
			// A login that holds several debtors must list companies debtor by debtor.
			const direct = await this.client
				.list<Obj>('/api/companies', op)
				.catch((error: unknown) =>
					error instanceof NmbrsFault &&
					error.source.api === 'rest' &&
					isMultiDebtor(error.source.status, { title: error.nmbrsMessage })
						? undefined
						: Promise.reject(error),
				);
			if (direct) return direct.map(toCompany);
			const debtors = await this.client.list<Obj>('/api/debtors', 'GET /api/debtors');
			const perDebtor = await mapWithConcurrency(debtors, REST_WRITE_CONCURRENCY, (d) =>
				this.client.list<Obj>(
					`/api/debtors/${encodeURIComponent(String(d.debtorId))}/companies`,
					'GET /api/debtors/{debtorId}/companies',
				),
			);
			return perDebtor.flat().map(toCompany);
		});
	}

	/** The company's GUID: given as one, or looked up by company number (the key both APIs share). */
	private async companyGuid(companyId: string): Promise<string> {
		const id = companyId.trim();
		if (GUID.test(id)) return id;
		const companies = await this.listCompanies();
		const found = /^\d+$/.test(id) ? companies.find((c) => c.number === Number(id)) : undefined;
		if (!found)
			throw new NmbrsFault(
				2004,
				`No company with number or id "${id.slice(0, 40)}" is visible to this login`,
				'GET /api/companies',
				{ api: 'rest', status: 404 },
			);
		return found.id;
	}

	private async companyPath(companyId: string, rest: string): Promise<string> {
		return `/api/companies/${encodeURIComponent(await this.companyGuid(companyId))}${rest}`;
	}

	async getCurrentPeriod(companyId: string): Promise<PayrollPeriod> {
		const op = 'GET /api/companies/{companyId}/period';
		const body = await this.client.request('GET', await this.companyPath(companyId, '/period'), op);
		return periodOf(body, op);
	}

	async getHourCodes(companyId: string, model: HourModel): Promise<HourCode[]> {
		// REST has one list of hour codes; it stands for hour model 1.
		if (model === 2) return [];
		const rows = await this.client.list<Obj>(
			await this.companyPath(companyId, '/hourcodes'),
			'GET /api/companies/{companyId}/hourcodes',
		);
		return rows.map((h) => ({ code: Number(h.code), description: String(h.description ?? '') }));
	}

	async listPayrollRuns(companyId: string, year: number): Promise<PayrollRun[]> {
		const rows = await this.client.list<Obj>(
			await this.companyPath(companyId, '/runs'),
			'GET /api/companies/{companyId}/runs',
			{ year },
		);
		return rows.map(toRun);
	}

	async getPersonalInfoHistories(companyId: string): Promise<PersonalInfoHistory[]> {
		const rows = await this.client.list<Obj>(
			await this.companyPath(companyId, '/employees/personalinfo'),
			'GET /api/companies/{companyId}/employees/personalinfo',
			{},
			true,
		);
		return rows.map(toPersonalInfoHistory);
	}

	async getContracts(companyId: string): Promise<EmployeeContracts[]> {
		const rows = await this.client.list<Obj>(
			await this.companyPath(companyId, '/employees/contracts'),
			'GET /api/companies/{companyId}/employees/contracts',
			{},
			true,
		);
		return rows.map(toContracts);
	}

	async getVariableHours(employeeId: string, year: number, period: number): Promise<HourRow[]> {
		const op = 'GET /api/employees/{employeeId}/variablehours';
		const rows = await this.client.list<Obj>(employeePath(employeeId, '/variablehours'), op, {
			year,
			period,
		});
		return rows.map((r) => toHourRow(r, op));
	}

	/**
	 * One POST per row, a few at a time. After a refusal no further row is sent; rows already
	 * sent each moved one total all the way, so totals stay between what Nmbrs had and the input.
	 */
	async insertVariableHours(rows: NewHourRow[], at: PeriodWrite): Promise<void> {
		await mapWithConcurrency(rows, REST_WRITE_CONCURRENCY, async (r) => {
			await this.client.request(
				'POST',
				employeePath(r.employeeId, '/variablehours'),
				'POST /api/employees/{employeeId}/variablehours',
				{
					body: {
						hourCode: r.hourCode,
						hours: r.hundredths / 100,
						comment: r.comment,
						periodDetails: periodDetails(at),
					},
				},
			);
		});
	}

	async updateVariableHour(
		employeeId: string,
		row: HourRow,
		comment: string,
		at: PeriodWrite,
	): Promise<void> {
		await this.client.request(
			'PUT',
			employeePath(employeeId, '/variablehours'),
			'PUT /api/employees/{employeeId}/variablehours',
			{
				body: {
					hourComponentId: row.id,
					hourCode: row.hourCode,
					hours: row.hundredths / 100,
					comment,
					periodDetails: periodDetails(at),
				},
			},
		);
	}

	async deleteVariableHour(employeeId: string, rowId: string): Promise<void> {
		await this.client.request(
			'DELETE',
			employeePath(employeeId, `/hours/${encodeURIComponent(rowId)}`),
			'DELETE /api/employees/{employeeId}/hours/{hourComponentId}',
		);
	}

	async getDaysWorked(employeeId: string, year: number, period: number): Promise<number> {
		const rows = await this.client.list<Obj>(
			employeePath(employeeId, '/variabledays'),
			'GET /api/employees/{employeeId}/variabledays',
			{ year, period },
		);
		// One entry when POST sets the days; one per POST when it adds them: the sum is right for both.
		return rows.reduce((sum, r) => sum + (Number(r.days) || 0), 0);
	}

	/**
	 * Whether POST variabledays sets or adds is unverified, so the days are read first. When
	 * Nmbrs has none, either reading gives the right result; otherwise the value is read back
	 * and, if Nmbrs added instead of setting, corrected at once and the reading remembered.
	 */
	async setDaysWorked(days: DaysWorked[], at: PeriodWrite): Promise<void> {
		await mapWithConcurrency(days, REST_WRITE_CONCURRENCY, async ({ employeeId, days: want }) => {
			const read = () => this.getDaysWorked(employeeId, at.year, at.period);
			const current = await read();
			if (current === want) return;
			await this.postDays(employeeId, this.daysPost === 'adds' ? want - current : want, at);
			if (current === 0 || this.daysPost !== undefined) return;
			const after = await read();
			if (after === want) {
				this.daysPost = 'sets';
				return;
			}
			if (after !== current + want)
				throw new NmbrsFault(
					undefined,
					`The days worked changed while they were written (${current} before, ${after} after writing ${want}): another writer is at work. Run the export again.`,
					'POST /api/employees/{employeeId}/variabledays',
					{ api: 'rest', status: 200 },
				);
			this.daysPost = 'adds';
			await this.postDays(employeeId, want - after, at);
			const fixed = await read();
			if (fixed !== want)
				throw new NmbrsFault(
					undefined,
					`Nmbrs added the days worked instead of setting them and the correction did not land: the period now has ${fixed} days instead of ${want}. Set the days for this employee in Nmbrs.`,
					'POST /api/employees/{employeeId}/variabledays',
					{ api: 'rest', status: 200 },
				);
		});
	}

	private async postDays(employeeId: string, days: number, at: PeriodWrite): Promise<void> {
		await this.client.request(
			'POST',
			employeePath(employeeId, '/variabledays'),
			'POST /api/employees/{employeeId}/variabledays',
			{ body: { days, periodDetails: periodDetails(at) } },
		);
	}
}

function employeePath(employeeId: string, rest: string): string {
	if (!GUID.test(employeeId))
		throw new NmbrsFault(
			2003,
			`Employee id "${employeeId.slice(0, 40)}" is not a REST employee id (a GUID): match employees by number or work e-mail on this API`,
			'employee id',
			{ api: 'rest', status: 400 },
		);
	return `/api/employees/${employeeId}${rest}`;
}

function periodDetails(at: PeriodWrite) {
	return { period: { year: at.year, period: at.period }, unprotectedMode: at.unprotected };
}
