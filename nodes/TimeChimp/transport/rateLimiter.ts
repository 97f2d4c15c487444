import { SlidingWindowLimiter } from '../../shared/limiter';

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
