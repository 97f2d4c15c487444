import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { MatchEmployeeBy } from '../../../domain/employees';
import { readRows, runExport, type EmployeeOutcome, type EmployeeTarget, type EngineSettings, type WriteMode } from '../../../domain/exportEngine';
import { daysByEmployee, desiredByEmployee, foldCorrections, groupByCompanyAndPeriod, isPast, runsCovering, type DaysSource, type ExportLine, type PeriodGroup } from '../../../domain/exportPlan';
import { NmbrsFault } from '../../../domain/faults';
import { planCodes } from '../../../domain/diff';
import { hundredthsToHours } from '../../../domain/hours';
import { periodKey } from '../../../domain/periods';
import { companyContexts, type CompanyContext } from '../../helpers/companyContext';
import type { NmbrsSession } from '../../helpers/context';
import { toNodeError } from '../../helpers/errors';
import { readExportLines } from './export.lines';

export { description } from './export.description';

export const ENGINE_SETTINGS: EngineSettings = {
	batchSize: 100,
	concurrency: 5,
	maxRounds: 4,
	settleMs: [100, 600],
	sleep,
	random: Math.random,
};

interface Options {
	managedHourCodes?: string;
	employeeScope?: 'input' | 'allEmployees';
	writeMode?: WriteMode;
	pastPeriodHandling?: 'stop' | 'bookInCurrentPeriod';
	daysWorked?: DaysSource;
	daysWorkedField?: string;
}

interface Job {
	group: PeriodGroup;
	context: CompanyContext;
	targets: Map<string, EmployeeTarget>;
	ownedCodes: Set<number>;
	unprotected: boolean;
	/** Closed periods whose corrections were folded into this job. */
	bookedFrom: string[];
	/** Payroll runs that already cover the period (Run_GetList). */
	payrollRuns?: IDataObject[];
}

