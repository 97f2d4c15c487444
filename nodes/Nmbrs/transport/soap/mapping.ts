import type { Contract, EmployeeContracts, EmployeeListEntry, PersonalInfoHistory } from '../../domain/types';

type Obj = Record<string, unknown>;

/**
 * Items of an ASMX list result. soap gives `{ Item: [...] }` (always an array for unbounded
 * elements), `null` for an empty `<OpResult />`, and no key at all for a null list.
 */
export function list(result: unknown, itemName: string): Obj[] {
	if (!result || typeof result !== 'object') return [];
	const items = (result as Obj)[itemName];
	if (Array.isArray(items)) return items.filter((i): i is Obj => !!i && typeof i === 'object' && !('attributes' in i && Object.keys(i).length === 1));
	return items && typeof items === 'object' ? [items as Obj] : [];
}

// soap leaves xsi:nil values as { attributes: { 'xsi:nil': 'true' } }: treat every object as absent.
const text = (value: unknown) => (value === undefined || value === null || typeof value === 'object' ? '' : String(value));
/** Nmbrs dates come as local date-times ("2021-03-01T00:00:00"); the date part is what counts. */
const date = (value: unknown) => text(value).slice(0, 10);

export function toEmployeeList(result: Obj | null): EmployeeListEntry[] {
	return list(result?.List_GetByCompanyResult, 'Employee').map((e) => ({
		id: text(e.Id),
		number: Number(e.Number),
		displayName: text(e.DisplayName),
	}));
}

export function toPersonalInfoHistories(result: Obj | null, operation: string): PersonalInfoHistory[] {
	return list(result?.[`${operation}Result`], 'PersonalInfoItem').map((item) => ({
		employeeId: text(item.EmployeeId),
		records: list(item.EmployeePersonalInfos, 'PersonalInfo_V2').map((p) => ({
			id: text(p.Id),
			employeeNumber: Number(p.EmployeeNumber),
			displayName: text(p.DisplayName),
			firstName: text(p.FirstName),
			prefix: text(p.Prefix),
			lastName: text(p.LastName),
			emailWork: text(p.EmailWork),
			startYear: Number(p.StartYear ?? 0),
			startPeriod: Number(p.StartPeriod ?? 0),
			creationDate: text(p.CreationDate),
		})),
	}));
}

export function toContracts(result: Obj | null): EmployeeContracts[] {
	return list(result?.Contract_GetAll_AllEmployeesByCompanyResult, 'EmployeeContractItem').map((item) => ({
		employeeId: text(item.EmployeeId),
		contracts: list(item.EmployeeContracts, 'EmployeeContract').map(
			(c): Contract => ({ id: text(c.ContractID), startDate: date(c.StartDate), endDate: date(c.EndDate) }),
		),
	}));
}
