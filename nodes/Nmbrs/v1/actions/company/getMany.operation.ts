import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { NmbrsSession } from '../../helpers/context';
import { returnAllOrLimit } from '../common.descriptions';
import { limited, perItem } from '../perItem';

export const description: INodeProperties[] = returnAllOrLimit('company');

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	return await perItem(this, session, async (i) => {
		const companies = await session.api.listCompanies();
		return limited(this, i, companies).map((c) => ({
			companyId: c.id,
			companyNumber: c.number,
			name: c.name,
		}));
	});
}
