// docker/Dockerfile (n8n 3 with the package baked in), checked without Docker: no engine and no
// image pulls on the test machines. A small parser reads the instructions; the install is held
// to the steps the end-to-end tests run (test/support/package-install.ts), and its two inline
// Node scripts are run here on a throwaway package folder.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validate } from 'dockerfile-utils';

import {
	DROPPED_PACKAGE_JSON_FIELDS,
	PACKAGE_INSTALL_NPM_ARGS,
	tarExtractArgs,
} from '../support/package-install';

const DOCKER_DIR = path.resolve(__dirname, '..', '..', 'docker');
const DOCKERFILE = fs.readFileSync(path.join(DOCKER_DIR, 'Dockerfile'), 'utf8');

interface Instruction {
	keyword: string;
	args: string;
	line: number;
}

/** Instructions with continuation lines joined; comments and blank lines dropped. */
function parseDockerfile(text: string): Instruction[] {
	const result: Instruction[] = [];
	let current: Instruction | undefined;
	text.split(/\r?\n/).forEach((raw, index) => {
		const trimmed = raw.trim();
		if (trimmed === '' || trimmed.startsWith('#')) return;
		let rest = trimmed;
		if (!current) {
			const match = /^(\S+)\s*(.*)$/.exec(trimmed)!;
			current = { keyword: match[1].toUpperCase(), args: '', line: index + 1 };
			rest = match[2];
		}
		if (rest.endsWith('\\')) {
			current.args += rest.slice(0, -1).trim() + ' ';
			return;
		}
		current.args = (current.args + rest).trim();
		result.push(current);
		current = undefined;
	});
	if (current) throw new Error(`line ${current.line}: continuation never ends`);
	return result;
}

/**
 * A shell command line split into simple commands (on unquoted `;`, `&&`, `||`, `|`), each a
 * list of words with quotes removed. Enough for the one RUN here; no expansions.
 */
function shellCommands(script: string): string[][] {
	const commands: string[][] = [];
	let words: string[] = [];
	let word: string | undefined;
	const endWord = () => {
		if (word !== undefined) words.push(word);
		word = undefined;
	};
	const endCommand = () => {
		endWord();
		if (words.length) commands.push(words);
		words = [];
	};
	for (let i = 0; i < script.length; i++) {
		const c = script[i];
		if (c === "'") {
			const end = script.indexOf("'", i + 1);
			if (end < 0) throw new Error(`unterminated ' at ${i}`);
			word = (word ?? '') + script.slice(i + 1, end);
			i = end;
		} else if (c === '"') {
			let text = '';
			for (i++; i < script.length && script[i] !== '"'; i++) {
				if (script[i] === '\\' && '"\\$`'.includes(script[i + 1])) i++;
				text += script[i];
			}
			if (i >= script.length) throw new Error('unterminated "');
			word = (word ?? '') + text;
		} else if (c === ';' || (c === '|' && script[i + 1] !== '|')) {
			endCommand();
		} else if ((c === '&' || c === '|') && script[i + 1] === c) {
			endCommand();
			i++;
		} else if (/\s/.test(c)) {
			endWord();
		} else {
			word = (word ?? '') + c;
		}
	}
	endCommand();
	return commands;
}

/** ARG defaults declared before the first FROM, for `${NAME}` in FROM. */
function globalArgs(instructions: Instruction[]): Record<string, string> {
	const args: Record<string, string> = {};
	for (const i of instructions) {
		if (i.keyword === 'FROM') break;
		if (i.keyword !== 'ARG') continue;
		const [name, value] = i.args.split('=');
		if (value !== undefined) args[name] = value.replace(/^"|"$/g, '');
	}
	return args;
}

/** `ENV KEY=value ...` and the old `ENV KEY value` form. */
function envOf(instructions: Instruction[]): Record<string, string> {
	const env: Record<string, string> = {};
	for (const i of instructions.filter((x) => x.keyword === 'ENV')) {
		const words = shellCommands(i.args)[0] ?? [];
		if (words.length && !words[0].includes('=')) env[words[0]] = words.slice(1).join(' ');
		else for (const w of words) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
	}
	return env;
}

const instructions = parseDockerfile(DOCKERFILE);
const installRun = instructions.find((i) => i.keyword === 'RUN' && /\bnpm install\b/.test(i.args));
const installCommands = installRun ? shellCommands(installRun.args) : [];
/** The installed package's folder, from the RUN's own `pkg=` assignment. */
const packageDir = installCommands.find((c) => c[0].startsWith('pkg='))?.[0].slice(4);
const nodeScripts = installCommands
	.filter((c) => c[0] === 'node' && c[1] === '-e')
	.map((c) => c[2]);

