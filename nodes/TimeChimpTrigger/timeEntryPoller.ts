import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { advance, type PollState as CorePollState } from '../TimeChimp/core/pollState';
import { andFilter } from '../TimeChimp/v1/helpers/odata';
import { addEmployeeFields, loadUsers } from '../TimeChimp/v1/helpers/users';
import { timeChimpGetAll } from '../TimeChimp/transport';

/** Workflow static data of the trigger node. */
export interface PollState extends IDataObject, CorePollState {}

/** Entries shown by a manual test run, so the user sees data on a fresh trigger. */
export const MANUAL_SAMPLE_SIZE = 5;

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
	const { fresh, next } = advance({ modified: state.modified, seen: state.seen }, entries);
	state.modified = next.modified;
	state.seen = next.seen;

	return await withEmployeeFields(this, fresh);
}
