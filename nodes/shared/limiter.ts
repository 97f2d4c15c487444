/** The default wait: a plain timer (no n8n module, so every layer may use it). */
export const delay = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one rate limiter of both nodes (Nmbrs fair use per process, TimeChimp per token).
 * Sliding-window limiter: at most `limit` request starts per `windowMs`. Each caller
 * reserves the earliest free slot, so concurrent executions sharing one token queue
 * fairly instead of all bursting into 429s.
 */
export class SlidingWindowLimiter {
	private readonly starts: number[] = [];

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		/** Longest a caller may be queued before giving up. */
		readonly maxWaitMs: number,
	) {}

	/** Milliseconds the caller must wait (after reserving its slot), or -1 when over maxWaitMs. */
	reserve(now = Date.now()): number {
		while (this.starts.length && this.starts[0] <= now - this.windowMs) this.starts.shift();
		const blocker = this.starts[this.starts.length - this.limit];
		const at = blocker === undefined ? now : Math.max(now, blocker + this.windowMs);
		if (at - now > this.maxWaitMs) return -1;
		this.starts.push(at);
		return at - now;
	}

	/** Resolves when a request may start; false when the wait would exceed maxWaitMs. */
	async acquire(sleep: (ms: number) => Promise<void> = delay): Promise<boolean> {
		const wait = this.reserve();
		if (wait < 0) return false;
		if (wait > 0) await sleep(wait);
		return true;
	}
}

/**
 * Calls spaced evenly, `intervalMs` apart: no bursts, so calls that arrive a little late at the
 * other side do not pile into one second there. Each caller reserves the next free start.
 */
export class PacedLimiter {
	private next = 0;

	constructor(readonly intervalMs: number) {}

	/** Milliseconds the caller must wait before its reserved start. */
	reserve(now = Date.now()): number {
		const at = Math.max(now, this.next);
		this.next = at + this.intervalMs;
		return at - now;
	}

	async acquire(sleep: (ms: number) => Promise<void> = delay): Promise<void> {
		const wait = this.reserve();
		if (wait > 0) await sleep(wait);
	}
}
