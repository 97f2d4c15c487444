import {
	DecreaseLimitExceeded,
	isNotAllowed,
	NegativeHoursRefused,
	NmbrsFault,
	NmbrsTransportError,
	PastDeleteRefused,
	type Decrease,
} from '../domain/faults';
import {
	chunk,
	correctionRows,
	hasChanges,
	planCodes,
	replaceActions,
	replaceNeeded,
	type CodePlan,
} from '../domain/diff';
import type { EmployeeTarget } from '../domain/exportPlan';
import type { HourRow, NewHourRow } from '../domain/types';
import type { NmbrsApi, PeriodWrite } from './ports';
import { mapWithConcurrency } from '../../shared/concurrency';

export { mapWithConcurrency };

// The hours export as a state-based diff: read what Nmbrs has, write only the difference,
// read back and verify. Nothing here remembers earlier runs; Nmbrs is the only state, so a run
// after any failure (or a second run) computes the remaining difference from scratch.

export type WriteMode = 'correctionLines' | 'replaceRows';
export type { EmployeeTarget };

export interface ExportJob {
	year: number;
	period: number;
	unprotected: boolean;
	targets: EmployeeTarget[];
	/** Hour codes this export reconciles; rows on any other code are never touched. */
	ownedCodes: Set<number>;
	writeMode: WriteMode;
	preview: boolean;
	comment: string;
	/** Stop before writing when totals would drop by more than this many hundredths in all. */
	maxDecrease?: number;
}

export interface EngineSettings {
	/** Rows per HourComponentVar_Insert_Batch call. */
	batchSize: number;
	/** Parallel reads. */
	concurrency: number;
	/** Write rounds, the first included; each later round corrects what read-back found. */
	maxRounds: number;
	/**
	 * Pause before each read-back, drawn at random so that two overlapping exports (other n8n
	 * processes or workers) fall out of step: from min up to max, or up to twice the time a read
	 * took if that is longer, doubled every round.
	 */
	settleMs: [number, number];
	/** Clock for measuring reads; default Date.now. */
	now?: () => number;
	sleep: (ms: number) => Promise<void>;
	random: () => number;
}

export type EmployeeStatus = 'changed' | 'unchanged' | 'preview' | 'error';

export interface EmployeeOutcome {
	employeeId: string;
	/** The plan as first computed: what Nmbrs had and what the export changes. */
	plan: CodePlan[];
	status: EmployeeStatus;
	/** Calls that wrote something for this employee (rows inserted, updated or deleted). */
	writes: number;
	/** Of those, calls whose answer never came (network, timeout, HTTP 5xx): outcome unknown. */
	unconfirmed: number;
	/** Read-back found totals this export did not write: another writer changed them meanwhile. */
	otherWriter: boolean;
	/** current is null when the API user may not read days (DaysVar_Get): they are then always set. */
	days?: { desired: number; current: number | null };
	error?: string;
}

export async function readRows(
	api: NmbrsApi,
	employeeIds: string[],
	year: number,
	period: number,
	concurrency: number,
): Promise<Map<string, HourRow[]>> {
	const rows = await mapWithConcurrency(employeeIds, concurrency, (id) =>
		api.getVariableHours(id, year, period),
	);
	return new Map(employeeIds.map((id, i) => [id, rows[i]]));
}

interface Pending {
	target: EmployeeTarget;
	rows: HourRow[];
	plan: CodePlan[];
}

