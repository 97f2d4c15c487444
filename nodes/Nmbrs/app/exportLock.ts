// Exports of the same company and period in one n8n process run one after the other: two
// overlapping diffs of the same totals would each correct the other's writes.
const tails = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier export with the same key in this process has finished. */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const before = tails.get(key) ?? Promise.resolve();
	const mine = before.then(work, work);
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
