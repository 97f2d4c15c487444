// The npm tarball, as `npm publish` would upload it: listed by `npm pack --dry-run --json
// --ignore-scripts` in the repository root, nothing written. Needs a built dist/ (`npm run verify`
// and `prepublishOnly` build first); without one every test here fails, naming the fix.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/**
 * Measured on 2026-11-29 (0.1.0): 61 KB packed, 270 KB unpacked, 158 files; on 2026-12-03, after
 * the REST backend, queue mode and the README's benchmark: 103 KB packed, 425 KB unpacked (the
 * largest file is README.md, 40 KB). The limits leave room to grow; a jump past them means
 * something that does not belong was packed.
 */
const MAX_PACKED_BYTES = 130_000;
const MAX_UNPACKED_BYTES = 550_000;

interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

/** Paths of every file under dir (relative to the repository root, `/`-separated). */
function filesUnder(dir: string): string[] {
	const abs = path.join(REPO_ROOT, dir);
	if (!fs.existsSync(abs)) return [];
	return fs
		.readdirSync(abs, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => path.relative(REPO_ROOT, path.join(e.parentPath ?? e.path, e.name)))
		.map((p) => p.split(path.sep).join('/'));
}

function packDryRun(): PackResult {
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])] as string[];
	const missing = declared.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist')) || missing.length) {
		throw new Error(
			`dist/ is not built (missing: ${missing.join(', ') || 'dist/'}): run \`npm run build\` ` +
				'before this test (`npm run verify` does)',
		);
	}
	const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
	});
	if (res.status !== 0) {
		throw new Error(`npm pack --dry-run failed (exit ${res.status}): ${res.stderr || res.error}`);
	}
	return JSON.parse(res.stdout.slice(res.stdout.indexOf('[')))[0];
}

describe('the npm package (npm pack --dry-run)', () => {
	let pack: PackResult;
	let files: Set<string>;

	beforeAll(() => {
		pack = packDryRun();
		files = new Set(pack.files.map((f) => f.path));
	});

	it('holds every node and credential that package.json n8n.nodes and n8n.credentials name', () => {
		const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[];
		expect(pkg.n8n.nodes).toHaveLength(3);
		expect(pkg.n8n.credentials).toHaveLength(3);
		expect(declared.filter((f) => !files.has(path.posix.normalize(f)))).toEqual([]);
	});

	it('holds the built icons and node codex files next to the nodes and credentials', () => {
		const assets = [...filesUnder('nodes'), ...filesUnder('credentials')]
			.filter((f) => /\.(svg|png)$|\.node\.json$/.test(f))
			.map((f) => `dist/${f}`);
		expect(assets.length).toBeGreaterThanOrEqual(9);
		expect(assets.filter((f) => !files.has(f))).toEqual([]);
	});

	it('holds package.json, README.md, LICENSE and CHANGELOG.md', () => {
		for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
			expect(files).toContain(f);
		}
	});

	it('holds the sample workflows, so each version ships the samples that match its nodes', () => {
		const samples = filesUnder('workflows').filter((f) => f.endsWith('.json'));
		expect(samples.length).toBeGreaterThanOrEqual(4);
		expect(samples.filter((f) => !files.has(f))).toEqual([]);
	});

	it('holds nothing outside dist/, workflows/ and the four top-level files', () => {
		const topLevel = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);
		const stray = [...files].filter(
			(f) => !topLevel.has(f) && !f.startsWith('dist/') && !/^workflows\/[^/]+\.json$/.test(f),
		);
		expect(stray).toEqual([]);
	});

	it('holds no source maps or links to them, no .ts but .d.ts, no .env, no node_modules', () => {
		const bad = [...files].filter(
			(f) =>
				f.endsWith('.map') ||
				(/\.(ts|mts|cts)$/.test(f) && !/\.d\.(ts|mts|cts)$/.test(f)) ||
				/(^|\/)\.env(\.|$)/.test(f) ||
				/(^|\/)node_modules\//.test(f) ||
				f.endsWith('.tgz'),
		);
		expect(bad).toEqual([]);
		const pointingAtMaps = [...files]
			.filter((f) => f.endsWith('.js'))
			.filter((f) => /sourceMappingURL/.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')));
		expect(pointingAtMaps).toEqual([]);
	});

	it('holds nothing from test/, scripts/, docs/, docker/, .github/ or .ci/', () => {
		const dirs = ['test/', 'scripts/', 'docs/', 'docker/', '.github/', '.ci/'];
		expect([...files].filter((f) => dirs.some((d) => f.startsWith(d)))).toEqual([]);
	});

	it('depends at run time on soap only, with n8n-workflow as the only peer', () => {
		expect(Object.keys(pkg.dependencies ?? {})).toEqual(['soap']);
		expect(Object.keys(pkg.peerDependencies ?? {})).toEqual(['n8n-workflow']);
		expect(pkg.optionalDependencies).toBeUndefined();
		expect(pkg.bundleDependencies ?? pkg.bundledDependencies).toBeUndefined();
	});

	it('has no "main", or one that points at a packed file', () => {
		const main = pkg.main === undefined ? undefined : path.posix.normalize(pkg.main);
		expect(main === undefined || files.has(main)).toBe(true);
	});

	const limits = `${MAX_PACKED_BYTES / 1000} KB packed, ${MAX_UNPACKED_BYTES / 1000} KB unpacked`;
	it(`stays under ${limits}`, () => {
		expect(pack.filename).toBe(`n8n-nodes-nmbrs-${pkg.version}.tgz`);
		expect(pack.size).toBeLessThan(MAX_PACKED_BYTES);
		expect(pack.unpackedSize).toBeLessThan(MAX_UNPACKED_BYTES);
	});
});