export async function runExport(
	api: NmbrsApi,
	job: ExportJob,
	settings: EngineSettings,
): Promise<EmployeeOutcome[]> {
	const at: PeriodWrite = { year: job.year, period: job.period, unprotected: job.unprotected };
	const owns = (code: number) => job.ownedCodes.has(code);
	const ids = job.targets.map((t) => t.employeeId);

	const now = settings.now ?? Date.now;
	const readStarted = now();
	let rows = await readRows(api, ids, job.year, job.period, settings.concurrency);
	const readMs = now() - readStarted;
	const outcomes = new Map<string, EmployeeOutcome>();
	for (const target of job.targets) {
		const plan = planCodes(target.desired, rows.get(target.employeeId) ?? [], owns);
		outcomes.set(target.employeeId, {
			employeeId: target.employeeId,
			plan,
			status: job.preview ? 'preview' : 'unchanged',
			writes: 0,
			unconfirmed: 0,
			otherWriter: false,
		});
	}
	const decrease = decreaseOf([...outcomes.values()]);
	if (!job.preview && job.maxDecrease !== undefined && decrease.hundredths > job.maxDecrease)
		throw new DecreaseLimitExceeded(decrease, job.maxDecrease);
	await planDays(api, job, outcomes, settings);
	if (job.preview) return [...outcomes.values()];

	const needsWrite = (p: Pending) =>
		job.writeMode === 'replaceRows'
			? replaceNeeded(replaceActions(p.target.employeeId, p.plan, p.rows, job.comment))
			: hasChanges(p.plan);
	let pending: Pending[] = job.targets
		.map((target) => ({
			target,
			rows: rows.get(target.employeeId) ?? [],
			plan: outcomes.get(target.employeeId)!.plan,
		}))
		.filter(needsWrite);

	for (let round = 1; round <= settings.maxRounds && pending.length > 0; round++) {
		await writeRound(api, job, at, pending, outcomes, settings);
		// Read back after a random pause: catches batches whose outcome was unknown and
		// deltas that an overlapping export applied too. After the first round, which only an
		// overlap or a lost answer leads to, the spread grows each round and with the read
		// time, so two exports in lock step cannot keep cancelling each other out.
		const [min, max] = settings.settleMs;
		const spread = round === 1 ? max - min : Math.max(max - min, 2 * readMs) * 2 ** (round - 2);
		await settings.sleep(min + Math.floor(settings.random() * (spread + 1)));
		const written = pending.map((p) => p.target);
		rows = await readRows(
			api,
			written.map((t) => t.employeeId),
			job.year,
			job.period,
			settings.concurrency,
		);
		const before = new Map(pending.map((p) => [p.target.employeeId, p.plan]));
		pending = written
			.map((target) => {
				const fresh = rows.get(target.employeeId) ?? [];
				const plan = planCodes(target.desired, fresh, owns);
				if (movedByOthers(before.get(target.employeeId) ?? [], plan))
					outcomes.get(target.employeeId)!.otherWriter = true;
				return { target, rows: fresh, plan };
			})
			.filter(needsWrite);
	}
	for (const p of pending) {
		const outcome = outcomes.get(p.target.employeeId)!;
		outcome.status = 'error';
		outcome.error = outcome.otherWriter
			? `Nmbrs totals changed during the export in a way this export did not write (another export of the same period, or someone in Nmbrs, changed them too), and after ${settings.maxRounds} write rounds they still differ from the input. Run the export again; it writes only what is still missing.`
			: `${outcome.unconfirmed} of ${outcome.writes} writes were not confirmed by Nmbrs (no answer, or a server error), and after ${settings.maxRounds} write rounds the totals still differ from the input. Run the export again; it writes only what is still missing.`;
	}
	await writeDays(api, job, at, outcomes);
	return [...outcomes.values()];
}

/** Sends one round of writes. A write whose outcome is unknown is not repeated here: the read-back decides. */
async function writeRound(
	api: NmbrsApi,
	job: ExportJob,
	at: PeriodWrite,
	pending: Pending[],
	outcomes: Map<string, EmployeeOutcome>,
	settings: EngineSettings,
): Promise<void> {
	const touch = (employeeId: string) => {
		const outcome = outcomes.get(employeeId)!;
		outcome.writes++;
		outcome.status = 'changed';
	};
	const tolerateUnknown = async (write: () => Promise<void>, employeeIds: string[]) => {
		employeeIds.forEach(touch);
		// Outcome unknown (NmbrsTransportError): carry on, the read-back decides. Nmbrs said no: abort.
		await write().catch((error: unknown) => {
			if (!(error instanceof NmbrsTransportError)) return Promise.reject(error);
			for (const id of employeeIds) outcomes.get(id)!.unconfirmed++;
			return undefined;
		});
	};

	if (job.writeMode === 'correctionLines') {
		const newRows = pending.flatMap((p) =>
			correctionRows(p.target.employeeId, p.plan, job.comment),
		);
		// Rows that lower a total go first, in batches of their own, and the first such batch
		// alone: if this Nmbrs refuses negative hours (undocumented), the refusal comes before
		// anything else was written. The other batches go out side by side.
		const send = (batch: NewHourRow[]) =>
			tolerateUnknown(
				() =>
					api
						.insertVariableHours(batch, at)
						.catch((error: unknown) =>
							batch[0].hundredths < 0 ? refusedNegative(error) : Promise.reject(error),
						),
				[...new Set(batch.map((r) => r.employeeId))],
			);
		const [firstLowering, ...otherLowering] = chunk(
			newRows.filter((r) => r.hundredths < 0),
			settings.batchSize,
		);
		if (firstLowering) await send(firstLowering);
		const rest = [
			...otherLowering,
			...chunk(
				newRows.filter((r) => r.hundredths >= 0),
				settings.batchSize,
			),
		];
		await mapWithConcurrency(rest, settings.concurrency, send);
		return;
	}
	for (const p of pending) {
		const id = p.target.employeeId;
		const actions = replaceActions(id, p.plan, p.rows, job.comment);
		for (const row of actions.updates)
			await tolerateUnknown(() => api.updateVariableHour(id, row, job.comment, at), [id]);
		for (const rowId of actions.deletes) {
			// HourComponent_Delete has no UnprotectedMode: Nmbrs may refuse it in a past period.
			const refused = (error: unknown) =>
				Promise.reject(
					at.unprotected && error instanceof NmbrsFault ? new PastDeleteRefused(error) : error,
				);
			await tolerateUnknown(() => api.deleteVariableHour(id, rowId).catch(refused), [id]);
		}
		for (const batch of chunk(actions.inserts, settings.batchSize))
			await tolerateUnknown(() => api.insertVariableHours(batch, at), [id]);
	}
}

