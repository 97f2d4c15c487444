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

/** Return All / Limit of a Get Many operation, applied to the rows of item i. */
export function limited<T>(ctx: IExecuteFunctions, itemIndex: number, rows: T[]): T[] {
	if (ctx.getNodeParameter('returnAll', itemIndex, false)) return rows;
	return rows.slice(0, ctx.getNodeParameter('limit', itemIndex, 50) as number);
}
