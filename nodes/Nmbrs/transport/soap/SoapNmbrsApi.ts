import { connectionFailure } from '../../../shared/networkWords';
import { Client } from 'soap';

import { isNotAllowed, NmbrsFault, NmbrsTransportError } from '../../domain/faults';
import { parseFaultString } from './faultString';
import { parseHoursToHundredths } from '../../domain/hours';
import { hundredthsToDecimalText } from './decimal';
import { parsePeriodString } from './periodString';
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
import type { NmbrsApi, PeriodWrite } from '../../app/ports';
import { delay, type NmbrsConnection, type TransportSettings } from '../connection';
import { callOptions, MAX_ANSWER_BYTES, MAX_BULK_ANSWER_BYTES, RefusedAnswer } from './guards';
import { callSlot } from '../fairUse';
import { CLIENT_OPTIONS, loadWsdl } from './wsdlCache';
import { toContracts, toPersonalInfoHistories, list } from './mapping';

type Service = 'CompanyService' | 'EmployeeService';
type Args = Record<string, unknown>;

const NAMESPACE = (service: Service) => `https://api.nmbrs.nl/soap/v3/${service}`;

/**
 * The company-wide personal-info reads, best first. The one without the BSN is preferred; the
 * one with it is what TimeChimp's API user template allows. The mapping drops the BSN either way.
 */
const PERSONAL_INFO_OPERATIONS = [
	'PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany',
	'PersonalInfo_GetAll_AllEmployeesByCompany',
] as const;

export class SoapNmbrsApi implements NmbrsApi {
	private readonly clients = new Map<Service, Promise<Client>>();
	private withoutBsnNotAllowed = false;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(
		private readonly connection: NmbrsConnection,
		private readonly settings: TransportSettings,
	) {
		this.sleep = settings.sleep ?? delay;
	}

	private client(service: Service): Promise<Client> {
		let client = this.clients.get(service);
		if (!client) {
			client = loadWsdl(this.connection.baseUrl, service, this.settings.timeoutMs).then((wsdl) => {
				const c = new Client(
					wsdl,
					`${this.connection.baseUrl}/soap/v3/${service}.asmx`,
					CLIENT_OPTIONS,
				);
				c.addSoapHeader(
					{
						AuthHeaderWithDomain: {
							Username: this.connection.username,
							Token: this.connection.token,
							Domain: this.connection.domain,
						},
					},
					'',
					'tns',
					NAMESPACE(service),
				);
				return c;
			});
			client.catch(() => this.clients.delete(service));
			this.clients.set(service, client);
		}
		return client;
	}

