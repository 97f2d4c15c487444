import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { loadHourCodes } from '../../../app/hourCodes';
import { companyIdFor, type NmbrsSession } from '../../helpers/context';
import { companyLocator, returnAllOrLimit } from '../common.descriptions';
import { limited, perItem } from '../perItem';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['hourCode'], operation: ['getMany'] } },
	[
		companyLocator,
		{
			displayName: 'Hour Model',
			name: 'hourModel',
			type: 'options',
			options: [
				{
					name: 'Both (Merged by Code)',
					value: 'both',
					description: 'Hour model 1 and 2; where both have a code, hour model 2 names it',
				},
				{ name: 'Hour Model 1', value: '1' },
				{ name: 'Hour Model 2', value: '2' },
			],
			default: 'both',
		},
		...returnAllOrLimit('hourCode'),
	],
);

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	return await perItem(this, session, async (i) => {
		const companyId = await companyIdFor(this, i, session);
		const model = this.getNodeParameter('hourModel', i) as 'both' | '1' | '2';
		const codes = await loadHourCodes(session.api, companyId, model);
		return limited(this, i, codes).map((c) => ({ companyId, ...c }));
	});
}
