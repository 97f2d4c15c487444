import { queueRedis, withSharedLock } from '../../shared/queueMode';

// Exports of the same company and period run one after the other: two overlapping diffs of the
// same totals would each correct the other's writes. Within one n8n process they queue here;
// in queue mode they also hold a lock in n8n's Redis, so workers take turns too.
const tails = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier export with the same key has finished (in queue mode: on any worker). */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const redis = queueRedis();
	const locked = redis ? () => withSharedLock(redis, key, work) : work;
	const before = tails.get(key) ?? Promise.resolve();
	const mine = before.then(locked, locked);
	const tail = mine.then(
		() => undefined,
		() => undefined,
	);
	tails.set(key, tail);
	try {
		return await mine;
	} finally {
		if (tails.get(key) === tail) tails.delete(key);
	}
}

/** The lock key: one Nmbrs environment, company and period. */
export function exportLockKey(
	baseUrl: string,
	companyId: string,
	year: number,
	period: number,
): string {
	return `${baseUrl}|${companyId}|${year}|${period}`;
}
