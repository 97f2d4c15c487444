// An in-memory Nmbrs behind the ports (app/ports.ts), for the export engine's unit tests:
// thousands of randomized runs in seconds. It can lose a write before or after applying it,
// as a network would; the emulator-backed suites remain the contract check for the real wire.
import type { NmbrsApi, PeriodWrite } from '../../nodes/Nmbrs/app/ports';
import { NmbrsTransportError } from '../../nodes/Nmbrs/domain/faults';
import type { DaysWorked, HourRow, NewHourRow } from '../../nodes/Nmbrs/domain/types';

export type Loss = 'before' | 'after' | undefined;

interface Row extends HourRow {
	employeeId: string;
	year: number;
	period: number;
}

export class FakeNmbrs {
	rows: Row[] = [];
	days = new Map<string, number>();
	writes = 0;
	private nextId = 1;
	/** Decides, per write, whether its answer is lost before or after it is applied. */
	loseWrite: (operation: string) => Loss = () => undefined;
	/** Decides, per read, whether it fails (a read never changes anything). */
	failRead: () => boolean = () => false;

	add(
		employeeId: string,
		year: number,
		period: number,
		hourCode: number,
		hundredths: number,
	): void {
		this.rows.push({ id: String(this.nextId++), employeeId, year, period, hourCode, hundredths });
	}

	total(employeeId: string, year: number, period: number, hourCode: number): number {
		return this.rows
			.filter(
				(r) =>
					r.employeeId === employeeId &&
					r.year === year &&
					r.period === period &&
					r.hourCode === hourCode,
			)
			.reduce((s, r) => s + r.hundredths, 0);
	}

	private async write(operation: string, apply: () => void): Promise<void> {
		const loss = this.loseWrite(operation);
		if (loss === 'before') throw new NmbrsTransportError('lost before applying', operation);
		apply();
		this.writes++;
		if (loss === 'after') throw new NmbrsTransportError('applied, answer lost', operation);
	}

	private async read<T>(operation: string, value: () => T): Promise<T> {
		if (this.failRead()) throw new NmbrsTransportError('read failed', operation);
		return value();
	}

	api(): NmbrsApi {
		const unused = (name: string) => () =>
			Promise.reject(new Error(`FakeNmbrs: ${name} is not used by the export engine`));
		return {
			checkAccess: unused('checkAccess'),
			listCompanies: unused('listCompanies'),
			getCurrentPeriod: unused('getCurrentPeriod'),
			getHourCodes: unused('getHourCodes'),
			listPayrollRuns: unused('listPayrollRuns'),
			getPersonalInfoHistories: unused('getPersonalInfoHistories'),
			getContracts: unused('getContracts'),
			getVariableHours: (employeeId, year, period) =>
				this.read('HourComponentVar_Get', () =>
					this.rows
						.filter((r) => r.employeeId === employeeId && r.year === year && r.period === period)
						.map(({ id, hourCode, hundredths }) => ({ id, hourCode, hundredths })),
				),
			insertVariableHours: (rows: NewHourRow[], at: PeriodWrite) =>
				this.write('HourComponentVar_Insert_Batch', () =>
					rows.forEach((r) => this.add(r.employeeId, at.year, at.period, r.hourCode, r.hundredths)),
				),
			updateVariableHour: (employeeId: string, row: HourRow) =>
				this.write('HourComponent_Update', () => {
					const found = this.rows.find((r) => r.id === row.id && r.employeeId === employeeId);
					if (found) Object.assign(found, { hourCode: row.hourCode, hundredths: row.hundredths });
				}),
			deleteVariableHour: (employeeId: string, rowId: string) =>
				this.write(
					'HourComponent_Delete',
					() =>
						(this.rows = this.rows.filter((r) => !(r.id === rowId && r.employeeId === employeeId))),
				),
			getDaysWorked: (employeeId, year, period) =>
				this.read('DaysVar_Get', () => this.days.get(`${employeeId}:${year}:${period}`) ?? 0),
			setDaysWorked: (days: DaysWorked[], at: PeriodWrite) =>
				this.write('DaysVar_Set_Batch', () =>
					days.forEach((d) => this.days.set(`${d.employeeId}:${at.year}:${at.period}`, d.days)),
				),
		};
	}
}
