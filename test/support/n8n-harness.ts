// Runs workflow JSON through n8n-core's real WorkflowExecute, in-process, with our node
// classes loaded from source. Mirrors n8n's own node test harness, which is not on npm.
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ManualTrigger, EmitItems } from './test-nodes';

const PACKAGE = 'n8n-nodes-nmbrs';

function load(): {
	nodes: Record<string, INodeType | IVersionedNodeType>;
	credentials: Record<string, ICredentialType>;
} {
	const nodes: Record<string, INodeType | IVersionedNodeType> = {
		'n8n-nodes-base.manualTrigger': new ManualTrigger(),
		'test.emitItems': new EmitItems(),
	};
	const credentials: Record<string, ICredentialType> = {};
	const tryLoad = (path: string, cls: string, key: string) => {
		// eslint-disable-next-line @typescript-eslint/no-var-requires
		const mod = require(path);
		const instance = new mod[cls]();
		if (key.startsWith('cred:')) credentials[instance.name] = instance;
		else nodes[`${PACKAGE}.${key}`] = instance;
	};
	tryLoad('../../nodes/Nmbrs/Nmbrs.node.ts', 'Nmbrs', 'nmbrs');
	tryLoad('../../credentials/NmbrsApi.credentials', 'NmbrsApi', 'cred:');
	tryLoad('../../credentials/NmbrsOAuth2Api.credentials', 'NmbrsOAuth2Api', 'cred:');
	tryLoad('../../nodes/TimeChimp/TimeChimp.node.ts', 'TimeChimp', 'timeChimp');
	tryLoad(
		'../../nodes/TimeChimpTrigger/TimeChimpTrigger.node.ts',
		'TimeChimpTrigger',
		'timeChimpTrigger',
	);
	tryLoad('../../credentials/TimeChimpApi.credentials', 'TimeChimpApi', 'cred:');
	return { nodes, credentials };
}

let loaded: ReturnType<typeof load> | undefined;
const registry = () => (loaded ??= load());

export const nodeTypes: INodeTypes = {
	getByName: (type) => registry().nodes[type],
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(registry().nodes[type], version),
	getKnownTypes: () => ({}),
};

/** Resolves `={{$credentials.x}}` in generic credential authentication, as n8n's CLI does. */
function resolveCredentialExpression(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) =>
			String(credentials[key] ?? ''),
		);
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	/** Parent credential types, as n8n's CLI resolves `extends` (oAuth2Api for the OAuth2 credential). */
	getParentTypes(typeName: string): string[] {
		const parents = registry().credentials[typeName]?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		request: IHttpRequestOptions,
	) {
		const type = registry().credentials[typeName];
		const auth = type?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, request);
		if (auth && auth.type === 'generic') {
			const out = {
				...request,
				headers: { ...(request.headers ?? {}) },
				qs: { ...(request.qs ?? {}) },
			};
			for (const [k, v] of Object.entries(auth.properties.headers ?? {}))
				out.headers[k] = resolveCredentialExpression(v, credentials) as string;
			for (const [k, v] of Object.entries(auth.properties.qs ?? {}))
				out.qs[k] = resolveCredentialExpression(v, credentials) as string;
			return out;
		}
		return request;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}
	async getDecrypted(_a: unknown, _n: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}
	async updateCredentials() {}
	/** What n8n stores after refreshing an OAuth2 token: the next read must see it (rotation). */
	async updateCredentialsOauthTokenData(
		_nodeCredentials: unknown,
		type: string,
		credentials: ICredentialDataDecryptedObject,
	) {
		this.data[type] = { ...this.data[type], oauthTokenData: credentials.oauthTokenData };
		this.tokenUpdates++;
	}
	tokenUpdates = 0;
	getCredentialsProperties() {
		return [];
	}
}

export interface RunResult {
	run: IRun;
	/** Items of the node's first output, of its last run. Throws if the node did not run. */
	outputOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The workflow-level error, if the run failed. */
	error: IRun['data']['resultData']['error'];
	staticData: IDataObject;
}

export interface RunOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	mode?: 'manual' | 'trigger';
}

