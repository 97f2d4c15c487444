import { employeeMatchBy } from '../../helpers/employee';
import { labelOf } from '../../../app/companies';
import {
	NodeOperationError,
	sleep,
	type INode,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { mapWithConcurrency } from '../../../../shared/concurrency';
import { MAX_IN_FLIGHT } from '../../../transport';
import { companyContexts } from '../../../app/companyContext';
import {
	decreaseOf,
	runExport,
	type EmployeeOutcome,
	type EngineSettings,
	type ExportJob,
	type WriteMode,
} from '../../../app/exportEngine';
import { exportLockKey, oneAtATime } from '../../../app/exportLock';
import {
	EXPORT_COMMENT,
	ExportPlanError,
	planJobs,
	type Job as PlannedJob,
} from '../../../app/exportPlanner';
import { runsCovering, type DaysSource } from '../../../domain/exportPlan';
import {
	DecreaseLimitExceeded,
	NegativeHoursRefused,
	NmbrsFault,
	PastDeleteRefused,
	PROTECTED_PERIOD_CODES,
	type Decrease,
} from '../../../domain/faults';
import { hundredthsToHours, parseHoursToHundredths } from '../../../domain/hours';
import { periodKey } from '../../../domain/periods';
import type { NmbrsSession } from '../../helpers/context';
import { redact, toNodeError } from '../../helpers/errors';
import { readExportLines } from './export.lines';

export { description } from './export.description';

export const ENGINE_SETTINGS: EngineSettings = {
	batchSize: 100,
	// As many reads as a login may have in flight; the login's rate limit paces them.
	concurrency: MAX_IN_FLIGHT,
	// Six rounds: two exports of one period in lock step (two n8n workers) fall out of step with
	// near certainty before they run out. An even number, so a pair that never falls out of step
	// ends where it started, never with the hours paid twice.
	maxRounds: 6,
	settleMs: [100, 600],
	sleep,
	random: Math.random,
};

interface Options {
	managedHourCodes?: string;
	employeeScope?: 'input' | 'inputAndExported' | 'allEmployees';
	writeMode?: WriteMode;
	daysWorked?: DaysSource;
	daysWorkedField?: string;
	negativeTotalCodes?: string;
	maxDecreaseHours?: string;
}

/** A planned job, with what the run found out about it. */
interface Job extends PlannedJob {
	/** Payroll runs that already cover the period (Run_GetList). */
	payrollRuns?: IDataObject[];
}

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as Options;
	const by = employeeMatchBy(this);
	const preview = this.getNodeParameter('preview', 0) as boolean;
	const pastPeriods = this.getNodeParameter('pastPeriods', 0, 'stop') as
		'stop' | 'allowChanges' | 'bookInCurrentPeriod';
	const contextOf = companyContexts(session.api, by);
	const managed = parseCodeList.call(this, options.managedHourCodes ?? '', 'Managed Hour Codes');
	const maxDecrease = parseHoursLimit.call(this, options.maxDecreaseHours ?? '');

	// 1. Validate every line before anything is written.
	const negativeTotalCodes = new Set(
		parseCodeList.call(
			this,
			options.negativeTotalCodes ?? '',
			'Hour Codes That May Total Below Zero',
		),
	);
	const { lines, rejected, markers } = await readExportLines(this, session, contextOf, {
		...options,
		negativeTotalCodes,
	});
	const out: INodeExecutionData[] = [];
	const firstCause = rejected.find((r) => !r.derived);
	if (firstCause && !this.continueOnFail()) throw firstCause.error;
	for (const r of rejected) {
		out.push({
			json: { action: 'error', error: r.error.message },
			pairedItem: { item: r.itemIndex },
		});
	}

	// 2. Plan one job per company and period (past periods, scope, owned codes): app/exportPlanner.ts.
	const plan = await planJobs(session.api, contextOf, lines, markers, {
		managedCodes: managed,
		allowPastPeriods: pastPeriods === 'allowChanges',
		pastPeriodHandling: pastPeriods === 'bookInCurrentPeriod' ? 'bookInCurrentPeriod' : 'stop',
		writeMode: options.writeMode ?? 'correctionLines',
		employeeScope: options.employeeScope ?? 'input',
		daysWorked: options.daysWorked ?? 'off',
		concurrency: ENGINE_SETTINGS.concurrency,
	}).catch(async (error: unknown) =>
		Promise.reject(
			error instanceof ExportPlanError
				? planError(
						this.getNode(),
						error,
						await labelOf(session.api, error.problem.group.companyId),
					)
				: error,
		),
	);
	noteUnknownCurrentPeriods.call(this, plan.unknownCurrent);

	const exportOf = (job: Job): ExportJob => ({
		year: job.group.year,
		period: job.group.period,
		unprotected: job.unprotected,
		targets: [...job.targets.values()],
		ownedCodes: job.ownedCodes,
		writeMode: options.writeMode ?? 'correctionLines',
		preview,
		comment: `${EXPORT_COMMENT} ${periodKey(job.group)}`,
		maxDecrease,
	});
	// 3. Run the jobs: companies side by side (their calls share the login's fair use), and
	// within a company oldest period first: where Nmbrs itself must refuse a protected period
	// (current period unknown), that refusal comes before any later period was written.
	const byCompany = new Map<string, Job[]>();
	for (const job of plan.jobs as Job[])
		byCompany.set(job.group.companyId, [...(byCompany.get(job.group.companyId) ?? []), job]);
	const results = new Map<Job, JobResult>();
	await mapWithConcurrency([...byCompany.values()], byCompany.size, async (jobs) => {
		for (const job of jobs) results.set(job, await runJob.call(this, session, job, exportOf(job)));
	});
	const unfinished: Array<{ job: Job; outcome: EmployeeOutcome }> = [];
	for (const job of plan.jobs as Job[]) {
		const result = results.get(job)!;
		out.push(...result.out);
		unfinished.push(...result.unfinished);
	}
	if (preview)
		this.addExecutionHints({
			message: 'Preview: nothing was written to Nmbrs. Turn Preview off to export.',
			location: 'outputPane',
		});
	// Writes that did not land fail the execution: a scheduled payroll run must not look green.
	if (unfinished.length > 0 && !this.continueOnFail())
		throw await unfinishedError(this.getNode(), unfinished, session.token);
	return out;
}

