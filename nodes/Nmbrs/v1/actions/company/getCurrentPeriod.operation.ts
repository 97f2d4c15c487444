import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { periodDates, periodsPerYear } from '../../../domain/periods';
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
		const companyId = await companyIdFor(this, i, session);
		const current = await session.api.getCurrentPeriod(companyId);
		// Nmbrs' REST API does not say whether a company pays monthly, 4-weekly or weekly.
		if (current.type === undefined)
			return {
				companyId,
				year: current.year,
				period: current.period,
				periodType: null,
				periodsPerYear: null,
				startDate: null,
				endDate: null,
				note: "Nmbrs' REST API does not expose the period type (M, W4 or W1), so the period's dates are unknown; periods are checked against 1 to 53",
			};
		return {
			companyId,
			year: current.year,
			period: current.period,
			periodType: current.type,
			periodsPerYear: periodsPerYear(current.type, current.year),
			...periodDates(current, current.type),
		};
	});
}
