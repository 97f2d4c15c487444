// Lint as n8n's own node CLI does: the three eslint-plugin-n8n-nodes-base sets plus
// @n8n/eslint-plugin-community-nodes. The package depends on `soap` at run time, so it is
// self-hosted only: the without-cloud rule set is used and the one rule that forbids any
// runtime dependency is off. Nothing else is switched off.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const base = { 'n8n-nodes-base': n8nNodesBase };

/** A layer may not import these modules or folders. */
const layer = (files, message, group) => [
	{
		files: [files],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
	},
];

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: (await import('jsonc-eslint-parser')).default },
		plugins: base,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: base,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Contradicts @n8n/community-nodes/credential-documentation-url (a full URL): this rule
			// wants a docs.n8n.io slug, which exists only for nodes in n8n's own repository.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: base,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Same two exceptions as n8n's starter: these rules predate NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	// The layers of the Nmbrs node, enforced: domain/ is pure payroll code; app/ owns the ports
	// and the export service and knows no n8n, SOAP or glue; transport/ holds the wire formats
	// and knows no glue. The n8n glue (v1/) may use all of them.
	...layer(
		'nodes/Nmbrs/domain/**/*.ts',
		'domain/ is pure payroll code: it imports only domain/ and nodes/shared/',
		[
			'n8n-workflow',
			'n8n-core',
			'soap',
			'luxon',
			'**/app/**',
			'**/transport/**',
			'**/v1/**',
			'../app',
			'../transport',
		],
	),
	...layer(
		'nodes/Nmbrs/app/**/*.ts',
		'app/ owns the ports and the export service: no n8n, SOAP, transport or glue',
		['n8n-workflow', 'n8n-core', 'soap', '**/transport/**', '**/v1/**', '../transport'],
	),
	...layer('nodes/Nmbrs/transport/**/*.ts', 'transport/ holds the wire formats: no n8n or glue', [
		'n8n-workflow',
		'n8n-core',
		'**/v1/**',
	]),
	n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
	{
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
