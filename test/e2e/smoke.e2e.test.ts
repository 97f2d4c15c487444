/**
 * Toolchain smoke test for the headless real-n8n e2e setup (n8n 2.41.1 on Node 24 from the cache
 * that scripts/n8n-cache.sh fills).
 *
 * 1. A throwaway community package (generated here; one plain-JS node that requires n8n-workflow)
 *    is packed, installed into a fresh n8n home the way n8n installs community packages, and run
 *    in a workflow: proves loading, and that `n8n-workflow` resolves to n8n's own copy.
 * 2. A trivial workflow (Manual Trigger -> Set) is imported and executed by id.
 * 3. The real package (`npm run build` first when dist/ is missing): packed, installed, and a
 *    workflow holding its three nodes (disabled) executes, which needs every node class to load
 *    ("Unrecognized node type" otherwise). Fails when the package cannot be built.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
	REPO_ROOT,
	createN8nHome,
	ensureN8nInstalled,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	nodeOutput,
	packPackage,
	type N8nHome,
	type WorkflowImport,
} from '../support/real-n8n';

const INSTALL_TIMEOUT = 25 * 60_000;
const STEP_TIMEOUT = 5 * 60_000;

/** Writes a minimal community package (no build step, no dependencies) into dir. */
function makeProbePackage(dir: string): string {
	const nodeDir = path.join(dir, 'dist', 'nodes', 'E2eProbe');
	fs.mkdirSync(nodeDir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-probe',
				version: '0.0.1',
				description: 'Throwaway package for the e2e toolchain smoke test',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				main: 'index.js',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					strict: false,
					credentials: [],
					nodes: ['dist/nodes/E2eProbe/E2eProbe.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(
		path.join(nodeDir, 'E2eProbe.node.js'),
		`"use strict";
const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');
class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe', name: 'e2eProbe', group: ['transform'], version: 1,
			description: 'Throwaway node for the e2e toolchain check', defaults: { name: 'E2E Probe' },
			inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Tag', name: 'tag', type: 'string', default: 'probe' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		if (typeof NodeOperationError !== 'function') throw new Error('n8n-workflow not resolved');
		return [items.map((item, i) => ({
			json: { ...item.json, tag: this.getNodeParameter('tag', i), nodeVersion: process.version, workflowPath: require.resolve('n8n-workflow') },
			pairedItem: { item: i },
		}))];
	}
}
exports.E2eProbe = E2eProbe;
`,
	);
	return dir;
}

function workflow(
	id: string,
	extraNodes: any[] = [],
	extraConnections: Record<string, any> = {},
): WorkflowImport {
	return {
		id,
		name: `Smoke ${id}`,
		nodes: [
			{
				id: 'n-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'n-set',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'a1', name: 'greeting', value: 'hello', type: 'string' },
							{ id: 'a2', name: 'answer', value: '={{ 6 * 7 }}', type: 'number' },
						],
					},
					options: {},
				},
			},
			...extraNodes,
		],
		connections: {
			Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
			...extraConnections,
		},
	};
}

/** Build the real package when dist/ is missing; returns a reason string when it cannot be built. */
function ensureBuilt(): string | undefined {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const files: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = () => files.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
	if (missing().length === 0) return undefined;
	const res = spawnSync('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		timeout: 5 * 60_000,
	});
	if (res.status !== 0)
		return `npm run build failed: ${(res.stdout + res.stderr).split('\n').slice(-15).join('\n')}`;
	const still = missing();
	return still.length ? `build did not produce ${still.join(', ')}` : undefined;
}