export async function execute(this: IExecuteFunctions, session: NmbrsSession): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as Options;
	const by = this.getNodeParameter('matchEmployeeBy', 0) as MatchEmployeeBy;
	const preview = this.getNodeParameter('preview', 0) as boolean;
	const allowPast = this.getNodeParameter('allowPastPeriods', 0) as boolean;
	const contextOf = companyContexts(session.api, by);
	const managed = parseManagedCodes.call(this, options.managedHourCodes ?? '');

	// 1. Validate every line before anything is written.
	const { lines, rejected } = await readExportLines(this, session, contextOf, options);
	const out: INodeExecutionData[] = [];
	const firstCause = rejected.find((r) => !r.derived);
	if (firstCause && !this.continueOnFail()) throw firstCause.error;
	for (const r of rejected) {
		out.push({ json: { action: 'error', error: r.error.message }, pairedItem: { item: r.itemIndex } });
	}

	// 2. Turn lines into one job per company and period; stop on a protected past period.
	const jobs = new Map<string, Job>();
	const jobFor = (group: PeriodGroup, context: CompanyContext, unprotected: boolean): Job => {
		const key = `${group.companyId}|${periodKey(group)}`;
		let job = jobs.get(key);
		if (!job) {
			job = { group: { ...group, lines: [] }, context, targets: new Map(), ownedCodes: new Set(managed), unprotected, bookedFrom: [] };
			jobs.set(key, job);
		}
		return job;
	};
	const groups = await Promise.all(
		groupByCompanyAndPeriod(lines).map(async (group) => {
			const context = await contextOf(group.companyId);
			return { group, context, past: isPast(group, context.current) };
		}),
	);
	const closed = groups.filter((g) => g.past && !allowPast);
	if (closed.length > 0 && options.pastPeriodHandling !== 'bookInCurrentPeriod') {
		const { group, context } = closed[0];
		const itemIndex = group.lines[0].itemIndex;
		throw new NodeOperationError(
			this.getNode(),
			`Period ${periodKey(group)} of company ${group.companyId} is before its current period ${periodKey(context.current)}; nothing was written [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Nmbrs protects past periods. If payroll for that period has not been finalised, turn on "Allow Changes to Past Periods". Otherwise set Options → Past Period Handling to "Book Corrections Into Current Period" so the differences are paid in the current period.',
			},
		);
	}
	for (const { group, context, past } of groups) {
		if (!closed.some((c) => c.group === group)) addLines(jobFor(group, context, past), group.lines, options);
	}
	// Closed periods: fold their differences into the current period of the same company.
	for (const { group, context } of closed) {
		const current = { companyId: group.companyId, year: context.current.year, period: context.current.period, lines: [] };
		const job = jobFor(current, context, false);
		const desired = desiredByEmployee(group.lines);
		const owned = new Set([...managed, ...group.lines.map((l) => l.hourCode)]);
		const rows = await readRows(session.api, [...desired.keys()], group.year, group.period, ENGINE_SETTINGS.concurrency);
		for (const [employeeId, codes] of desired) {
			foldCorrections(job.targets, employeeId, planCodes(codes, rows.get(employeeId) ?? [], (c) => owned.has(c)));
		}
		owned.forEach((c) => job.ownedCodes.add(c));
		job.group.lines.push(...group.lines);
		job.bookedFrom.push(periodKey(group));
	}
	if (options.employeeScope === 'allEmployees') {
		for (const job of jobs.values()) {
			for (const employeeId of job.context.employeeIds) {
				if (!job.targets.has(employeeId)) job.targets.set(employeeId, { employeeId, desired: new Map() });
			}
		}
	}

	// 3. Run the jobs.
	for (const job of jobs.values()) {
		const { group } = job;
		await notePayrollRuns.call(this, session, job);
		let outcomes: EmployeeOutcome[];
		try {
			outcomes = await runExport(
				session.api,
				{
					year: group.year,
					period: group.period,
					unprotected: job.unprotected,
					targets: [...job.targets.values()],
					ownedCodes: job.ownedCodes,
					writeMode: options.writeMode ?? 'correctionLines',
					preview,
					comment: `n8n export ${periodKey(group)}`,
				},
				ENGINE_SETTINGS,
			);
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, session.token, group.lines[0]?.itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			out.push({
				json: { companyId: group.companyId, year: group.year, period: group.period, action: 'error', error: nodeError.message },
				pairedItem: group.lines.map((l) => ({ item: l.itemIndex })),
			});
			continue;
		}
		for (const outcome of outcomes) out.push(toOutputItem(job, outcome));
	}
	return out;
}

function addLines(job: Job, lines: ExportLine[], options: Options) {
	job.group.lines.push(...lines);
	lines.forEach((l) => job.ownedCodes.add(l.hourCode));
	const days = daysByEmployee(lines, options.daysWorked ?? 'off');
	for (const [employeeId, codes] of desiredByEmployee(lines)) {
		const target = job.targets.get(employeeId) ?? { employeeId, desired: new Map<number, number>() };
		for (const [code, hundredths] of codes) target.desired.set(code, (target.desired.get(code) ?? 0) + hundredths);
		const d = days.get(employeeId);
		if (typeof d === 'number') target.days = d;
		job.targets.set(employeeId, target);
	}
}

function toOutputItem(job: Job, outcome: EmployeeOutcome): INodeExecutionData {
	const own = job.group.lines.filter((l) => l.employeeId === outcome.employeeId);
	const paired = (own.length > 0 ? own : job.group.lines).map((l) => ({ item: l.itemIndex }));
	const json: IDataObject = {
		companyId: job.group.companyId,
		year: job.group.year,
		period: job.group.period,
		employeeId: outcome.employeeId,
		...job.context.describe(outcome.employeeId),
		action: outcome.status,
		totalHours: hundredthsToHours(outcome.plan.reduce((sum, l) => sum + l.desired, 0)),
		hourCodes: outcome.plan.map((l) => ({
			hourCode: l.hourCode,
			desiredHours: hundredthsToHours(l.desired),
			currentHours: hundredthsToHours(l.current),
			deltaHours: hundredthsToHours(l.delta),
		})),
		writes: outcome.writes,
	};
	if (outcome.days) json.daysWorked = { desired: outcome.days.desired, current: outcome.days.current };
	if (job.bookedFrom.length > 0) json.correctionsFromPeriods = job.bookedFrom;
	if (job.payrollRuns?.length) json.payrollRuns = job.payrollRuns;
	if (outcome.error) json.error = outcome.error;
	return { json, pairedItem: paired.length > 0 ? paired : { item: 0 } };
}

/** Warns when the period already has a payroll run: changes then need a correction run in Nmbrs. */
async function notePayrollRuns(this: IExecuteFunctions, session: NmbrsSession, job: Job): Promise<void> {
	const { companyId, year, period } = job.group;
	try {
		const runs = runsCovering(await session.api.listPayrollRuns(companyId, year), job.group);
		if (runs.length === 0) return;
		job.payrollRuns = runs.map((r) => ({ number: r.number, description: r.description, isLocked: r.isLocked }));
		this.addExecutionHints({
			message: `Company ${companyId} period ${periodKey(job.group)} already has payroll run ${runs.map((r) => `${r.number}${r.isLocked ? ' (locked)' : ''}`).join(', ')}: changed hours are paid only after a new run in Nmbrs`,
			location: 'outputPane',
		});
	} catch (error) {
		// An optional check: a template without Run_GetList must not block the export.
		if (!(error instanceof NmbrsFault)) return await Promise.reject(error);
		this.addExecutionHints({
			message: `Could not check for payroll runs in ${year}-${period} of company ${companyId}: ${error.message}. Allow Run_GetList in the API user template to get this warning.`,
			location: 'outputPane',
		});
	}
}

function parseManagedCodes(this: IExecuteFunctions, text: string): number[] {
	const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
	const bad = parts.filter((p) => !/^\d+$/.test(p));
	if (bad.length > 0) {
		throw new NodeOperationError(this.getNode(), `Managed Hour Codes contains "${bad.join('", "')}", which is not an hour code`, {
			description: 'List whole-number hour codes separated by commas, e.g. 1, 3, 20',
		});
	}
	return parts.map(Number);
}
