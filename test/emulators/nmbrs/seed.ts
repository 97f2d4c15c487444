// Seeds the emulator from the shared demo dataset (test/emulators/demo-data.ts).
import {
	DEMO_COMPANY,
	DEMO_COMPANY_4W,
	DEMO_EMPLOYEES,
	DEMO_HOUR_MODEL_1,
	DEMO_HOUR_MODEL_2,
	previousMonth,
} from '../demo-data';
import { fourWeekPeriodOf } from './periods';
import type { NmbrsState, PersonalInfoInput } from './state';

/** The demo API user: all operations, all companies. */
export const DEMO_USER = {
	username: 'demo@dezon.example',
	token: 'demo-token-0123456789abcdef',
	domain: 'dezon',
} as const;

/**
 * Older personal-info records for some demo employees. They are stored after the current
 * record, so a client that takes the last array element instead of the latest
 * (StartYear, StartPeriod) gets the old name/e-mail and fails its tests.
 */
const OLDER_RECORDS: Record<
	number,
	{ current: { year: number; period: number }; older: PersonalInfoInput }
> = {
	// Married and changed her name in 2023.
	1001: {
		current: { year: 2023, period: 6 },
		older: {
			lastName: 'Jansen',
			prefix: '',
			emailWork: 'sanne.jansen@dezon.example',
			startYear: 2021,
			startPeriod: 3,
		},
	},
	// Work e-mail changed with the new contract in 2024.
	1003: {
		current: { year: 2024, period: 1 },
		older: { emailWork: 'f.amrani@dezon.example', startYear: 2023, startPeriod: 1 },
	},
};

export interface DemoIds {
	companyId: string;
	company4wId: string;
	/** Employee number → employee id. */
	employeeIds: Record<number, string>;
}

export function seedDemo(state: NmbrsState, now: Date): DemoIds {
	state.addUser({ ...DEMO_USER });
	state.debtors.push({ id: 31001, number: 1, name: 'De Zon Holding B.V.' });
	const prev = previousMonth(now);
	const companyId = state.addCompany({
		number: DEMO_COMPANY.number,
		name: DEMO_COMPANY.name,
		periodType: DEMO_COMPANY.periodType,
		currentYear: prev.year,
		currentPeriod: prev.month,
		hourModel1: DEMO_HOUR_MODEL_1.map((h) => ({ ...h })),
		hourModel2: DEMO_HOUR_MODEL_2.map((h) => ({ ...h })),
	});
	const company4wId = state.addCompany({
		number: DEMO_COMPANY_4W.number,
		name: DEMO_COMPANY_4W.name,
		periodType: DEMO_COMPANY_4W.periodType,
		currentYear: now.getUTCFullYear(),
		currentPeriod: fourWeekPeriodOf(now),
		hourModel1: DEMO_HOUR_MODEL_1.map((h) => ({ ...h })),
		hourModel2: DEMO_HOUR_MODEL_2.map((h) => ({ ...h })),
	});
	const employeeIds: Record<number, string> = {};
	for (const e of DEMO_EMPLOYEES) {
		const history = OLDER_RECORDS[e.number];
		employeeIds[e.number] = state.addEmployee(companyId, {
			number: e.number,
			firstName: e.firstName,
			prefix: e.prefix,
			lastName: e.lastName,
			emailWork: e.emailWork,
			contracts: e.contracts,
			personalInfoStart: history?.current,
			personalInfoHistory: history ? [history.older] : undefined,
		});
	}
	return { companyId, company4wId, employeeIds };
}
