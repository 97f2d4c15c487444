import { sleep } from 'n8n-workflow';

/**
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
	async acquire(): Promise<boolean> {
		const wait = this.reserve();
		if (wait < 0) return false;
		if (wait > 0) await sleep(wait);
		return true;
	}
}

/** TimeChimp documents 100 requests per minute per API token. */
export const REQUESTS_PER_MINUTE = 100;

const limiters = new Map<string, SlidingWindowLimiter>();

/** One limiter per token (keyed on a hash, never the token itself), shared in-process. */
export function limiterFor(tokenHash: string): SlidingWindowLimiter {
	let limiter = limiters.get(tokenHash);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(REQUESTS_PER_MINUTE, 60_000, 5 * 60_000);
		limiters.set(tokenHash, limiter);
	}
	return limiter;
}
