// Deterministic demo data: the shared DEMO_* people and tasks, and time entries for every
// working day of the previous month and of the current month before `now`.
import { DEMO_EMPLOYEES, DEMO_TASKS, previousMonth } from '../demo-data';

export type TimeStatus =
	'Open' | 'PendingApproval' | 'Approved' | 'Invoiced' | 'WrittenOff' | 'Rejected';

export interface EmuUser {
	id: number;
	userName: string;
	displayName: string;
	employeeNumber: string | null;
	active: boolean;
	isLocked: boolean;
	language: string;
	badgeNumber: string | null;
	citizenServiceNumber: string | null;
	role: { id: number; name: string } | null;
	team: { id: number; name: string } | null;
	contracts: Array<{ id: number; startDate: string; endDate: string | null; weekHours: number }>;
	created: string;
	modified: string;
}

export interface EmuTask {
	id: number;
	name: string;
	code: string;
	active: boolean;
	billable: boolean;
	common: boolean;
	unspecified: boolean;
	hourlyRate: number;
	created: string;
	modified: string;
}

export interface EmuTime {
	id: number;
	date: string;
	hours: number;
	pause: number;
	notes: string | null;
	start: string;
	end: string;
	timezone: string;
	status: TimeStatus;
	clientStatus: string;
	price: number;
	created: string;
	modified: string;
	user: { id: number; displayName: string };
	customer: { id: number; name: string };
	project: { id: number; name: string; code: string };
	task: { id: number; name: string; code: string };
	tags: Array<{ id: number; name: string }>;
}

export interface Dataset {
	users: EmuUser[];
	tasks: EmuTask[];
	times: EmuTime[];
}

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every run. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const ymd = (d: Date) => d.toISOString().slice(0, 10);

export const PROJECT_PRODUCTION = { id: 1, name: 'Productie', code: 'P001' };
export const PROJECT_INTERNAL = { id: 2, name: 'Internal', code: 'INT' };
export const CUSTOMER = { id: 1, name: 'Bakkerij De Zon B.V.' };

export function workingDays(now: Date): string[] {
	const { year, month } = previousMonth(now);
	const today = ymd(now);
	const out: string[] = [];
	for (let d = day(year, month, 1); ymd(d) < today; d = new Date(d.getTime() + 86_400_000)) {
		const wd = d.getUTCDay();
		if (wd !== 0 && wd !== 6) out.push(ymd(d));
	}
	return out;
}

export function displayNameOf(e: (typeof DEMO_EMPLOYEES)[number]): string {
	return [e.firstName, e.prefix, e.lastName].filter(Boolean).join(' ');
}

export function demoDataset(now: Date): Dataset {
	const nowMs = now.getTime();
	const setupAt = iso(nowMs - 400 * 86_400_000);
	const users: EmuUser[] = DEMO_EMPLOYEES.filter((e) => e.timeChimpUser).map((e, i) => ({
		id: i + 1,
		userName: e.emailWork,
		displayName: displayNameOf(e),
		employeeNumber: String(e.number),
		active: true,
		isLocked: false,
		language: 'nl',
		badgeNumber: null,
		citizenServiceNumber: null,
		role: { id: 3, name: 'User' },
		team: null,
		contracts: e.contracts.map(([startDate, endDate], c) => ({
			id: (i + 1) * 10 + c,
			startDate,
			endDate: endDate || null,
			weekHours: i === 2 ? 30 : 40,
		})),
		created: setupAt,
		modified: setupAt,
	}));
	const tasks: EmuTask[] = DEMO_TASKS.map((t, i) => ({
		id: i + 1,
		name: t.name,
		code: t.code,
		active: true,
		billable: false,
		common: true,
		unspecified: false,
		hourlyRate: 0,
		created: setupAt,
		modified: setupAt,
	}));
	const taskByName = (name: string) => tasks.find((t) => t.name === name)!;

	const rand = prng(20240601);
	const days = workingDays(now);
	const { month } = previousMonth(now);
	const prevMonthDays = days.filter((d) => Number(d.slice(5, 7)) === month);
	const lastPrev = prevMonthDays[prevMonthDays.length - 1];
	const plan: Array<{
		user: EmuUser;
		date: string;
		task: string;
		hours: number;
		status: TimeStatus;
		notes?: string;
	}> = [];
	for (const date of days) {
		const idx = days.indexOf(date);
		const recent = days.length - idx <= 3 && !prevMonthDays.includes(date);
		for (const user of users) {
			const base = user.id === 3 ? 7.5 : 8;
			let status: TimeStatus = recent ? 'PendingApproval' : 'Approved';
			if (user.id === 3 && date === lastPrev) status = 'PendingApproval';
			if (user.id === 2 && idx === 2) {
				plan.push({ user, date, task: 'Leave', hours: 8, status });
				continue;
			}
			if (user.id === 3 && idx === 4) {
				plan.push({ user, date, task: 'Sick', hours: 7.5, status });
				continue;
			}
			plan.push({ user, date, task: 'Bakery production', hours: base, status });
			const r = rand();
			if (r < 0.12)
				plan.push({
					user,
					date,
					task: 'Overtime',
					hours: [1, 1.25, 1.5, 2][Math.floor(rand() * 4)],
					status,
				});
			else if (r < 0.2)
				plan.push({
					user,
					date,
					task: 'Travel',
					hours: [0.75, 1.25][Math.floor(rand() * 2)],
					status,
					notes: 'Delivery run',
				});
			if (user.id === 1 && idx === 1)
				plan.push({
					user,
					date,
					task: 'Team meeting',
					hours: 1,
					status,
					notes: 'Monthly team meeting',
				});
			if (user.id === 2 && idx === 6)
				plan.push({
					user,
					date,
					task: 'Training',
					hours: 2,
					status,
					notes: 'Food safety training',
				});
		}
	}
	const times: EmuTime[] = plan.map((p, i) => {
		const task = taskByName(p.task);
		const internal = p.task === 'Leave' || p.task === 'Sick';
		const startMs = Date.parse(`${p.date}T07:00:00Z`);
		// Registered the evening after, approved two days later; always before `now`.
		const created = Math.min(
			startMs + 86_400_000 + i * 1000,
			nowMs - 3_600_000 - (plan.length - i) * 1000,
		);
		const modified = Math.min(
			startMs + 3 * 86_400_000 + i * 1000,
			nowMs - 60_000 - (plan.length - i) * 1000,
		);
		return {
			id: 1000 + i + 1,
			date: p.date,
			hours: p.hours,
			pause: 0,
			notes: p.notes ?? null,
			start: iso(startMs),
			end: iso(startMs + p.hours * 3_600_000),
			timezone: 'Europe/Amsterdam',
			status: p.status,
			clientStatus: 'Open',
			price: 0,
			created: iso(created),
			modified: iso(Math.max(modified, created)),
			user: { id: p.user.id, displayName: p.user.displayName },
			customer: internal ? { id: 2, name: 'Internal' } : CUSTOMER,
			project: internal ? PROJECT_INTERNAL : PROJECT_PRODUCTION,
			task: { id: task.id, name: task.name, code: task.code },
			tags: [],
		};
	});
	return { users, tasks, times };
}
