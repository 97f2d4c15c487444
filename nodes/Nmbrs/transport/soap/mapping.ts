import type { Contract, EmployeeContracts, PersonalInfoHistory } from '../../domain/types';

type Obj = Record<string, unknown>;

/**
 * Items of an ASMX list result. soap gives `{ Item: [...] }` (always an array for unbounded
 * elements), `null` for an empty `<OpResult />`, and no key at all for a null list.
 */
export function list(result: unknown, itemName: string): Obj[] {
	if (!result || typeof result !== 'object') return [];
	const items = (result as Obj)[itemName];
	if (Array.isArray(items))
		return items.filter(
			(i): i is Obj =>
				!!i && typeof i === 'object' && !('attributes' in i && Object.keys(i).length === 1),
		);
	return items && typeof items === 'object' ? [items as Obj] : [];
}

// soap leaves xsi:nil values as { attributes: { 'xsi:nil': 'true' } }: treat every object as absent.
const text = (value: unknown) =>
	value === undefined || value === null || typeof value === 'object' ? '' : String(value);
/** Nmbrs dates come as local date-times ("2021-03-01T00:00:00"); the date part is what counts. */
const date = (value: unknown) => text(value).slice(0, 10);

/**
 * Personal info of every employee. Fields are picked one by one: the BSN (citizen service
 * number) that PersonalInfo_GetAll_AllEmployeesByCompany carries is never copied, so it cannot
 * reach domain objects, output, errors or logs.
 */
export function toPersonalInfoHistories(
	result: Obj | null,
	operation: string,
): PersonalInfoHistory[] {
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
	return list(result?.Contract_GetAll_AllEmployeesByCompanyResult, 'EmployeeContractItem').map(
		(item) => ({
			employeeId: text(item.EmployeeId),
			contracts: list(item.EmployeeContracts, 'EmployeeContract').map((c): Contract => ({
				id: text(c.ContractID),
				startDate: date(c.StartDate),
				endDate: date(c.EndDate),
			})),
		}),
	);
}
