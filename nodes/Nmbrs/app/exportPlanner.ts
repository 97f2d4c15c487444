// From validated lines to export jobs: one per company and period, with the past-period policy,
// closed-period corrections folded into the current period, the hour codes the export owns and
// the employee scope. Everything that decides what gets written, before the engine writes it.
import type { CompanyContext } from './companyContext';
import { readRows, type WriteMode } from './exportEngine';
import type { NmbrsApi } from './ports';
import { findWithdrawals } from './withdrawals';
import { planCodes } from '../domain/diff';
import {
	daysByEmployee,
	desiredByEmployee,
	foldCorrections,
	groupByCompanyAndPeriod,
	isPast,
	type DaysSource,
	type EmployeeTarget,
	type ExportLine,
	type PeriodGroup,
	type PeriodMarker,
} from '../domain/exportPlan';
import { comparePeriods, periodKey } from '../domain/periods';
import type { PayrollPeriod } from '../domain/types';

/** Every row the export writes carries this comment: "n8n export 2026-10". */
export const EXPORT_COMMENT = 'n8n export';

export type EmployeeScope = 'input' | 'inputAndExported' | 'allEmployees';

export interface ExportPolicy {
	managedCodes: number[];
	allowPastPeriods: boolean;
	pastPeriodHandling: 'stop' | 'bookInCurrentPeriod';
	writeMode: WriteMode;
	employeeScope: EmployeeScope;
	daysWorked: DaysSource;
	concurrency: number;
}

export interface Job {
	group: PeriodGroup;
	context: CompanyContext;
	targets: Map<string, EmployeeTarget>;
	ownedCodes: Set<number>;
	unprotected: boolean;
	/** Closed periods whose corrections were folded into this job. */
	bookedFrom: string[];
}

/** Why the export stops before writing anything, with the group it concerns. */
export type PlanProblem =
	| { kind: 'pastPeriod'; group: PeriodGroup; current: PayrollPeriod }
	| { kind: 'needsCurrentPeriod'; needs: 'bookInCurrentPeriod' | 'replaceRows'; group: PeriodGroup }
	| { kind: 'commentsUnavailable'; group: PeriodGroup };

export class ExportPlanError extends Error {
	constructor(readonly problem: PlanProblem) {
		super(`export plan: ${problem.kind}`);
		this.name = 'ExportPlanError';
	}
}

export interface ExportPlan {
	/** Oldest period first: where Nmbrs itself must refuse a protected period, that comes first. */
	jobs: Job[];
	/** Companies whose current period this API user may not read (Company_GetCurrentPeriod). */
	unknownCurrent: string[];
}