function runNodeScript(script: string, cwd: string): void {
	const res = spawnSync(process.execPath, ['-e', script], {
		cwd,
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (res.status !== 0) throw new Error(`node -e failed (${res.status}): ${res.stderr}`);
}

describe('parseDockerfile and shellCommands (the helpers of this test)', () => {
	it('join continuation lines, skip comments, and split commands outside quotes only', () => {
		const parsed = parseDockerfile('# c\nFROM a:1\nRUN x \\\n  # inner\n  y; z\nUSER node\n');
		expect(parsed.map((i) => [i.keyword, i.args, i.line])).toEqual([
			['FROM', 'a:1', 2],
			['RUN', 'x y; z', 3],
			['USER', 'node', 6],
		]);
		expect(shellCommands(`a 'b; c' "d \\"e\\""; f && g || h | i >&2`)).toEqual([
			['a', 'b; c', 'd "e"'],
			['f'],
			['g'],
			['h'],
			['i', '>&2'],
		]);
	});
});

describe('docker/Dockerfile', () => {
	it('passes dockerfile-utils validation with no errors and no warnings', () => {
		const problems = validate(DOCKERFILE).map(
			(d) => `line ${d.range.start.line + 1}: ${d.message}`,
		);
		expect(problems).toEqual([]);
	});

	it('builds on the official n8n image at a pinned 3.x release (no latest, next or beta)', () => {
		const from = instructions.filter((i) => i.keyword === 'FROM');
		expect(from).toHaveLength(1);
		const args = globalArgs(instructions);
		const image = from[0].args.split(/\s+/)[0].replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => {
			const name = a ?? b;
			if (!(name in args)) throw new Error(`FROM uses $${name}, which has no default`);
			return args[name];
		});
		expect(image).toMatch(/^(docker\.n8n\.io\/)?n8nio\/n8n:3\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/);
	});

	it('runs as user node: the install and the image itself', () => {
		const users = instructions.filter((i) => i.keyword === 'USER');
		expect(users.length).toBeGreaterThan(0);
		expect(users[users.length - 1].args).toBe('node');
		expect(installRun).toBeDefined();
		const userBeforeInstall = users.filter((u) => u.line < installRun!.line).pop();
		expect(userBeforeInstall?.args).toBe('node');
	});

	it('sets N8N_UNVERIFIED_PACKAGES_ENABLED=true (n8n 3 turns unverified packages off)', () => {
		expect(envOf(instructions).N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
	});

	it('copies in the npm pack tarball, and the build context lets only that through', () => {
		const copy = instructions.find((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
		expect(copy?.keyword).toBe('COPY');
		const sources = copy!.args
			.split(/\s+/)
			.filter((w) => !w.startsWith('--'))
			.slice(0, -1);
		expect(sources).toEqual(['n8n-nodes-nmbrs-*.tgz']);
		const ignore = fs
			.readFileSync(path.join(DOCKER_DIR, 'Dockerfile.dockerignore'), 'utf8')
			.split('\n')
			.map((l) => l.trim())
			.filter((l) => l && !l.startsWith('#'));
		expect(ignore).toEqual(['*', '!n8n-nodes-nmbrs-*.tgz']);
	});

	it('installs into ~/.n8n/nodes/node_modules/n8n-nodes-nmbrs, where n8n scans for packages', () => {
		expect(packageDir).toBe('/home/node/.n8n/nodes/node_modules/n8n-nodes-nmbrs');
	});

	it('runs the install steps of the e2e tests, in their order', () => {
		const tar = installCommands.findIndex((c) => c[0] === 'tar');
		const cd = installCommands.findIndex((c) => c[0] === 'cd');
		const npm = installCommands.findIndex((c) => c[0] === 'npm');
		const stray = installCommands.findIndex(
			(c) => c.join(' ') === 'test ! -e node_modules/n8n-workflow',
		);
		const nodes = installCommands.flatMap((c, i) => (c[0] === 'node' ? [i] : []));
		expect(nodes).toHaveLength(2);
		// extract, enter the package, drop dependency fields, npm install, check, record
		const order = [tar, cd, nodes[0], npm, stray, nodes[1]];
		expect(order.every((v) => v >= 0)).toBe(true);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		const tarWords = installCommands[tar];
		expect(tarWords.slice(1)).toEqual(tarExtractArgs(tarWords[2], tarWords[4]));
		expect(tarWords[4]).toBe('$pkg');
		expect(installCommands[cd]).toEqual(['cd', '$pkg']);
		const npmCommands = installCommands.filter((c) => c[0] === 'npm');
		expect(npmCommands).toEqual([['npm', ...PACKAGE_INSTALL_NPM_ARGS]]);
	});

	describe('its inline Node scripts, run on a throwaway package folder', () => {
		let tmp: string;
		let pkg: string;
		beforeEach(() => {
			tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-test-'));
			pkg = path.join(tmp, 'nodes', 'node_modules', 'n8n-nodes-nmbrs');
			fs.mkdirSync(pkg, { recursive: true });
			fs.writeFileSync(
				path.join(pkg, 'package.json'),
				JSON.stringify({
					name: 'n8n-nodes-nmbrs',
					version: '9.8.7',
					n8n: { nodes: ['dist/a.node.js'] },
					dependencies: { soap: '1.13.0' },
					devDependencies: { jest: '1' },
					peerDependencies: { 'n8n-workflow': '*' },
					optionalDependencies: { x: '1' },
				}),
			);
		});
		afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

		it('the first drops exactly the fields the e2e install drops', () => {
			runNodeScript(nodeScripts[0], pkg);
			const after = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
			for (const field of DROPPED_PACKAGE_JSON_FIELDS) expect(after).not.toHaveProperty(field);
			expect(Object.keys(after)).toEqual(['name', 'version', 'n8n', 'dependencies']);
		});

		it('the second records name and version in nodes/package.json, keeping other packages', () => {
			runNodeScript(nodeScripts[1], pkg);
			const created = JSON.parse(fs.readFileSync(path.join(tmp, 'nodes', 'package.json'), 'utf8'));
			expect(created.dependencies).toEqual({ 'n8n-nodes-nmbrs': '9.8.7' });
			const manifest = {
				name: 'installed-nodes',
				private: true,
				dependencies: { 'n8n-nodes-other': '1.0.0' },
			};
			fs.writeFileSync(path.join(tmp, 'nodes', 'package.json'), JSON.stringify(manifest));
			runNodeScript(nodeScripts[1], pkg);
			const updated = JSON.parse(fs.readFileSync(path.join(tmp, 'nodes', 'package.json'), 'utf8'));
			expect(updated.dependencies).toEqual({
				'n8n-nodes-other': '1.0.0',
				'n8n-nodes-nmbrs': '9.8.7',
			});
		});
	});
});
