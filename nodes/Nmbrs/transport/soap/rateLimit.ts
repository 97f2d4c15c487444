// Nmbrs fair use: 150 calls per second per environment, shared with other users. Stay well
// below it for everything this process sends.
const CALLS_PER_SECOND = 100;
const startTimes: number[] = [];

export async function acquireCallSlot(sleep: (ms: number) => Promise<void>): Promise<void> {
	for (;;) {
		const now = Date.now();
		while (startTimes.length > 0 && now - startTimes[0] >= 1000) startTimes.shift();
		if (startTimes.length < CALLS_PER_SECOND) {
			startTimes.push(now);
			return;
		}
		await sleep(1000 - (now - startTimes[0]) + 1);
	}
}
