import { Memo } from '../../shared/memo';
import type { NmbrsApi, PeriodWrite } from '../app/ports';
import type { DaysWorked, HourModel, HourRow, NewHourRow } from '../domain/types';

/**
 * Reads company-wide data once per execution: every item of a run that asks for the same
 * company's period, hour codes or employees shares one call. Per-employee hours are never
 * cached, because the export must see what Nmbrs has now.
 */
export class CachedNmbrsApi implements NmbrsApi {
	private readonly memo = new Memo();

	constructor(private readonly inner: NmbrsApi) {}

	private once<T>(key: string, read: () => Promise<T>): Promise<T> {
		return this.memo.once(key, read);
	}

	checkAccess() {
		return this.inner.checkAccess();
	}
	listCompanies() {
		return this.once('companies', () => this.inner.listCompanies());
	}
	getCurrentPeriod(companyId: string) {
		return this.once(`period:${companyId}`, () => this.inner.getCurrentPeriod(companyId));
	}
	getHourCodes(companyId: string, model: HourModel) {
		return this.once(`hourCodes:${companyId}:${model}`, () =>
			this.inner.getHourCodes(companyId, model),
		);
	}
	listPayrollRuns(companyId: string, year: number) {
		return this.once(`runs:${companyId}:${year}`, () =>
			this.inner.listPayrollRuns(companyId, year),
		);
	}
	getPersonalInfoHistories(companyId: string) {
		return this.once(`personalInfo:${companyId}`, () =>
			this.inner.getPersonalInfoHistories(companyId),
		);
	}
	getContracts(companyId: string) {
		return this.once(`contracts:${companyId}`, () => this.inner.getContracts(companyId));
	}
	getVariableHours(employeeId: string, year: number, period: number) {
		return this.inner.getVariableHours(employeeId, year, period);
	}
	insertVariableHours(rows: NewHourRow[], at: PeriodWrite) {
		return this.inner.insertVariableHours(rows, at);
	}
	updateVariableHour(employeeId: string, row: HourRow, comment: string, at: PeriodWrite) {
		return this.inner.updateVariableHour(employeeId, row, comment, at);
	}
	deleteVariableHour(employeeId: string, rowId: string) {
		return this.inner.deleteVariableHour(employeeId, rowId);
	}
	getDaysWorked(employeeId: string, year: number, period: number) {
		return this.inner.getDaysWorked(employeeId, year, period);
	}
	setDaysWorked(days: DaysWorked[], at: PeriodWrite) {
		return this.inner.setDaysWorked(days, at);
	}
}