interface JobResult {
	out: INodeExecutionData[];
	unfinished: Array<{ job: Job; outcome: EmployeeOutcome }>;
}

/** One company and period: checks, the export itself, and its output items and hints. */
async function runJob(
	this: IExecuteFunctions,
	session: NmbrsSession,
	job: Job,
	exportJob: ExportJob,
): Promise<JobResult> {
	const { group } = job;
	await notePayrollRuns.call(this, session, job);
	let outcomes: EmployeeOutcome[];
	try {
		const lockKey = exportLockKey(session.baseUrl, group.companyId, group.year, group.period);
		outcomes = await oneAtATime(
			lockKey,
			async () => await runExport(session.api, exportJob, ENGINE_SETTINGS),
		);
	} catch (error) {
		const nodeError = exportError(
			this.getNode(),
			error,
			session.token,
			job,
			await job.context.label(),
		);
		if (!this.continueOnFail()) throw nodeError;
		const json = {
			companyId: group.companyId,
			year: group.year,
			period: group.period,
			action: 'error',
			error: nodeError.message,
		};
		return {
			out: [{ json, pairedItem: group.lines.map((l) => ({ item: l.itemIndex })) }],
			unfinished: [],
		};
	}
	const names = await job.context.hourCodeNames();
	const itemsOf = new Map<string, number[]>();
	for (const l of group.lines) {
		const items = itemsOf.get(l.employeeId);
		if (items) items.push(l.itemIndex);
		else itemsOf.set(l.employeeId, [l.itemIndex]);
	}
	const out = outcomes.map((outcome) => toOutputItem(job, outcome, names, itemsOf));
	noteDecrease.call(this, job, decreaseOf(outcomes), exportJob.preview);
	if (outcomes.some((o) => o.days?.current === null)) {
		this.addExecutionHints({
			message: `Days worked in ${periodKey(group)} of company ${group.companyId} were set without reading them first: this Nmbrs API user may not call DaysVar_Get. Setting them again is harmless; allow DaysVar_Get to send only changes.`,
			location: 'outputPane',
		});
	}
	const unfinished = outcomes
		.filter((o) => o.status === 'error')
		.map((outcome) => ({ job, outcome }));
	return { out, unfinished };
}

