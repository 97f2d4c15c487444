// What a user does to move a workflow from SOAP to REST: on every Nmbrs node, pick
// Authentication "OAuth2 (REST)" and the Nmbrs OAuth2 credential. Nothing else changes.

type Node = {
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
};
type Workflow = { nodes: Node[] } & Record<string, unknown>;

export const REST_CREDENTIAL = { id: 'nmbrsDemoOAuth01', name: 'Nmbrs OAuth2 account' };

export function switchToRest<T extends Workflow>(workflow: T): T {
	const copy = JSON.parse(JSON.stringify(workflow)) as T;
	for (const node of copy.nodes) {
		if (node.type !== 'n8n-nodes-nmbrs.nmbrs') continue;
		node.parameters = { authentication: 'oAuth2', ...node.parameters };
		node.credentials = { nmbrsOAuth2Api: REST_CREDENTIAL };
	}
	return copy;
}

/** Every JSON path where two values differ (arrays by index, objects by key). */
export function diffPaths(a: unknown, b: unknown, at = ''): string[] {
	if (a === b) return [];
	const isObj = (v: unknown) => v !== null && typeof v === 'object';
	if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return [at];
	const ao = a as Record<string, unknown>;
	const bo = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
	return [...keys].flatMap((k) => diffPaths(ao[k], bo[k], `${at}/${k}`));
}