export async function planJobs(
	api: NmbrsApi,
	contextOf: (companyId: string) => Promise<CompanyContext>,
	lines: ExportLine[],
	markers: PeriodMarker[],
	policy: ExportPolicy,
): Promise<ExportPlan> {
	const jobs = new Map<string, Job>();
	const jobFor = (group: PeriodGroup, context: CompanyContext, unprotected: boolean): Job => {
		const key = `${group.companyId}|${periodKey(group)}`;
		let job = jobs.get(key);
		if (!job) {
			job = {
				group: { ...group, lines: [] },
				context,
				targets: new Map(),
				ownedCodes: new Set(policy.managedCodes),
				unprotected,
				bookedFrom: [],
			};
			jobs.set(key, job);
		}
		return job;
	};
	const groups = await Promise.all(
		groupByCompanyAndPeriod(lines, markers).map(async (group) => {
			const context = await contextOf(group.companyId);
			// Unknown without Company_GetCurrentPeriod: Nmbrs itself then refuses protected periods.
			const past = context.current ? isPast(group, context.current) : undefined;
			return { group, context, past };
		}),
	);
	const unknown = groups.filter((g) => g.context.current === undefined);
	if (unknown.length > 0) {
		const needs =
			policy.pastPeriodHandling === 'bookInCurrentPeriod'
				? 'bookInCurrentPeriod'
				: policy.writeMode === 'replaceRows'
					? 'replaceRows'
					: undefined;
		if (needs)
			throw new ExportPlanError({ kind: 'needsCurrentPeriod', needs, group: unknown[0].group });
	}
	const closed = groups.filter((g) => g.past === true && !policy.allowPastPeriods);
	if (closed.length > 0 && policy.pastPeriodHandling !== 'bookInCurrentPeriod') {
		throw new ExportPlanError({
			kind: 'pastPeriod',
			group: closed[0].group,
			current: closed[0].context.current!,
		});
	}
	for (const { group, context, past } of groups) {
		if (!closed.some((c) => c.group === group)) {
			addLines(
				jobFor(group, context, past ?? policy.allowPastPeriods),
				group.lines,
				policy.daysWorked,
			);
		}
	}
	// Closed periods: fold their differences into the current period of the same company.
	for (const { group, context } of closed) {
		const currentPeriod = context.current!; // closed implies a known current period
		const current = {
			companyId: group.companyId,
			year: currentPeriod.year,
			period: currentPeriod.period,
			lines: [],
			firstItem: group.firstItem,
		};
		const job = jobFor(current, context, false);
		const desired = desiredByEmployee(group.lines);
		const owned = new Set([...policy.managedCodes, ...group.lines.map((l) => l.hourCode)]);
		const rows = await readRows(
			api,
			[...desired.keys()],
			group.year,
			group.period,
			policy.concurrency,
		);
		for (const [employeeId, codes] of desired) {
			foldCorrections(
				job.targets,
				employeeId,
				planCodes(codes, rows.get(employeeId) ?? [], (c) => owned.has(c)),
			);
		}
		owned.forEach((c) => job.ownedCodes.add(c));
		job.group.lines.push(...group.lines);
		job.bookedFrom.push(periodKey(group));
	}
	for (const job of jobs.values()) await applyScope(api, job, policy);
	return {
		jobs: [...jobs.values()].sort((a, b) => comparePeriods(a.group, b.group)),
		unknownCurrent: [...new Set(unknown.map((g) => g.group.companyId))],
	};
}

function addLines(job: Job, lines: ExportLine[], daysWorked: DaysSource) {
	job.group.lines.push(...lines);
	lines.forEach((l) => job.ownedCodes.add(l.hourCode));
	const days = daysByEmployee(lines, daysWorked);
	for (const [employeeId, codes] of desiredByEmployee(lines)) {
		const target = job.targets.get(employeeId) ?? {
			employeeId,
			desired: new Map<number, number>(),
		};
		for (const [code, hundredths] of codes)
			target.desired.set(code, (target.desired.get(code) ?? 0) + hundredths);
		const d = days.get(employeeId);
		if (typeof d === 'number') target.days = d;
		job.targets.set(employeeId, target);
	}
}

/** Employees beyond the input that the scope brings in. */
async function applyScope(api: NmbrsApi, job: Job, policy: ExportPolicy): Promise<void> {
	if (policy.employeeScope === 'allEmployees') {
		for (const employeeId of job.context.employeeIds) {
			if (!job.targets.has(employeeId))
				job.targets.set(employeeId, { employeeId, desired: new Map() });
		}
	}
	if (policy.employeeScope === 'inputAndExported') {
		// Export-written rows no longer backed by input lines (withdrawn hours) come back out.
		const others = job.context.employeeIds.filter((id) => !job.targets.has(id));
		const found = await findWithdrawals(
			api,
			others,
			job.group,
			job.ownedCodes,
			EXPORT_COMMENT,
			policy.concurrency,
		);
		if ('commentsUnavailable' in found)
			throw new ExportPlanError({ kind: 'commentsUnavailable', group: job.group });
		for (const target of found.targets) job.targets.set(target.employeeId, target);
	}
}