export async function runWorkflow(
	workflow: Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>,
	options: RunOptions = {},
): Promise<RunResult> {
	const workflowData = {
		id: workflow.id ?? 'test',
		name: workflow.name ?? 'test',
		active: false,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? {},
		staticData: options.staticData,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const instance = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		settings: workflowData.settings,
		staticData: options.staticData,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', '1', workflowData);
	const done = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);
	const additionalData = new Proxy(
		{
			hooks,
			credentialsHelper: new TestCredentialsHelper(options.credentials ?? {}),
			currentNodeParameters: undefined,
			executionId: '1',
			restApiUrl: 'http://127.0.0.1:1/rest',
			instanceBaseUrl: 'http://127.0.0.1:1/',
			webhookBaseUrl: 'http://127.0.0.1:1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1:1/form-waiting',
			variables: {},
			userId: 'test-user',
		} as Record<string, unknown>,
		{
			get: (target, key: string) =>
				key in target
					? target[key]
					: typeof key === 'string' && key !== 'then'
						? undefined
						: undefined,
		},
	) as unknown as IWorkflowExecuteAdditionalData;

	const start = instance.getStartNode();
	if (!start) throw new Error('workflow has no start node');
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	await new WorkflowExecute(
		additionalData,
		options.mode ?? 'manual',
		runExecutionData,
	).processRunExecutionData(instance);
	const run = await done;
	return {
		run,
		error: run.data.resultData.error,
		staticData: instance.staticData as IDataObject,
		outputOf(nodeName, outputIndex = 0) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length)
				throw new Error(
					`node "${nodeName}" did not run; workflow error: ${run.data.resultData.error?.message}`,
				);
			const last = runs[runs.length - 1];
			if (last.error) throw last.error;
			return last.data?.main?.[outputIndex] ?? [];
		},
	};
}

/** A two-node workflow: a manual trigger feeding `items` into `node` (when given) or straight into it. */
export function workflowWith(
	node: {
		type: string;
		parameters: IDataObject;
		typeVersion?: number;
		name?: string;
		onError?: string;
		credentials?: IDataObject;
	},
	items?: IDataObject[],
) {
	const name = node.name ?? 'Node';
	const nodes: IWorkflowBase['nodes'] = [
		{
			id: 't',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: IWorkflowBase['connections'] = {};
	let previous = 'Start';
	if (items) {
		nodes.push({
			id: 'i',
			name: 'Items',
			type: 'test.emitItems',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(items) },
		});
		connections.Start = { main: [[{ node: 'Items', type: 'main', index: 0 }]] };
		previous = 'Items';
	}
	nodes.push({
		id: 'n',
		name,
		type: node.type,
		typeVersion: node.typeVersion ?? 1,
		position: [400, 0],
		parameters: node.parameters as never,
		credentials: (node.credentials ?? {}) as never,
		...(node.onError ? { onError: node.onError as never } : {}),
	});
	connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
	return { nodes, connections };
}

/**
 * What the editor does to fill a list (a resource locator's "From List", or an options field
 * with loadOptionsMethod): n8n-core's real LoadOptionsContext on the node as configured.
 */
export async function loadOptions(
	node: Pick<INode, 'type' | 'parameters'> & Partial<INode>,
	method: { listSearch: string; filter?: string } | { loadOptions: string },
	options: RunOptions = {},
): Promise<INodeListSearchResult | INodePropertyOptions[]> {
	const full = {
		id: 'n1',
		name: 'Node',
		typeVersion: 1,
		position: [0, 0],
		...node,
	} as INode;
	const workflow = new Workflow({
		id: 'load-options',
		nodes: [full],
		connections: {},
		nodeTypes,
		active: false,
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials ?? {}),
		currentNodeParameters: full.parameters,
		restApiUrl: 'http://127.0.0.1:1/rest',
		instanceBaseUrl: 'http://127.0.0.1:1/',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, full, additionalData, 'parameters');
	const methods = (nodeTypes.getByNameAndVersion(full.type, full.typeVersion) as INodeType)
		.methods!;
	if ('listSearch' in method)
		return await methods.listSearch![method.listSearch].call(context, method.filter);
	return await methods.loadOptions![method.loadOptions].call(context);
}
