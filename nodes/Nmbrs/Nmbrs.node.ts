import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { NmbrsV1 } from './v1/NmbrsV1';

// Operations live in v1/actions/<resource>/<operation>.operation.ts, dispatched by v1/actions/router.ts.
export class Nmbrs extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Nmbrs',
			name: 'nmbrs',
			icon: { light: 'file:nmbrs.svg', dark: 'file:nmbrs.dark.svg' },
			group: ['output'],
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			description: 'Read companies, hour codes and employees from Nmbrs payroll, and export hours as a safe diff',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = { 1: new NmbrsV1(baseDescription) };
		super(nodeVersions, baseDescription);
	}
}
