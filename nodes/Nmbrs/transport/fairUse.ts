import { createHash } from 'crypto';

import { Semaphore } from '../../shared/concurrency';
import { SlidingWindowLimiter } from '../../shared/limiter';
import { queueRedis, sharedRateSlot } from '../../shared/queueMode';

// Nmbrs fair use: 150 calls per second per login. Every call of this package waits for a slot
// of its login: at most `callsPerSecond` starts per second (the credential's Calls Per Second)
// and at most MAX_IN_FLIGHT calls in flight per process. In n8n's queue mode the per-second
// limit is counted in n8n's Redis, so all workers together keep it.

export const FAIR_USE_MAX = 150;
export const DEFAULT_CALLS_PER_SECOND = 100;
/** Calls in flight per login and process, whatever number of exports run at once. */
export const MAX_IN_FLIGHT = 10;
/**
 * Nmbrs counts calls when they arrive, a few milliseconds after they start here; a window this
 * much longer than a second keeps the arrivals within the limit too.
 */
export const WINDOW_MS = 1_020;

export interface FairUse {
	/** Who Nmbrs counts the calls of: a hash of environment and login (never the secret itself). */
	login: string;
	callsPerSecond: number;
}

export function fairUse(parts: string[], callsPerSecond: unknown): FairUse {
	const asked = Number(callsPerSecond);
	return {
		login: createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32),
		callsPerSecond:
			Number.isFinite(asked) && asked >= 1
				? Math.min(FAIR_USE_MAX, Math.floor(asked))
				: DEFAULT_CALLS_PER_SECOND,
	};
}

const gates = new Map<string, { limiter: SlidingWindowLimiter; inFlight: Semaphore }>();

/** Waits for a call slot of this login; call the returned function when the call has ended. */
export async function callSlot(
	use: FairUse,
	sleep: (ms: number) => Promise<void>,
): Promise<() => void> {
	const key = `${use.login}:${use.callsPerSecond}`;
	let gate = gates.get(key);
	if (!gate) {
		gate = {
			limiter: new SlidingWindowLimiter(use.callsPerSecond, WINDOW_MS, Number.POSITIVE_INFINITY),
			inFlight: new Semaphore(MAX_IN_FLIGHT),
		};
		gates.set(key, gate);
	}
	const { limiter } = gate;
	const release = await gate.inFlight.acquire();
	const redis = queueRedis();
	const started = redis
		? sharedRateSlot(redis, use.login, use.callsPerSecond, WINDOW_MS, sleep)
		: limiter.acquire(sleep);
	return await started.then(
		() => release,
		(error: unknown) => {
			release();
			return Promise.reject(error);
		},
	);
}
