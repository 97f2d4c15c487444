// The export engine against an in-memory Nmbrs that loses writes before or after applying them:
// thousands of randomized seeds, alone and two at a time, each ending exact.
import {
	runExport,
	type EngineSettings,
	type ExportJob,
} from '../../../nodes/Nmbrs/app/exportEngine';
import { NmbrsTransportError } from '../../../nodes/Nmbrs/domain/faults';
import { prng } from '../../emulators/timechimp/seed';
import { FakeNmbrs } from '../../support/fake-nmbrs';

const YEAR = 2026;
const PERIOD = 10;
const OWNED = [1, 2, 3, 20];
const UNOWNED = 21;
const EMPLOYEES = ['e1', 'e2', 'e3', 'e4'];

const settings = (random: () => number, maxRounds = 2): EngineSettings => ({
	batchSize: 3,
	concurrency: 3,
	maxRounds,
	settleMs: [0, 0],
	sleep: async () => undefined,
	random,
	now: () => 0,
});

function scenario(random: () => number, nmbrs: FakeNmbrs): ExportJob {
	const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
	for (const e of EMPLOYEES)
		for (let r = Math.floor(random() * 4); r > 0; r--)
			nmbrs.add(e, YEAR, PERIOD, pick([...OWNED, UNOWNED]), Math.round(random() * 40) * 25 - 200);
	return {
		year: YEAR,
		period: PERIOD,
		unprotected: false,
		targets: EMPLOYEES.filter(() => random() < 0.85).map((employeeId) => ({
			employeeId,
			desired: new Map(
				Array.from(
					{ length: 1 + Math.floor(random() * 3) },
					() => [pick(OWNED), Math.round(random() * 40) * 25] as [number, number],
				),
			),
			days: random() < 0.3 ? Math.floor(random() * 20) : undefined,
		})),
		ownedCodes: new Set(OWNED),
		writeMode: random() < 0.3 ? 'replaceRows' : 'correctionLines',
		preview: false,
		comment: 'unit',
	};
}

const snapshot = (nmbrs: FakeNmbrs) =>
	new Map(
		EMPLOYEES.flatMap((e) =>
			[...OWNED, UNOWNED].map(
				(c) => [`${e}:${c}`, nmbrs.total(e, YEAR, PERIOD, c)] as [string, number],
			),
		),
	);

function expectExact(nmbrs: FakeNmbrs, job: ExportJob, before: Map<string, number>, seed: number) {
	for (const e of EMPLOYEES) {
		const target = job.targets.find((t) => t.employeeId === e);
		for (const c of OWNED) {
			const want = target ? (target.desired.get(c) ?? 0) : before.get(`${e}:${c}`);
			expect({ seed, e, c, total: nmbrs.total(e, YEAR, PERIOD, c) }).toEqual({
				seed,
				e,
				c,
				total: want,
			});
		}
		expect({ seed, e, unowned: nmbrs.total(e, YEAR, PERIOD, UNOWNED) }).toEqual({
			seed,
			e,
			unowned: before.get(`${e}:${UNOWNED}`),
		});
		if (target?.days !== undefined)
			expect({ seed, e, days: nmbrs.days.get(`${e}:${YEAR}:${PERIOD}`) ?? 0 }).toEqual({
				seed,
				e,
				days: target.days,
			});
	}
}

/** A failed run leaves every owned total between what Nmbrs had and the input. */
function expectWithinRange(
	nmbrs: FakeNmbrs,
	job: ExportJob,
	before: Map<string, number>,
	seed: number,
) {
	for (const t of job.targets) {
		for (const c of OWNED) {
			const old = before.get(`${t.employeeId}:${c}`)!;
			const want = t.desired.get(c) ?? 0;
			const now = nmbrs.total(t.employeeId, YEAR, PERIOD, c);
			expect({
				seed,
				e: t.employeeId,
				c,
				inRange: now >= Math.min(old, want) && now <= Math.max(old, want),
			}).toEqual({ seed, e: t.employeeId, c, inRange: true });
		}
	}
}

describe('export engine against an in-memory Nmbrs that loses writes', () => {
	it('ends exact after re-runs, over 2,000 seeds; failed runs stay within [old, new]', async () => {
		let failedRuns = 0;
		const losses = { before: 0, after: 0 };
		for (let seed = 1; seed <= 2000; seed++) {
			const random = prng(seed);
			const nmbrs = new FakeNmbrs();
			const job = scenario(random, nmbrs);
			const before = snapshot(nmbrs);
			nmbrs.loseWrite = () => {
				const r = random();
				if (r < 0.2) return (losses.before++, 'before');
				if (r < 0.4) return (losses.after++, 'after');
				return undefined;
			};
			nmbrs.failRead = () => random() < 0.05;
			let done = false;
			for (let attempt = 1; attempt <= 30 && !done; attempt++) {
				try {
					done = (await runExport(nmbrs.api(), job, settings(random))).every(
						(o) => o.status !== 'error',
					);
				} catch (error) {
					// Only a lost answer may stop a run; anything else is a bug in the engine.
					if (!(error instanceof NmbrsTransportError)) throw error;
				}
				if (!done) {
					failedRuns++;
					expectWithinRange(nmbrs, job, before, seed);
				}
			}
			expect({ seed, done }).toEqual({ seed, done: true });
			nmbrs.loseWrite = () => undefined;
			nmbrs.failRead = () => false;
			expectExact(nmbrs, job, before, seed);
			const writes = nmbrs.writes;
			await runExport(nmbrs.api(), job, settings(random));
			expect({ seed, again: nmbrs.writes - writes }).toEqual({ seed, again: 0 });
		}
		expect(failedRuns).toBeGreaterThan(500);
		expect(Math.min(losses.before, losses.after)).toBeGreaterThan(1000);
	}, 60_000);

	it('two exports of the same job at once end exact, over 500 seeds', async () => {
		for (let seed = 1; seed <= 500; seed++) {
			const random = prng(100_000 + seed);
			const nmbrs = new FakeNmbrs();
			const job = { ...scenario(random, nmbrs), writeMode: 'correctionLines' as const };
			const before = snapshot(nmbrs);
			// Interleave the two at every await: the fake answers on the next microtask.
			const [a, b] = await Promise.all([
				runExport(nmbrs.api(), job, settings(prng(seed), 8)),
				runExport(nmbrs.api(), job, settings(prng(seed + 1), 8)),
			]);
			let rounds = 0;
			let outcomes = [...a, ...b];
			while (outcomes.some((o) => o.status === 'error') && rounds++ < 3)
				outcomes = await runExport(nmbrs.api(), job, settings(random));
			expectExact(nmbrs, job, before, seed);
		}
	}, 60_000);
});
