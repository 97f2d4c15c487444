import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	connectionFromCredentials,
	createNmbrsApi,
	type NmbrsApi,
	type NmbrsCredentialData,
} from '../../transport';

export interface NmbrsSession {
	api: NmbrsApi;
	credentials: NmbrsCredentialData;
	token: string;
	/** The Nmbrs environment this session talks to (for per-environment locks). */
	baseUrl: string;
}

/** One API session per execution: company-wide reads are shared by all items. */
export async function openSession(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<NmbrsSession> {
	const credentials = (await ctx.getCredentials('nmbrsApi')) as NmbrsCredentialData;
	try {
		const { baseUrl } = connectionFromCredentials(credentials);
		return {
			api: createNmbrsApi(credentials),
			credentials,
			token: String(credentials.apiToken ?? ''),
			baseUrl,
		};
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
}

/** The company of item i: the Company field, or the credential's Administration when it is empty. */
export function companyIdFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: NmbrsSession,
): string {
	const chosen = ctx.getNodeParameter('company', itemIndex, '', { extractValue: true }) as
		string | number;
	const id = String(chosen ?? '').trim() || String(session.credentials.administration ?? '').trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${id === '' ? 'No company chosen' : `Company ID "${id.slice(0, 40)}" is not a number`} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Choose a company in the Company field, or fill in Administration in the Nmbrs credential.',
			},
		);
	}
	return id;
}
