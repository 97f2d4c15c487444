import { SlidingWindowLimiter } from '../../shared/limiter';

// Nmbrs fair use: 150 calls per second per environment, shared with other users. Stay well
// below it for everything this process sends.
const CALLS_PER_SECOND = 100;
const limiter = new SlidingWindowLimiter(CALLS_PER_SECOND, 1000, Number.POSITIVE_INFINITY);

export async function acquireCallSlot(sleep: (ms: number) => Promise<void>): Promise<void> {
	await limiter.acquire(sleep);
}