async function unfinishedError(
	node: INode,
	unfinished: Array<{ job: Job; outcome: EmployeeOutcome }>,
	token: string,
): Promise<Error> {
	const [{ job, outcome }] = unfinished;
	const itemIndex =
		job.group.lines.find((l) => l.employeeId === outcome.employeeId)?.itemIndex ??
		job.group.firstItem;
	const who = job.context.describe(outcome.employeeId);
	const periods = [
		...new Set(
			await Promise.all(
				unfinished.map(async (u) => `${periodKey(u.job.group)} of ${await u.job.context.label()}`),
			),
		),
	].join(', ');
	return new NodeOperationError(
		node,
		redact(
			`The export could not write everything: ${unfinished.length} employee(s) in ${periods} still differ from the input [item ${itemIndex}]`,
			token,
		),
		{
			itemIndex,
			description: redact(
				`First: employee ${who.employeeNumber ?? outcome.employeeId} (${who.employeeName}). ${outcome.error ?? ''} Turn on Continue On Fail to get one item per employee, including those that were written.`,
				token,
			),
		},
	);
}

const PAST_PERIOD_FIX =
	'Nmbrs protects past periods. If payroll for that period has not been finalised, set Past Periods to "Allow Changes (Unprotected)". Otherwise set it to "Book Corrections Into Current Period" so the differences are paid in the current period.';

/** Without Company_GetCurrentPeriod the export still runs, with year and period given, and says so. */
function noteUnknownCurrentPeriods(this: IExecuteFunctions, companies: string[]) {
	if (companies.length === 0) return;
	this.addExecutionHints({
		message: `Company ${companies.join(', ')}: this Nmbrs API user may not read the current period (Company_GetCurrentPeriod), so past periods are not checked before writing; Nmbrs refuses writes to protected periods, and nothing is written then. Allow Company_GetCurrentPeriod to have them checked first.`,
		location: 'outputPane',
	});
}

