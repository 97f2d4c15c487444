import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { andFilter } from '../TimeChimp/helpers/odata';
import { addEmployeeFields, loadUsers } from '../TimeChimp/helpers/users';
import { timeChimpGetAll } from '../TimeChimp/transport';

/** Workflow static data of the trigger node. */
export interface PollState extends IDataObject {
	/** High-water mark: the latest `modified` seen, as an ISO date-time (UTC, milliseconds). */
	modified?: string;
	/** `id@modified` of the entries at the mark, so `modified ge mark` does not repeat them. */
	seen?: string[];
}

/** Entries shown by a manual test run, so the user sees data on a fresh trigger. */
export const MANUAL_SAMPLE_SIZE = 5;

const keyOf = (entry: IDataObject) => `${String(entry.id)}@${String(entry.modified)}`;
const msOf = (entry: IDataObject) => Date.parse(String(entry.modified));

async function withEmployeeFields(
	context: IPollFunctions,
	entries: IDataObject[],
): Promise<INodeExecutionData[][] | null> {
	if (!entries.length) return null;
	const users = await loadUsers.call(context);
	return [context.helpers.returnJsonArray(addEmployeeFields(entries, users))];
}

/**
 * New or changed time entries since the last poll. `ge` rather than `gt` on the mark,
 * plus the id@modified keys at the mark, so entries sharing a timestamp are neither
 * lost nor repeated. Edits to old entries bump `modified` and so are emitted again.
 */
export async function pollTimeEntries(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const state = this.getWorkflowStaticData('node') as PollState;
	const approvedOnly = this.getNodeParameter('approvedOnly', false) as boolean;
	const status = approvedOnly ? "status eq 'Approved'" : undefined;
	const manual = this.getMode() === 'manual';

	if (!state.modified) {
		if (manual) {
			const latest = await timeChimpGetAll.call(
				this,
				'/times',
				{ filter: status, orderby: 'modified desc,id desc' },
				MANUAL_SAMPLE_SIZE,
			);
			return await withEmployeeFields(this, latest.reverse());
		}
		// First activation: start from now instead of emitting the whole history.
		state.modified = new Date().toISOString();
		state.seen = [];
		return null;
	}

	const entries = await timeChimpGetAll.call(this, '/times', {
		filter: andFilter([`modified ge ${state.modified}`, status]),
		orderby: 'modified,id',
	});
	const seen = new Set(state.seen ?? []);
	const fresh = entries.filter((e) => !seen.has(keyOf(e)));

	const markMs = Date.parse(state.modified);
	const maxMs = entries.reduce((max, e) => (msOf(e) > max ? msOf(e) : max), markMs);
	const atMark = entries.filter((e) => msOf(e) === maxMs).map(keyOf);
	state.seen = maxMs === markMs ? [...new Set([...seen, ...atMark])] : atMark;
	state.modified = new Date(maxMs).toISOString();

	return await withEmployeeFields(this, fresh);
}
