import { DateTime } from 'luxon';

// The one demo dataset both emulators seed from, so that Nmbrs employees and TimeChimp
// users match on employee number and work e-mail, and TimeChimp task codes are Nmbrs
// hour codes. Dates are relative to `now` so the demo and the end-to-end tests always
// have an open "previous month" to export.

export interface DemoEmployee {
	number: number;
	firstName: string;
	prefix: string;
	lastName: string;
	/** '' = no work e-mail in Nmbrs (not importable into a time tracker). */
	emailWork: string;
	/** Contracts as [startDate, endDate | ''] ISO dates; none = no contract (inactive). */
	contracts: Array<[string, string]>;
	/** Whether the person is a TimeChimp user who registers hours. */
	timeChimpUser: boolean;
}

export interface DemoTask {
	name: string;
	/** The Nmbrs hour code as text, as TimeChimp stores it; '' or an unknown code is reported. */
	code: string;
}

export const DEMO_COMPANY = {
	number: 101,
	name: 'Bakkerij De Zon B.V.',
	periodType: 'M' as const,
};

/** A second, 4-weekly administration, so that the company list and period rules show more than one case. */
export const DEMO_COMPANY_4W = {
	number: 102,
	name: 'De Zon Logistiek B.V.',
	periodType: 'W4' as const,
};

export const DEMO_EMPLOYEES: DemoEmployee[] = [
	{
		number: 1001,
		firstName: 'Sanne',
		prefix: 'de',
		lastName: 'Vries',
		emailWork: 'sanne.devries@dezon.example',
		contracts: [['2021-03-01', '']],
		timeChimpUser: true,
	},
	{
		number: 1002,
		firstName: 'Jeroen',
		prefix: '',
		lastName: 'Bakker',
		emailWork: 'jeroen.bakker@dezon.example',
		contracts: [['2019-09-01', '']],
		timeChimpUser: true,
	},
	{
		number: 1003,
		firstName: 'Fatima',
		prefix: 'el',
		lastName: 'Amrani',
		emailWork: 'fatima.elamrani@dezon.example',
		contracts: [
			['2023-01-01', '2023-12-31'],
			['2024-01-01', ''],
		],
		timeChimpUser: true,
	},
	{
		number: 1004,
		firstName: 'Pieter',
		prefix: 'van den',
		lastName: 'Berg',
		emailWork: 'pieter.vandenberg@dezon.example',
		contracts: [['2018-05-01', '2025-06-30']],
		timeChimpUser: false,
	},
	{
		number: 1005,
		firstName: 'Lotte',
		prefix: '',
		lastName: 'Janssen',
		emailWork: '',
		contracts: [['2022-02-01', '']],
		timeChimpUser: false,
	},
	{
		number: 1006,
		firstName: 'Daan',
		prefix: '',
		lastName: 'Visser',
		emailWork: 'daan.visser@dezon.example',
		contracts: [],
		timeChimpUser: false,
	},
];

/** Hour model 1 of the demo company. */
export const DEMO_HOUR_MODEL_1 = [
	{ code: 1, description: 'Normale uren' },
	{ code: 2, description: 'Overuren 100%' },
	{ code: 3, description: 'Overuren 125%' },
	{ code: 20, description: 'Verlofuren' },
	{ code: 21, description: 'Ziekte-uren' },
];

/** Hour model 2 of the demo company: code 3 is redefined, code 30 exists only here. */
export const DEMO_HOUR_MODEL_2 = [
	{ code: 3, description: 'Overuren 125% (toeslag)' },
	{ code: 30, description: 'Reisuren' },
];

export const DEMO_TASKS: DemoTask[] = [
	{ name: 'Bakery production', code: '1' },
	{ name: 'Overtime', code: '3' },
	{ name: 'Travel', code: '30' },
	{ name: 'Leave', code: '20' },
	{ name: 'Sick', code: '21' },
	{ name: 'Team meeting', code: '' },
	{ name: 'Training', code: '99' },
];

/** Dutch payroll runs on Dutch time; the demo n8n uses the same zone (GENERIC_TIMEZONE). */
export const PAYROLL_TIME_ZONE = 'Europe/Amsterdam';

/** Calendar month before `now` in Dutch time (the month a monthly payroll run exports). */
export function previousMonth(now: Date): { year: number; month: number } {
	const previous = DateTime.fromJSDate(now).setZone(PAYROLL_TIME_ZONE).minus({ months: 1 });
	return { year: previous.year, month: previous.month };
}
