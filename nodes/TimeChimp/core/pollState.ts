// The trigger's high-water mark, as a pure step: given what the last poll remembered and the
// entries read now, which are new, and what to remember next.

export interface PollState {
	/** High-water mark: the latest `modified` seen, as an ISO date-time (UTC, milliseconds). */
	modified?: string;
	/** `id@modified` of the entries at the mark, so `modified ge mark` does not repeat them. */
	seen?: string[];
}

export interface PolledEntry {
	id?: unknown;
	modified?: unknown;
}

const keyOf = (entry: PolledEntry) => `${String(entry.id)}@${String(entry.modified)}`;
const msOf = (entry: PolledEntry) => Date.parse(String(entry.modified));

/**
 * `ge` rather than `gt` on the mark, plus the id@modified keys at the mark, so entries sharing
 * a timestamp are neither lost nor repeated; an edit bumps `modified` and is emitted again.
 */
export function advance<T extends PolledEntry>(
	state: { modified: string; seen?: string[] },
	entries: T[],
): { fresh: T[]; next: Required<PollState> } {
	const seen = new Set(state.seen ?? []);
	const fresh = entries.filter((e) => !seen.has(keyOf(e)));
	const markMs = Date.parse(state.modified);
	const maxMs = entries.reduce((max, e) => (msOf(e) > max ? msOf(e) : max), markMs);
	const atMark = entries.filter((e) => msOf(e) === maxMs).map(keyOf);
	return {
		fresh,
		next: {
			modified: new Date(maxMs).toISOString(),
			seen: maxMs === markMs ? [...new Set([...seen, ...atMark])] : atMark,
		},
	};
}
