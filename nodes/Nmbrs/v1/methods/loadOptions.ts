import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loadHourCodes } from '../../app/hourCodes';
import { companyIdFor, openSession } from '../helpers/context';
import { toNodeError } from '../helpers/errors';

/** The hour codes of the chosen company's hour models, as "1 – Normal hours". */
export async function getHourCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = await openSession(this);
	try {
		const codes = await loadHourCodes(session.api, await companyIdFor(this, 0, session));
		return codes.map((c) => ({
			name: `${c.code} – ${c.description}`,
			value: c.code,
			description: `Hour model ${c.hourModels.join(' and ')}`,
		}));
	} catch (error) {
		throw toNodeError(this.getNode(), error, session.token);
	}
}
