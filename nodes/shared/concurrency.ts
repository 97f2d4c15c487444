/**
 * Runs fn over items with at most `limit` calls in flight, results in input order. When a call
 * fails, no further item is started; the calls in flight are awaited, then the first error is
 * thrown (so a caller knows nothing is still running when it sees the error).
 */
export async function mapWithConcurrency<T, R>(
	items: T[],
	limit: number,
	fn: (item: T) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (next < items.length && !failure) {
			const index = next++;
			try {
				results[index] = await fn(items[index]);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	if (failure) throw failure.error;
	return results;
}

/** At most `size` holders at a time; the others wait in order. */
export class Semaphore {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly size: number) {}

	/** Resolves with the release function once a place is free. */
	async acquire(): Promise<() => void> {
		if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.active++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		};
	}
}
