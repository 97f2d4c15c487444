/**
 * The one memoiser of both nodes: each key's read is made once and shared; a read that failed
 * is forgotten, so the next caller tries again instead of replaying the failure.
 */
export class Memo {
	private readonly pending = new Map<string, Promise<unknown>>();

	once<T>(key: string, read: () => Promise<T>): Promise<T> {
		let promise = this.pending.get(key) as Promise<T> | undefined;
		if (!promise) {
			const started = read();
			promise = started;
			this.pending.set(key, started);
			started.catch(() => {
				if (this.pending.get(key) === started) this.pending.delete(key);
			});
		}
		return promise;
	}
}