describe('real n8n toolchain (smoke)', () => {
	let probeHome: N8nHome | undefined;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-smoke-'));

	beforeAll(async () => {
		const paths = await ensureN8nInstalled();
		expect(fs.existsSync(paths.nodeBin)).toBe(true);
		const tarball = await packPackage(
			makeProbePackage(path.join(tmp, 'probe')),
			path.join(tmp, 'pack'),
		);
		probeHome = await createN8nHome({ packageTarball: tarball });
	}, INSTALL_TIMEOUT);

	afterAll(() => {
		probeHome?.cleanup();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('installs the package as n8n does (no second n8n-workflow, dependencies recorded)', () => {
		const home = probeHome!;
		const manifest = JSON.parse(fs.readFileSync(path.join(home.nodesDir, 'package.json'), 'utf8'));
		expect(manifest.dependencies).toEqual({ 'n8n-nodes-e2e-probe': '0.0.1' });
		const pkgDir = path.join(home.nodesDir, 'node_modules', 'n8n-nodes-e2e-probe');
		expect(fs.existsSync(path.join(pkgDir, 'dist/nodes/E2eProbe/E2eProbe.node.js'))).toBe(true);
		expect(
			JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).peerDependencies,
		).toBeUndefined();
		expect(fs.existsSync(path.join(pkgDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it(
		'imports and executes Manual Trigger -> Set -> community node by id',
		async () => {
			const home = probeHome!;
			// a credential too: checks import + encryption with the fixed key, and redaction
			const secret = 'smoke-secret-value-0123456789';
			await importCredentials(home, [
				{
					id: 'smokeCred000001',
					name: 'Smoke header',
					type: 'httpHeaderAuth',
					data: { name: 'X-Api-Key', value: 'x', apiToken: secret },
				},
			]);
			await importWorkflows(home, [
				workflow('smokeWf00000001'),
				workflow(
					'smokeWf00000002',
					[
						{
							id: 'n-probe',
							name: 'Probe',
							type: 'n8n-nodes-e2e-probe.e2eProbe',
							typeVersion: 1,
							position: [440, 0],
							parameters: { tag: 'from-workflow' },
						},
					],
					{ Set: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
				),
			]);

			const plain = await executeWorkflow(home, 'smokeWf00000001');
			expect(plain.error).toBeUndefined();
			expect(plain.ok).toBe(true);
			expect(nodeOutput(plain, 'Set')).toEqual([{ greeting: 'hello', answer: 42 }]);

			const probe = await executeWorkflow(home, 'smokeWf00000002');
			expect(probe.ok).toBe(true);
			const [out] = nodeOutput(probe, 'Probe');
			expect(out).toMatchObject({ greeting: 'hello', answer: 42, tag: 'from-workflow' });
			expect(out.nodeVersion).toMatch(/^v24\./);
			// the package's require('n8n-workflow') must resolve to n8n's own copy
			expect(out.workflowPath).toContain(
				path.join(home.paths.n8nRoot, 'node_modules', 'n8n-workflow'),
			);
			expect(probe.stdout + probe.stderr).not.toContain(secret);
		},
		STEP_TIMEOUT,
	);

	it(
		'reports an unknown node type as a failed execution',
		async () => {
			const home = probeHome!;
			await importWorkflows(home, [
				workflow(
					'smokeWf00000003',
					[
						{
							id: 'n-ghost',
							name: 'Ghost',
							type: 'n8n-nodes-e2e-probe.doesNotExist',
							typeVersion: 1,
							position: [440, 0],
							parameters: {},
							disabled: true,
						},
					],
					{ Set: { main: [[{ node: 'Ghost', type: 'main', index: 0 }]] } },
				),
			]);
			const res = await executeWorkflow(home, 'smokeWf00000003');
			expect(res.ok).toBe(false);
			expect(res.exitCode).toBe(1);
			expect(String(res.error?.message)).toContain('Unrecognized node type');
		},
		STEP_TIMEOUT,
	);

	it(
		'loads the real n8n-nodes-nmbrs package (all three nodes)',
		async () => {
			const reason = ensureBuilt();
			if (reason) throw new Error(`the package does not build: ${reason}`);
			const tarball = await packPackage(REPO_ROOT, path.join(tmp, 'real-pack'));
			const home = await createN8nHome({ packageTarball: tarball });
			try {
				const pkgDir = path.join(home.nodesDir, 'node_modules', 'n8n-nodes-nmbrs');
				expect(fs.existsSync(path.join(pkgDir, 'node_modules', 'soap'))).toBe(true);
				expect(fs.existsSync(path.join(pkgDir, 'node_modules', 'n8n-workflow'))).toBe(false);
				const types = ['nmbrs', 'timeChimp', 'timeChimpTrigger'];
				await importWorkflows(home, [
					{
						...workflow('smokeWfReal0001'),
						nodes: [
							...workflow('smokeWfReal0001').nodes,
							// disabled: not run, but n8n must still find and load each node class
							...types.map((t, i) => ({
								id: `n-${t}`,
								name: `Real ${t}`,
								type: `n8n-nodes-nmbrs.${t}`,
								typeVersion: 1,
								position: [440 + 220 * i, 200],
								parameters: {},
								disabled: true,
							})),
						],
					},
				]);
				const res = await executeWorkflow(home, 'smokeWfReal0001');
				expect(res.error).toBeUndefined();
				expect(nodeOutput(res, 'Set')).toEqual([{ greeting: 'hello', answer: 42 }]);
			} finally {
				home.cleanup();
			}
		},
		STEP_TIMEOUT,
	);
});
