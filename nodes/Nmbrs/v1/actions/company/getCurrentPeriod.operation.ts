import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { periodsPerYear } from '../../../domain/periods';
import { companyIdFor, type NmbrsSession } from '../../helpers/context';
import { companyLocator } from '../common.descriptions';
import { perItem } from '../perItem';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['company'], operation: ['getCurrentPeriod'] } },
	[companyLocator],
);

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	return await perItem(this, session, async (i) => {
		const companyId = companyIdFor(this, i, session);
		const current = await session.api.getCurrentPeriod(companyId);
		return {
			companyId,
			year: current.year,
			period: current.period,
			periodType: current.type,
			periodsPerYear: periodsPerYear(current.type, current.year),
		};
	});
}
