// Lint as n8n's own node CLI does: the three eslint-plugin-n8n-nodes-base sets plus
// @n8n/eslint-plugin-community-nodes. The package depends on `soap` at run time, so it is
// self-hosted only: the without-cloud rule set is used and the one rule that forbids any
// runtime dependency is off. Nothing else is switched off.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const base = { 'n8n-nodes-base': n8nNodesBase };

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
	n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
	{
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
