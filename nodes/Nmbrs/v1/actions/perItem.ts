import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../../shared/perItem';
import type { NmbrsSession } from '../helpers/context';
import { toNodeError } from '../helpers/errors';

/** Runs `read` for each input item through the shared loop, with the Nmbrs error mapping. */
export async function perItem(
	ctx: IExecuteFunctions,
	session: NmbrsSession,
	read: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await forEachItem(ctx, read, (error, i) =>
		toNodeError(ctx.getNode(), error, session.token, i),
	);
}
