import { NmbrsTransportError } from '../../domain/faults';
import { parseHoursToHundredths } from '../../domain/hours';
import type {
	Company,
	EmployeeContracts,
	HourRow,
	PayrollPeriod,
	PayrollRun,
	PeriodType,
	PersonalInfoHistory,
} from '../../domain/types';

// REST JSON to the domain's shapes. Fields are picked one by one, so nothing else an answer
// carries (a BSN, private contact details) reaches domain objects, output, errors or logs.

export type Obj = Record<string, unknown>;

const obj = (value: unknown): Obj => (value && typeof value === 'object' ? (value as Obj) : {});
const text = (value: unknown) =>
	value === undefined || value === null || typeof value === 'object' ? '' : String(value);
const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

export function toCompany(c: Obj): Company {
	return { id: text(c.companyId), number: Number(c.number), name: text(c.name) };
}

const PERIOD_TYPES: Record<string, PeriodType> = {
	M: 'M',
	W4: 'W4',
	'4W': 'W4',
	W1: 'W1',
	W: 'W1',
};

/**
 * The current period. Its shape is unverified: a paged `{data: [{year, period}]}`, `{data: {…}}`
 * or a plain `{year, period}` are all read. REST is not known to carry the period type; one is
 * used only if the answer names it.
 */
export function periodOf(body: unknown, operation: string): PayrollPeriod {
	const b = obj(body);
	const item = Array.isArray(b.data) ? obj(b.data[0]) : b.data ? obj(b.data) : b;
	const year = Number(item.year);
	const period = Number(item.period);
	if (!Number.isInteger(year) || !Number.isInteger(period) || year < 1900 || period < 1)
		throw new NmbrsTransportError('Nmbrs sent a current period that could not be read', operation);
	const type = PERIOD_TYPES[text(item.periodType ?? item.type).toUpperCase()];
	return type ? { year, period, type } : { year, period };
}

export function toRun(r: Obj): PayrollRun {
	// Whether `number` is the period is unverified; a `period` field is used when present.
	const period = num(r.period ?? r.number);
	return {
		id: text(r.payrollRunId),
		number: num(r.number),
		year: num(r.year),
		periodStart: period,
		periodEnd: period,
		description: text(r.description),
		isLocked: r.locked === true,
	};
}

export function toPersonalInfoHistory(item: Obj): PersonalInfoHistory {
	const records = Array.isArray(item.info) ? item.info.map(obj) : [];
	return {
		employeeId: text(item.employeeId),
		records: records.map((p) => {
			const basic = obj(p.basicInfo);
			const contact = obj(p.contactInfo);
			const period = obj(p.period);
			const firstName = text(basic.firstName) || text(basic.firstNameInFull);
			const names = [firstName, text(basic.prefix), text(basic.lastName)];
			return {
				id: text(p.personalInfoId),
				employeeNumber: Number(basic.employeeNumber),
				displayName: names.filter(Boolean).join(' '),
				firstName,
				prefix: text(basic.prefix),
				lastName: text(basic.lastName),
				emailWork: text(contact.businessEmail),
				startYear: num(period.year),
				startPeriod: num(period.period),
				creationDate: text(p.createdAt),
			};
		}),
	};
}

export function toContracts(item: Obj): EmployeeContracts {
	const contracts = Array.isArray(item.contracts) ? item.contracts.map(obj) : [];
	return {
		employeeId: text(item.employeeId),
		contracts: contracts.map((c) => ({
			id: text(c.contractId),
			startDate: text(c.startDate).slice(0, 10),
			endDate: text(c.endDate).slice(0, 10),
		})),
	};
}

export function toHourRow(r: Obj, operation: string): HourRow {
	const hundredths = parseHoursToHundredths(
		typeof r.hours === 'number' ? String(r.hours) : r.hours,
	);
	// Never let an unreadable value into the diff: it would be written back as garbage.
	if (hundredths === undefined)
		throw new NmbrsTransportError(
			`Nmbrs sent hours that could not be read for hour row ${text(r.hourComponentId).slice(0, 40)}`,
			operation,
		);
	const comment = typeof r.comment === 'string' ? r.comment : 'comment' in r ? '' : undefined;
	return {
		id: text(r.hourComponentId),
		hourCode: Number(r.hourCode),
		hundredths,
		...(comment === undefined ? {} : { comment }),
	};
}
