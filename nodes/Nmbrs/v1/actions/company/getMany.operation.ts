import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { NmbrsSession } from '../../helpers/context';
import { perItem } from '../perItem';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	return await perItem(this, session, async () => {
		const companies = await session.api.listCompanies();
		return companies.map((c) => ({ companyId: c.id, companyNumber: c.number, name: c.name }));
	});
}