/** The planner's reasons to stop before writing, in the node's words. */
function planError(node: INode, error: ExportPlanError, company: string): Error {
	const { problem } = error;
	const itemIndex = problem.group.firstItem;
	if (problem.kind === 'pastPeriod') {
		return new NodeOperationError(
			node,
			`Period ${periodKey(problem.group)} of ${company} is before its current period ${periodKey(problem.current)}; nothing was written [item ${itemIndex}]`,
			{ itemIndex, description: PAST_PERIOD_FIX },
		);
	}
	if (problem.kind === 'needsCurrentPeriod') {
		const needs =
			problem.needs === 'bookInCurrentPeriod'
				? 'Book Corrections Into Current Period'
				: 'Write Mode "Replace Rows"';
		return new NodeOperationError(
			node,
			`${needs} needs the company's current period, but this Nmbrs API user may not read it (Company_GetCurrentPeriod); nothing was written [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Allow Company_GetCurrentPeriod in the API user template in Nmbrs, or use the default settings (Correction Lines, Stop).',
			},
		);
	}
	return new NodeOperationError(
		node,
		`Employee Scope "Employees in the Input and Those This Export Paid" needs row comments, which this Nmbrs does not return, so the export cannot tell its own rows from hand-entered ones; nothing was written [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Use "All Employees of the Company" (which also zeroes hours entered by hand on the reconciled codes), or keep every employee who had hours in the input, with 0 hours.',
		},
	);
}

/** Errors of one export job, with what the export knows about the cause. */
function exportError(node: INode, error: unknown, token: string, job: Job, company: string): Error {
	const { group } = job;
	const itemIndex = group.firstItem;
	const where = `period ${periodKey(group)} of ${company}`;
	const fail = (message: string, description: string, fault: NmbrsFault) =>
		new NodeOperationError(node, redact(`${message} [item ${itemIndex}]`, token), {
			itemIndex,
			description: redact(`${description} Nmbrs said: "${fault.nmbrsMessage}".`, token),
		});
	const fault =
		error instanceof NegativeHoursRefused || error instanceof PastDeleteRefused
			? error.fault
			: error instanceof NmbrsFault
				? error
				: undefined;
	const rest = fault?.source.api === 'rest';
	const codeText =
		fault?.source.api === 'rest'
			? `HTTP ${fault.source.status}`
			: `Nmbrs error ${fault?.code ?? 'unknown'}`;
	// Without the current period, a refused write may be Nmbrs protecting a past period (2011, or 9999).
	const maybeProtected =
		fault?.code !== undefined &&
		PROTECTED_PERIOD_CODES.has(fault.code) &&
		job.context.current === undefined;
	if (
		fault &&
		maybeProtected &&
		(fault.code === 2011 || !(error instanceof NegativeHoursRefused))
	) {
		const message = `Nmbrs refused to write into ${where} (${codeText}): it is before the company's current period, which Nmbrs protects. Nothing was written for this period`;
		return fail(message, PAST_PERIOD_FIX, fault);
	}
	if (error instanceof NegativeHoursRefused) {
		const also = maybeProtected
			? ` If ${periodKey(group)} is before the company's current period, Nmbrs may instead be protecting it: ${PAST_PERIOD_FIX}`
			: '';
		const message = `Nmbrs refused rows with negative hours (${codeText}), so Correction Lines cannot lower totals in ${where}. Nothing was written for this period`;
		const rights = rest
			? 'the Nmbrs OAuth2 credential needs the employee.payment scope'
			: 'allow HourComponent_Update and HourComponent_Delete in the API user template';
		const fix = `Lowering a total in this Nmbrs needs Write Mode "Replace Rows", which changes and deletes rows instead (${rights}).${also}`;
		return fail(message, fix, error.fault);
	}
	if (error instanceof DecreaseLimitExceeded) {
		const { decrease, limit } = error;
		return new NodeOperationError(
			node,
			`This export would lower totals in ${where} by ${hundredthsToHours(decrease.hundredths).toFixed(2)} hours in all (${decrease.employees} employee(s); hour codes ${decrease.hourCodes.join(', ')}), more than the ${hundredthsToHours(limit).toFixed(2)} allowed; nothing was written [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Totals are set to the input, so hours missing from the input are taken out of Nmbrs. Check that the input holds every line of the period (every approved entry, all pages), or raise Options → Stop When Totals Would Drop By More Than.',
			},
		);
	}
	if (error instanceof PastDeleteRefused) {
		const message = `Nmbrs refused to delete an hour row in ${where}, a past period (${codeText}): Replace Rows cannot change rows there. Check the totals with Hours → Get`;
		const fix =
			'Set Past Periods to "Book Corrections Into Current Period" to pay the difference in the current period, or Write Mode "Correction Lines".';
		return fail(message, fix, error.fault);
	}
	return toNodeError(node, error, token, itemIndex);
}

function toOutputItem(
	job: Job,
	outcome: EmployeeOutcome,
	hourCodeNames: Map<number, string>,
	itemsOf: Map<string, number[]>,
): INodeExecutionData {
	// An employee only in Nmbrs (scope beyond the input) pairs with every item of the period.
	const own = itemsOf.get(outcome.employeeId) ?? job.group.lines.map((l) => l.itemIndex);
	const paired = own.map((item) => ({ item }));
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
			description: hourCodeNames.get(l.hourCode) ?? '',
			desiredHours: hundredthsToHours(l.desired),
			currentHours: hundredthsToHours(l.current),
			deltaHours: hundredthsToHours(l.delta),
		})),
		writes: outcome.writes,
	};
	if (outcome.days)
		json.daysWorked = { desired: outcome.days.desired, current: outcome.days.current };
	if (job.bookedFrom.length > 0) json.correctionsFromPeriods = job.bookedFrom;
	if (job.payrollRuns?.length) json.payrollRuns = job.payrollRuns;
	if (outcome.error) json.error = outcome.error;
	return { json, pairedItem: paired.length > 0 ? paired : { item: 0 } };
}

/** Warns when the period already has a payroll run: changes then need a correction run in Nmbrs. */
async function notePayrollRuns(
	this: IExecuteFunctions,
	session: NmbrsSession,
	job: Job,
): Promise<void> {
	const { companyId, year, period } = job.group;
	try {
		const runs = runsCovering(await session.api.listPayrollRuns(companyId, year), job.group);
		if (runs.length === 0) return;
		job.payrollRuns = runs.map((r) => ({
			number: r.number,
			description: r.description,
			isLocked: r.isLocked,
		}));
		this.addExecutionHints({
			message: `Company ${companyId} period ${periodKey(job.group)} already has payroll run ${runs.map((r) => `${r.number}${r.isLocked ? ' (locked)' : ''}`).join(', ')}: changed hours are paid only after a new run in Nmbrs`,
			location: 'outputPane',
		});
	} catch (error) {
		// An optional check: a template without Run_GetList must not block the export.
		if (!(error instanceof NmbrsFault)) return await Promise.reject(error);
		this.addExecutionHints({
			// An optional check's fault text goes into the execution data: redacted and bounded like every error.
			message: redact(
				`Could not check for payroll runs in ${year}-${period} of company ${companyId}: ${error.message}. Allow Run_GetList in the API user template to get this warning.`,
				session.token,
			),
			location: 'outputPane',
		});
	}
}

/** Says how much a run takes out of Nmbrs: an incomplete input shows up here before payroll runs. */
function noteDecrease(this: IExecuteFunctions, job: Job, decrease: Decrease, preview: boolean) {
	if (decrease.hundredths === 0) return;
	const verb = preview ? 'would lower' : 'lowered';
	this.addExecutionHints({
		message: `Period ${periodKey(job.group)} of company ${job.group.companyId}: this export ${verb} totals by ${hundredthsToHours(decrease.hundredths).toFixed(2)} hours in all (${decrease.employees} employee(s); hour codes ${decrease.hourCodes.join(', ')}). Totals are set to the input, so hours missing from the input are taken out.`,
		location: 'outputPane',
	});
}

/** "Stop When Totals Would Drop By More Than (Hours)": empty = no limit; hours → hundredths. */
function parseHoursLimit(this: IExecuteFunctions, text: string): number | undefined {
	const trimmed = String(text ?? '').trim();
	if (trimmed === '') return undefined;
	const hundredths = parseHoursToHundredths(trimmed);
	if (hundredths === undefined || hundredths < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Stop When Totals Would Drop By More Than "${trimmed.slice(0, 40)}" is not a number of hours`,
			{
				description: 'Give a number of hours such as 40, or leave it empty for no limit.',
			},
		);
	}
	return hundredths;
}

function parseCodeList(this: IExecuteFunctions, text: string, field: string): number[] {
	const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
	const bad = parts.filter((p) => !/^\d+$/.test(p));
	if (bad.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`${field} contains "${bad.join('", "').slice(0, 100)}", which is not an hour code`,
			{
				description: 'List whole-number hour codes separated by commas, e.g. 1, 3, 20',
			},
		);
	}
	return parts.map(Number);
}