/** Faults that say something other than "no negative hours": login, rights, access, protected period. */
const NOT_ABOUT_HOURS = new Set([1001, 1002, 1003, 1004, 2011, 2012]);

function refusedNegative(error: unknown): Promise<never> {
	const aboutHours =
		error instanceof NmbrsFault && !(error.code !== undefined && NOT_ABOUT_HOURS.has(error.code));
	return Promise.reject(aboutHours ? new NegativeHoursRefused(error) : error);
}

/** What the plans take out of Nmbrs: the sum of every negative delta, and who and which codes. */
export function decreaseOf(outcomes: Array<Pick<EmployeeOutcome, 'plan'>>): Decrease {
	let hundredths = 0;
	let employees = 0;
	const codes = new Set<number>();
	for (const { plan } of outcomes) {
		const lowered = plan.filter((l) => l.delta < 0);
		if (lowered.length > 0) employees++;
		for (const l of lowered) {
			hundredths -= l.delta;
			codes.add(l.hourCode);
		}
	}
	return { hundredths, employees, hourCodes: [...codes].sort((a, b) => a - b) };
}

/**
 * Whether a read-back shows totals no write of this export explains: each write moves a code's
 * total from what was read toward the input, so a total outside that range came from elsewhere.
 */
function movedByOthers(before: CodePlan[], after: CodePlan[]): boolean {
	const was = new Map(before.map((l) => [l.hourCode, l]));
	return after.some((l) => {
		const prior = was.get(l.hourCode);
		const from = prior ? prior.current : 0;
		return l.current < Math.min(from, l.desired) || l.current > Math.max(from, l.desired);
	});
}

async function planDays(
	api: NmbrsApi,
	job: ExportJob,
	outcomes: Map<string, EmployeeOutcome>,
	settings: EngineSettings,
) {
	const withDays = job.targets.filter((t) => t.days !== undefined);
	// Without DaysVar_Get (not in TimeChimp's template) days are set unread: setting is idempotent.
	const read = (employeeId: string) =>
		api
			.getDaysWorked(employeeId, job.year, job.period)
			.catch((error: unknown) => (isNotAllowed(error) ? null : Promise.reject(error)));
	const current = await mapWithConcurrency(withDays, settings.concurrency, (t) =>
		read(t.employeeId),
	);
	withDays.forEach((t, i) => {
		outcomes.get(t.employeeId)!.days = { desired: t.days!, current: current[i] };
	});
}

/** Days worked are set, not added, so sending them again is harmless; only changed values are sent. */
async function writeDays(
	api: NmbrsApi,
	job: ExportJob,
	at: PeriodWrite,
	outcomes: Map<string, EmployeeOutcome>,
) {
	const changed = [...outcomes.values()].filter(
		(o) => o.status !== 'error' && o.days && o.days.desired !== o.days.current,
	);
	if (changed.length === 0) return;
	await api.setDaysWorked(
		changed.map((o) => ({ employeeId: o.employeeId, days: o.days!.desired })),
		at,
	);
	for (const o of changed) {
		o.writes++;
		o.status = 'changed';
	}
}
