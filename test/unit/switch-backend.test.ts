// Moving a sample from SOAP to REST changes only the credential choice of its Nmbrs nodes:
// the samples themselves carry no SOAP id, operation name or URL that REST would need changed.
import * as fs from 'fs';
import * as path from 'path';

import { diffPaths, switchToRest } from '../support/switch-backend';

const WORKFLOWS = path.join(__dirname, '..', '..', 'workflows');
const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json'));

describe.each(files)('%s on REST', (file) => {
	const soap = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'));
	const rest = switchToRest(soap);

	it('differs from the SOAP workflow only in the Nmbrs nodes’ authentication and credential', () => {
		const nmbrs = soap.nodes
			.map((n: { type: string }, i: number) => (n.type === 'n8n-nodes-nmbrs.nmbrs' ? i : -1))
			.filter((i: number) => i >= 0);
		expect(nmbrs.length).toBeGreaterThan(0);
		expect(diffPaths(soap, rest).sort()).toEqual(
			nmbrs
				.flatMap((i: number) => [
					`/nodes/${i}/credentials/nmbrsApi`,
					`/nodes/${i}/credentials/nmbrsOAuth2Api`,
					`/nodes/${i}/parameters/authentication`,
				])
				.sort(),
		);
	});

	it('has no SOAP-only value left in a Nmbrs node (a numeric company ID, an employee ID match)', () => {
		for (const node of soap.nodes.filter(
			(n: { type: string }) => n.type === 'n8n-nodes-nmbrs.nmbrs',
		)) {
			const company = node.parameters.company as { value?: unknown } | undefined;
			expect({ node: node.name, company: company?.value ?? '' }).toEqual({
				node: node.name,
				company: '',
			});
			expect({
				node: node.name,
				match:
					(node.parameters.employee as { mode?: string } | undefined)?.mode ?? 'employeeNumber',
			}).not.toEqual({
				node: node.name,
				match: 'employeeId',
			});
		}
	});
});
