// The SOAP operations the emulator implements, per service. Request element names and
// their order follow the derived WSDLs (reference §4); `params` is checked against the
// request before the handler runs.
import type { Args, OpContext } from './access';
import {
	bool,
	checkHourCode,
	checkHoursSign,
	checkPeriod,
	checkWriteTarget,
	companyFor,
	employeeFor,
	hours,
	int,
	isPastPeriod,
	items,
	list,
	obj,
	str,
} from './access';
import { nmbrsFault } from './faults';
import { formatCurrentPeriod } from './periods';
import { nullValue } from './readings';
import type { CompanyRecord, EmployeeRecord, PersonalInfoRecord } from './state';
import { currentPersonalInfo, displayName, EMPLOYEE_TYPES } from './state';

export type ServiceName = 'CompanyService' | 'EmployeeService' | 'DebtorService';

export interface OperationDef {
	/** Request child elements in schema order. */
	params: string[];
	/** Header the operation expects; default AuthHeaderWithDomain. */
	header?: 'AuthHeader' | 'AuthHeaderWithDomain';
	run(args: Args, ctx: OpContext): unknown;
}

/** ASMX emits decimals with the stored scale; Nmbrs stores hours with 2 decimals. */
function formatHours(hundredths: number): string {
	const sign = hundredths < 0 ? '-' : '';
	const abs = Math.abs(hundredths);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** dateTime as a local time without offset, e.g. 2021-03-01T00:00:00. */
function dateTime(isoDate: string): string | null {
	return isoDate ? (isoDate.length === 10 ? `${isoDate}T00:00:00` : isoDate) : null;
}

const LOONAANGIFTE_TIJDVAK = { M: 'Month', W4: 'Week4', W1: 'Month' } as const;

function employeesOf(ctx: OpContext, company: CompanyRecord): EmployeeRecord[] {
	return [...ctx.state.employees.values()]
		.filter((e) => e.companyId === company.id)
		.sort((a, b) => a.number - b.number);
}

/** Leaves out undefined members, so a null value under the "omit" reading is not sent at all. */
function present(o: Args): Args {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function personalInfoV2(
	ctx: OpContext,
	e: EmployeeRecord,
	p: PersonalInfoRecord,
	withBsn: boolean,
): Args {
	// Element order as in PersonalInfo_V2; empty strings and null values follow the nullElements reading.
	const text = (value: string) => (value ? value : nullValue(ctx.readings));
	return present({
		Id: p.id,
		DisplayName: displayName(p),
		EmployeeNumber: e.number,
		BSN: withBsn ? e.bsn : undefined,
		FirstName: p.firstName,
		Initials: text(p.firstName ? `${p.firstName[0]}.` : ''),
		Prefix: text(p.prefix),
		LastName: p.lastName,
		Gender: 'undefined',
		NationalityCode: 1,
		CountryOfBirthISOCode: 'NL',
		IdentificationType: 0,
		EmailWork: text(p.emailWork),
		BurgerlijkeStaat: 0,
		Naamstelling: 0,
		Birthday: nullValue(ctx.readings),
		CreationDate: p.creationDate,
		StartPeriod: p.startPeriod,
		StartYear: p.startYear,
	});
}

function personalInfos(resultName: string, withBsn: boolean): OperationDef {
	return {
		params: ['CompanyID'],
		run: (args, ctx) => {
			const company = companyFor(ctx, int(args, 'CompanyID'));
			const itemsOut = employeesOf(ctx, company).map((e) => ({
				EmployeeId: e.id,
				EmployeePersonalInfos: list(
					'PersonalInfo_V2',
					e.personalInfos.map((p) => personalInfoV2(ctx, e, p, withBsn)),
				),
			}));
			return { [resultName]: list('PersonalInfoItem', itemsOut) };
		},
	};
}

const companyService: Record<string, OperationDef> = {
	List_GetAll: {
		params: [],
		run: (_args, ctx) => {
			const visible = [...ctx.state.companies.values()]
				.filter(
					(c) => ctx.user.companyIds === undefined || ctx.user.companyIds.includes(String(c.id)),
				)
				.sort((a, b) => a.number - b.number);
			return {
				List_GetAllResult: list(
					'Company',
					visible.map((c) => ({
						ID: c.id,
						Number: c.number,
						Name: c.name,
						LoonaangifteTijdvak: LOONAANGIFTE_TIJDVAK[c.periodType],
					})),
				),
			};
		},
	},
	HourModel_GetHourCodes: {
		params: ['CompanyId'],
		run: (args, ctx) => {
			const company = companyFor(ctx, int(args, 'CompanyId'));
			return {
				HourModel_GetHourCodesResult: list(
					'HourCode',
					company.hourModel1.map((h) => ({ Code: h.code, Description: h.description })),
				),
			};
		},
	},
	HourModel2_GetHourCodes: {
		params: ['CompanyId'],
		run: (args, ctx) => {
			const company = companyFor(ctx, int(args, 'CompanyId'));
			return {
				HourModel2_GetHourCodesResult: list(
					'HourCode',
					company.hourModel2.map((h) => ({ Code: h.code, Description: h.description })),
				),
			};
		},
	},
	Company_GetCurrentPeriod: {
		params: ['CompanyId'],
		run: (args, ctx) => {
			const c = companyFor(ctx, int(args, 'CompanyId'));
			return {
				Company_GetCurrentPeriodResult: formatCurrentPeriod(
					c.currentYear,
					c.currentPeriod,
					c.periodType,
					ctx.readings,
				),
			};
		},
	},
	Run_GetList: {
		params: ['CompanyId', 'Year'],
		run: (args, ctx) => {
			const company = companyFor(ctx, int(args, 'CompanyId'));
			const year = int(args, 'Year');
			const runs = ctx.state.runs.filter((r) => r.companyId === company.id && r.year === year);
			return {
				Run_GetListResult: list(
					'RunInfo',
					runs.map((r) => ({
						ID: r.id,
						Number: r.number,
						Year: r.year,
						PeriodStart: r.periodStart,
						PeriodEnd: r.periodEnd,
						Description: r.description,
						RunAt: r.runAt,
						IsLocked: r.isLocked,
					})),
				),
			};
		},
	},
};

/** One hour component of a write request, validated against the employee's company. */
function hourInput(ctx: OpContext, employeeId: number, hc: Args | undefined) {
	if (!hc) throw nmbrsFault(9999, 'no hour component');
	const { employee, company } = employeeFor(ctx, employeeId);
	const code = int(hc, 'HourCode');
	const h = hours(hc);
	return { employee, company, code, h, comment: str(hc, 'Comment') };
}

const employeeService: Record<string, OperationDef> = {
	List_GetByCompany: {
		params: ['CompanyId', 'EmployeeType'],
		run: (args, ctx) => {
			const company = companyFor(ctx, int(args, 'CompanyId'));
			const type = int(args, 'EmployeeType');
			// Whether any value means "all" is a reading; the package itself never calls this.
			const all = ctx.readings.employeeTypeAll !== 'none' && type === ctx.readings.employeeTypeAll;
			const employees = employeesOf(ctx, company).filter((e) => all || e.employeeType === type);
			return {
				List_GetByCompanyResult: list(
					'Employee',
					employees.map((e) => ({
						Id: e.id,
						Number: e.number,
						DisplayName: displayName(currentPersonalInfo(e)),
					})),
				),
			};
		},
	},
	EmployeeType_GetList: {
		params: [],
		run: () => ({
			EmployeeType_GetListResult: list(
				'EmployeeType',
				EMPLOYEE_TYPES.map((t) => ({ Id: t.code, Description: t.description })),
			),
		}),
	},
	PersonalInfo_GetAll_AllEmployeesByCompany: personalInfos(
		'PersonalInfo_GetAll_AllEmployeesByCompanyResult',
		true,
	),
	PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany: personalInfos(
		'PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompanyResult',
		false,
	),
	Contract_GetAll_AllEmployeesByCompany: {
		params: ['CompanyID'],
		run: (args, ctx) => {
			const company = companyFor(ctx, int(args, 'CompanyID'));
			const out = employeesOf(ctx, company).map((e) => ({
				EmployeeId: e.id,
				EmployeeContracts: list(
					'EmployeeContract',
					e.contracts.map((c) =>
						present({
							ContractID: c.id,
							CreationDate: c.creationDate,
							StartDate: dateTime(c.startDate) ?? nullValue(ctx.readings),
							TrialPeriod: nullValue(ctx.readings),
							EndDate: dateTime(c.endDate) ?? nullValue(ctx.readings),
							EmployementType: 1,
							EmploymentSequenceTaxId: 1,
							Indefinite: c.endDate === '',
							PhaseClassification: 0,
							WrittenContract: true,
							HoursPerWeek: 40,
						}),
					),
				),
			}));
			return { Contract_GetAll_AllEmployeesByCompanyResult: list('EmployeeContractItem', out) };
		},
	},
	HourComponentVar_Get: {
		params: ['EmployeeId', 'Period', 'Year'],
		run: (args, ctx) => {
			const { employee, company } = employeeFor(ctx, int(args, 'EmployeeId'));
			const year = int(args, 'Year');
			const period = int(args, 'Period');
			checkPeriod(company, year, period);
			const rows = ctx.state.hourRowsOf(employee.id, year, period);
			// Id, HourCode and Hours; the Comment only under the reading that v3 returns it.
			const view = (r: (typeof rows)[number]) =>
				ctx.readings.getReturnsComment
					? { Id: r.id, HourCode: r.hourCode, Hours: formatHours(r.hundredths), Comment: r.comment }
					: { Id: r.id, HourCode: r.hourCode, Hours: formatHours(r.hundredths) };
			return { HourComponentVar_GetResult: list('HourComponent', rows.map(view)) };
		},
	},
	HourComponentVar_Insert: {
		params: ['EmployeeId', 'Hourcomponent', 'Period', 'Year', 'UnprotectedMode'],
		run: (args, ctx) => {
			const year = int(args, 'Year');
			const period = int(args, 'Period');
			const input = hourInput(ctx, int(args, 'EmployeeId'), obj(args, 'Hourcomponent'));
			checkPeriod(input.company, year, period);
			checkHourCode(input.company, input.code);
			checkWriteTarget(ctx, input.company, year, period, bool(args, 'UnprotectedMode'));
			checkHoursSign(ctx, input.h.hundredths);
			const id = ctx.state.insertHourRow({
				employeeId: input.employee.id,
				year,
				period,
				hourCode: input.code,
				hundredths: input.h.hundredths,
				rawHours: input.h.raw,
				comment: input.comment,
			});
			return { HourComponentVar_InsertResult: id };
		},
	},
	HourComponentVar_Insert_Batch: {
		params: ['HourComponents', 'Period', 'Year', 'UnprotectedMode'],
		run: (args, ctx) => {
			const year = int(args, 'Year');
			const period = int(args, 'Period');
			const unprotected = bool(args, 'UnprotectedMode');
			// Validate every item before applying any: the batch is atomic.
			const rows = items(args, 'HourComponents', 'EmployeeHourComponent').map((hc) => {
				const input = hourInput(ctx, int(hc, 'EmployeeId'), hc);
				checkPeriod(input.company, year, period);
				checkHourCode(input.company, input.code);
				checkWriteTarget(ctx, input.company, year, period, unprotected);
				checkHoursSign(ctx, input.h.hundredths);
				return input;
			});
			for (const r of rows) {
				ctx.state.insertHourRow({
					employeeId: r.employee.id,
					year,
					period,
					hourCode: r.code,
					hundredths: r.h.hundredths,
					rawHours: r.h.raw,
					comment: r.comment,
				});
			}
			return {};
		},
	},
	HourComponentVar_Clear: {
		params: ['EmployeeId', 'Period', 'Year', 'UnprotectedMode'],
		run: (args, ctx) => {
			const { employee, company } = employeeFor(ctx, int(args, 'EmployeeId'));
			const year = int(args, 'Year');
			const period = int(args, 'Period');
			checkWriteTarget(ctx, company, year, period, bool(args, 'UnprotectedMode'));
			ctx.state.hourRows = ctx.state.hourRows.filter(
				(r) => !(r.employeeId === employee.id && r.year === year && r.period === period),
			);
			return {};
		},
	},
	HourComponent_Update: {
		params: ['EmployeeId', 'Hourcomponent', 'EndPeriod', 'EndYear', 'UnprotectedMode'],
		run: (args, ctx) => {
			const hc = obj(args, 'Hourcomponent');
			const input = hourInput(ctx, int(args, 'EmployeeId'), hc);
			const row = ctx.state.hourRows.find(
				(r) => r.id === int(hc, 'Id') && r.employeeId === input.employee.id,
			);
			if (!row) throw nmbrsFault(2046, `hour component ${int(hc, 'Id')}`);
			checkHourCode(input.company, input.code);
			checkWriteTarget(ctx, input.company, row.year, row.period, bool(args, 'UnprotectedMode'));
			checkHoursSign(ctx, input.h.hundredths);
			// EndPeriod/EndYear only matter for fixed components (unverified for variable rows): ignored.
			Object.assign(row, {
				hourCode: input.code,
				hundredths: input.h.hundredths,
				rawHours: input.h.raw,
				comment: input.comment,
			});
			return { HourComponent_UpdateResult: row.id };
		},
	},
	HourComponent_Delete: {
		params: ['EmployeeId', 'HourComponentID'],
		run: (args, ctx) => {
			const { employee, company } = employeeFor(ctx, int(args, 'EmployeeId'));
			const id = int(args, 'HourComponentID');
			const index = ctx.state.hourRows.findIndex(
				(r) => r.id === id && r.employeeId === employee.id,
			);
			if (index < 0) throw nmbrsFault(2046, `hour component ${id}`);
			// No UnprotectedMode here: under this reading a past row can never be deleted.
			const row = ctx.state.hourRows[index];
			if (ctx.readings.pastDeleteRefused && isPastPeriod(company, row.year, row.period))
				throw nmbrsFault(ctx.readings.pastPeriodFault);
			ctx.state.hourRows.splice(index, 1);
			return { HourComponent_DeleteResult: true };
		},
	},
	DaysVar_Get: {
		params: ['EmployeeId', 'Period', 'Year'],
		run: (args, ctx) => {
			const { employee, company } = employeeFor(ctx, int(args, 'EmployeeId'));
			const year = int(args, 'Year');
			const period = int(args, 'Period');
			checkPeriod(company, year, period);
			return { DaysVar_GetResult: ctx.state.getDays(employee.id, year, period) };
		},
	},
	DaysVar_Set_Batch: {
		params: ['EmployeesDaysWorked', 'UnprotectedMode'],
		run: (args, ctx) => {
			const unprotected = bool(args, 'UnprotectedMode');
			const entries = items(args, 'EmployeesDaysWorked', 'DaysWorked').map((d) => {
				const { employee, company } = employeeFor(ctx, int(d, 'EmployeeId'));
				const year = int(d, 'Year');
				const period = int(d, 'Period');
				checkWriteTarget(ctx, company, year, period, unprotected);
				return { employeeId: employee.id, year, period, days: int(d, 'Days') };
			});
			for (const e of entries) ctx.state.setDays(e.employeeId, e.year, e.period, e.days);
			return {};
		},
	},
};

const debtorService: Record<string, OperationDef> = {
	Environment_Get: {
		params: [],
		header: 'AuthHeader',
		run: (_args, ctx) => ({
			Environment_GetResult: { Domain: `${ctx.user.domain}.nmbrs.nl`, SubDomain: ctx.user.domain },
		}),
	},
	List_GetAll: {
		params: [],
		run: (_args, ctx) => ({
			List_GetAllResult: list(
				'Debtor',
				ctx.state.debtors.map((d) => ({ Id: d.id, Number: d.number, Name: d.name })),
			),
		}),
	},
};

export const OPERATIONS: Record<ServiceName, Record<string, OperationDef>> = {
	CompanyService: companyService,
	EmployeeService: employeeService,
	DebtorService: debtorService,
};

export const SERVICE_NAMES = Object.keys(OPERATIONS) as ServiceName[];

export function serviceNamespace(service: ServiceName): string {
	return `https://api.nmbrs.nl/soap/v3/${service}`;
}
