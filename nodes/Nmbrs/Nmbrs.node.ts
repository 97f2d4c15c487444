import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './v1/actions/properties';
import { router } from './v1/actions/router';
import { credentialTest, listSearch, loadOptions } from './v1/methods';

// The node's subtitle in words ("Export: Hour"), not the stored camelCase values.
const SUBTITLE =
	'={{ ({ getMany: "Get Many", getCurrentPeriod: "Get Current Period", get: "Get", export: "Export" })[$parameter["operation"]] + ": " + ({ company: "Company", employee: "Employee", hourCode: "Hour Code", hours: "Hour" })[$parameter["resource"]] }}';

// Each operation lives in v1/actions/<resource>/<operation>.operation.ts; v1/actions/router.ts
// dispatches to it. A breaking change gets a new version ('@version' display options, or a
// VersionedNodeType), never a renamed parameter.
export class Nmbrs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nmbrs',
		name: 'nmbrs',
		icon: { light: 'file:nmbrs.svg', dark: 'file:nmbrs.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: SUBTITLE,
		description:
			'Read companies, hour codes and employees from Nmbrs payroll, and export hours as a safe diff',
		defaults: { name: 'Nmbrs' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'nmbrsApi',
				required: true,
				testedBy: 'nmbrsApiTest',
				displayOptions: { show: { authentication: ['apiToken'] } },
			},
			{
				name: 'nmbrsOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties,
	};

	methods = { listSearch, loadOptions, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
