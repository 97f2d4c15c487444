// Three layers: pure unit tests, in-process tests (n8n engine + emulators over loopback HTTP),
// and end-to-end tests in a real n8n. `npm test` runs the first two; `npm run verify` all, with the slow ones.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const common = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
	setupFiles: ['<rootDir>/test/support/setup-env.ts'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.demo/', '<rootDir>/.e2e/'],
};

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: [
				'<rootDir>/test/integration/**/*.test.ts',
				'<rootDir>/test/timechimp/**/*.test.ts',
			],
			testPathIgnorePatterns: ['\\.slow\\.test\\.ts$'],
		},
		// In-process, but minutes long (50 overlapping exports at a realistic 150 ms per call): npm run verify only.
		{ ...common, displayName: 'slow', testMatch: ['<rootDir>/test/integration/**/*.slow.test.ts'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'] },
	],
};
