import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	connectionFromCredentials,
	createNmbrsApi,
	createRestNmbrsApi,
	restConnectionFromCredentials,
	type NmbrsApi,
	type NmbrsCredentialData,
	type NmbrsOAuth2CredentialData,
} from '../../transport';
import { findCompany } from '../../app/companies';
import { n8nRestSend } from './restSend';

/** The node's Authentication: which credential, and so which Nmbrs API. */
export type Authentication = 'apiToken' | 'oAuth2';

export interface NmbrsSession {
	api: NmbrsApi;
	authentication: Authentication;
	/** The credential's Administration as typed: a company number or ID. */
	administration: string;
	/** The secret redacted from every message: the API token (SOAP) or subscription key (REST). */
	token: string;
	/** The Nmbrs environment this session talks to (for per-environment locks). */
	baseUrl: string;
}

function authenticationOf(ctx: IExecuteFunctions | ILoadOptionsFunctions): Authentication {
	const value =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, 'apiToken')
			: ctx.getNodeParameter('authentication', 'apiToken');
	return value === 'oAuth2' ? 'oAuth2' : 'apiToken';
}

/** One API session per execution: company-wide reads are shared by all items. */
export async function openSession(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<NmbrsSession> {
	const authentication = authenticationOf(ctx);
	if (authentication === 'oAuth2') {
		const data = (await ctx.getCredentials('nmbrsOAuth2Api')) as NmbrsOAuth2CredentialData;
		try {
			const connection = restConnectionFromCredentials(data);
			return {
				api: createRestNmbrsApi(connection, n8nRestSend(ctx)),
				authentication,
				administration: connection.administration,
				token: connection.subscriptionKey,
				baseUrl: connection.baseUrl,
			};
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message);
		}
	}
	const credentials = (await ctx.getCredentials('nmbrsApi')) as NmbrsCredentialData;
	try {
		const { baseUrl } = connectionFromCredentials(credentials);
		return {
			api: createNmbrsApi(credentials),
			authentication,
			administration: String(credentials.administration ?? '').trim(),
			token: String(credentials.apiToken ?? ''),
			baseUrl,
		};
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The company of item i: the Company field, or the credential's Administration when it is
 * empty (a company number or ID, resolved through the company list). SOAP ids are numbers; on
 * REST a company is a GUID or its company number.
 */
export async function companyIdFor(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	itemIndex: number,
	session: NmbrsSession,
): Promise<string> {
	const chosen = String(
		('getInputData' in ctx
			? ctx.getNodeParameter('company', itemIndex, '', { extractValue: true })
			: chosenInEditor(ctx)) ?? '',
	).trim();
	if (chosen === '' && session.administration !== '') {
		const company = await findCompany(session.api, session.administration);
		if (company) return company.id;
		throw new NodeOperationError(
			ctx.getNode(),
			`The Administration "${session.administration.slice(0, 40)}" of the Nmbrs credential is not the number or ID of a company this login can see [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Put a company number (as shown in Nmbrs) or company ID from Company → Get Many in the credential, or choose a company in the Company field.',
			},
		);
	}
	const id = chosen;
	const valid =
		session.authentication === 'oAuth2' ? /^\d+$/.test(id) || GUID.test(id) : /^\d+$/.test(id);
	if (!valid) {
		const what =
			session.authentication === 'oAuth2' ? 'not a company number or company ID' : 'not a number';
		throw new NodeOperationError(
			ctx.getNode(),
			`${id === '' ? 'No company chosen' : `Company ID "${id.slice(0, 40)}" is ${what}`} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Choose a company in the Company field, or fill in Administration in the Nmbrs credential.',
			},
		);
	}
	return id;
}

/**
 * The Company field while a list is filled in the editor. An expression that needs input data
 * cannot be evaluated there: the credential's Administration stands in for it.
 */
function chosenInEditor(ctx: ILoadOptionsFunctions): unknown {
	try {
		const value = ctx.getNodeParameter('company', '', { extractValue: true });
		return typeof value === 'string' && value.startsWith('=') ? '' : value;
	} catch {
		return '';
	}
}