	/** One SOAP call. Reads are retried on transient failures; writes never are. */
	private async call(
		service: Service,
		operation: string,
		args: Args,
		kind: 'read' | 'bulkRead' | 'write',
	): Promise<Args | null> {
		const attempts = kind === 'write' ? 1 : this.settings.readAttempts;
		const timeout = kind === 'bulkRead' ? this.settings.bulkTimeoutMs : this.settings.timeoutMs;
		for (let attempt = 1; ; attempt++) {
			try {
				const client = await this.client(service).catch((error) => {
					throw toNmbrsError(error, `${service} WSDL`);
				});
				const method = (
					client as unknown as Record<string, (a: Args, o: Args) => Promise<[Args | null]>>
				)[`${operation}Async`];
				if (!method)
					throw new NmbrsFault(
						undefined,
						`The ${service} WSDL has no operation ${operation}`,
						operation,
					);
				const release = await callSlot(this.connection.fairUse, this.sleep);
				try {
					const [result] = await method.call(
						client,
						args,
						callOptions(timeout, kind === 'bulkRead' ? MAX_BULK_ANSWER_BYTES : MAX_ANSWER_BYTES),
					);
					return result;
				} finally {
					release();
				}
			} catch (error) {
				const mapped =
					error instanceof NmbrsFault || error instanceof NmbrsTransportError
						? error
						: toNmbrsError(error, operation);
				if (!(mapped instanceof NmbrsTransportError) || attempt >= attempts) throw mapped;
				await this.sleep(this.settings.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
			}
		}
	}

	async checkAccess(): Promise<void> {
		await this.call('CompanyService', 'List_GetAll', {}, 'read');
	}

	async listCompanies(): Promise<Company[]> {
		const result = await this.call('CompanyService', 'List_GetAll', {}, 'read');
		return list(result?.List_GetAllResult, 'Company').map((c) => ({
			id: String(c.ID),
			number: Number(c.Number),
			name: String(c.Name ?? ''),
		}));
	}

	async getCurrentPeriod(companyId: string): Promise<PayrollPeriod> {
		const result = await this.call(
			'CompanyService',
			'Company_GetCurrentPeriod',
			{ CompanyId: Number(companyId) },
			'read',
		);
		return parsePeriodString(String(result?.Company_GetCurrentPeriodResult ?? ''));
	}

	async getHourCodes(companyId: string, model: HourModel): Promise<HourCode[]> {
		const operation = model === 1 ? 'HourModel_GetHourCodes' : 'HourModel2_GetHourCodes';
		const result = await this.call(
			'CompanyService',
			operation,
			{ CompanyId: Number(companyId) },
			'read',
		);
		return list(result?.[`${operation}Result`], 'HourCode').map((h) => ({
			code: Number(h.Code),
			description: String(h.Description ?? ''),
		}));
	}

	async listPayrollRuns(companyId: string, year: number): Promise<PayrollRun[]> {
		const result = await this.call(
			'CompanyService',
			'Run_GetList',
			{ CompanyId: Number(companyId), Year: year },
			'read',
		);
		return list(result?.Run_GetListResult, 'RunInfo').map((r) => ({
			id: String(r.ID),
			number: Number(r.Number),
			year: Number(r.Year),
			periodStart: Number(r.PeriodStart),
			periodEnd: Number(r.PeriodEnd),
			description: typeof r.Description === 'string' ? r.Description : '',
			isLocked: r.IsLocked === true || r.IsLocked === 'true',
		}));
	}

	async getPersonalInfoHistories(companyId: string): Promise<PersonalInfoHistory[]> {
		const [preferred, fallback] = PERSONAL_INFO_OPERATIONS;
		const read = async (operation: string) =>
			toPersonalInfoHistories(
				await this.call('EmployeeService', operation, { CompanyID: Number(companyId) }, 'bulkRead'),
				operation,
			);
		if (!this.withoutBsnNotAllowed) {
			const histories = await read(preferred).catch((error: unknown) => {
				if (!isNotAllowed(error)) return Promise.reject(error);
				this.withoutBsnNotAllowed = true; // not asked again in this session
				return undefined;
			});
			if (histories) return histories;
		}
		return await read(fallback);
	}

	async getContracts(companyId: string): Promise<EmployeeContracts[]> {
		return toContracts(
			await this.call(
				'EmployeeService',
				'Contract_GetAll_AllEmployeesByCompany',
				{ CompanyID: Number(companyId) },
				'bulkRead',
			),
		);
	}

	async getVariableHours(employeeId: string, year: number, period: number): Promise<HourRow[]> {
		// Top-level keys are sent in insertion order: keep the WSDL order.
		const result = await this.call(
			'EmployeeService',
			'HourComponentVar_Get',
			{ EmployeeId: Number(employeeId), Period: period, Year: year },
			'read',
		);
		return list(result?.HourComponentVar_GetResult, 'HourComponent').map((h) => {
			const hundredths = parseHoursToHundredths(h.Hours);
			// Never let an unreadable value into the diff: it would be written back as garbage.
			if (hundredths === undefined)
				throw new NmbrsTransportError(
					`Nmbrs sent hours that could not be read for hour row ${String(h.Id).slice(0, 20)}`,
					'HourComponentVar_Get',
				);
			// Comment: absent when this Nmbrs does not return it (undefined), nil or empty when a row has none ('').
			const comment = typeof h.Comment === 'string' ? h.Comment : 'Comment' in h ? '' : undefined;
			return {
				id: String(h.Id),
				hourCode: Number(h.HourCode),
				hundredths,
				...(comment === undefined ? {} : { comment }),
			};
		});
	}

	async insertVariableHours(rows: NewHourRow[], at: PeriodWrite): Promise<void> {
		const items = rows.map((r) => ({
			EmployeeId: Number(r.employeeId),
			Id: 0,
			HourCode: r.hourCode,
			CostCenterId: null,
			CostUnitId: null,
			Hours: hundredthsToDecimalText(r.hundredths),
			Comment: r.comment,
		}));
		const args = {
			HourComponents: { EmployeeHourComponent: items },
			Period: at.period,
			Year: at.year,
			UnprotectedMode: at.unprotected,
		};
		await this.call('EmployeeService', 'HourComponentVar_Insert_Batch', args, 'write');
	}

	async updateVariableHour(
		employeeId: string,
		row: HourRow,
		comment: string,
		at: PeriodWrite,
	): Promise<void> {
		// EndPeriod/EndYear apply to fixed rows; for a variable row Nmbrs' expectation is unverified,
		// so the row's own period is sent.
		const args = {
			EmployeeId: Number(employeeId),
			Hourcomponent: {
				Id: Number(row.id),
				HourCode: row.hourCode,
				Hours: hundredthsToDecimalText(row.hundredths),
				CostCenterId: null,
				CostUnitId: null,
				Comment: comment,
			},
			EndPeriod: at.period,
			EndYear: at.year,
			UnprotectedMode: at.unprotected,
		};
		await this.call('EmployeeService', 'HourComponent_Update', args, 'write');
	}

	async deleteVariableHour(employeeId: string, rowId: string): Promise<void> {
		await this.call(
			'EmployeeService',
			'HourComponent_Delete',
			{ EmployeeId: Number(employeeId), HourComponentID: Number(rowId) },
			'write',
		);
	}

	async getDaysWorked(employeeId: string, year: number, period: number): Promise<number> {
		const result = await this.call(
			'EmployeeService',
			'DaysVar_Get',
			{ EmployeeId: Number(employeeId), Period: period, Year: year },
			'read',
		);
		return Number(result?.DaysVar_GetResult ?? 0);
	}

	async setDaysWorked(days: DaysWorked[], at: PeriodWrite): Promise<void> {
		const items = days.map((d) => ({
			EmployeeId: Number(d.employeeId),
			Days: d.days,
			Period: at.period,
			Year: at.year,
		}));
		await this.call(
			'EmployeeService',
			'DaysVar_Set_Batch',
			{ EmployeesDaysWorked: { DaysWorked: items }, UnprotectedMode: at.unprotected },
			'write',
		);
	}
}

interface SoapError {
	root?: { Envelope?: { Body?: { Fault?: { faultstring?: string; Reason?: { Text?: string } } } } };
	response?: { status?: number };
	code?: string;
	message?: string;
}

/**
 * Turns whatever the soap/axios stack threw into an NmbrsFault (Nmbrs said no: not applied)
 * or an NmbrsTransportError (no answer: outcome unknown). Only selected fields are copied, so
 * the request (which holds the token) never travels with the error.
 */
export function toNmbrsError(error: unknown, operation: string): NmbrsFault | NmbrsTransportError {
	if (error instanceof RefusedAnswer) {
		// A redirect or a non-SOAP 2xx/4xx is a wrong address: not retried. A 5xx page is a server in trouble.
		const status = error.status ?? 0;
		if (status >= 500) return new NmbrsTransportError(error.message, operation, status);
		return new NmbrsFault(
			undefined,
			`${error.message}: check the Environment (or Base URL) in the credential`,
			operation,
		);
	}
	const e = (error ?? {}) as SoapError;
	const fault = e.root?.Envelope?.Body?.Fault;
	if (fault) {
		const text = String(fault.faultstring ?? fault.Reason?.Text ?? '');
		const { code, message } = parseFaultString(text);
		return new NmbrsFault(code, message, operation);
	}
	const status = e.response?.status;
	if (status !== undefined && status >= 500)
		return new NmbrsTransportError(
			`Nmbrs answered HTTP ${status} without an Nmbrs error`,
			operation,
			status,
		);
	if (status !== undefined && status < 300) {
		// Includes XML with a DTD or entities, which the parser refuses instead of resolving.
		return new NmbrsTransportError(
			'Nmbrs sent an answer that could not be read',
			operation,
			status,
		);
	}
	if (status !== undefined) {
		return new NmbrsFault(
			undefined,
			`HTTP ${status} from Nmbrs: check the Environment (or Base URL) in the credential`,
			operation,
		);
	}
	if (e.code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(e.message ?? '')) {
		return new NmbrsFault(
			undefined,
			'Nmbrs sent an answer larger than this package accepts for one call; check the Environment (or Base URL) in the credential',
			operation,
		);
	}
	const timedOut =
		e.code === 'ECONNABORTED' ||
		e.code === 'ERR_CANCELED' ||
		e.code === 'ETIMEDOUT' ||
		/timeout|aborted/i.test(e.message ?? '');
	const reason = timedOut ? 'timed out' : connectionFailure(e.code, e.message);
	return new NmbrsTransportError(`The connection to Nmbrs ${reason}`, operation);
}
