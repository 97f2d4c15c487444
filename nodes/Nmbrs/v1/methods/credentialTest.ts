import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { companyLabel, findCompany } from '../../app/companies';
import { NmbrsFault } from '../../domain/faults';
import { faultGuide } from '../helpers/faultGuides';
import { createNmbrsApi, type NmbrsCredentialData } from '../../transport';
import { redact } from '../helpers/errors';

/** Authenticates for real with the cheapest read there is (CompanyService.List_GetAll). */
export async function nmbrsApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as NmbrsCredentialData;
	try {
		const api = createNmbrsApi(data);
		await api.checkAccess();
		const administration = String(data.administration ?? '').trim();
		if (administration !== '') {
			const company = await findCompany(api, administration);
			if (!company) {
				return {
					status: 'Error',
					message: `Connected, but this login cannot see a company with number or ID ${administration}. Use a company number as shown in Nmbrs, or an ID from the Company list of the Nmbrs node, or leave Administration empty.`,
				};
			}
			return { status: 'OK', message: `Connection successful: ${companyLabel(company)}` };
		}
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const token = String(data.apiToken ?? '');
		if (error instanceof NmbrsFault) {
			const guide = faultGuide(error.code);
			const code = error.code === undefined ? '' : ` (Nmbrs error ${error.code})`;
			return {
				status: 'Error',
				message: redact(`${guide.summary}${code} on ${error.operation}. ${guide.fix}`, token),
			};
		}
		return {
			status: 'Error',
			message: redact(`Could not reach Nmbrs: ${(error as Error).message}`, token),
		};
	}
}
