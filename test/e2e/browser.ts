/**
 * Headless-Chromium check of the n8n editor: log in, open a workflow, open a node's parameter
 * panel, open its resource locator (company list) and take a screenshot.
 *
 * Needs Debian's chromium (`apt-get update && apt-get install -y chromium`, gives /usr/bin/chromium)
 * and playwright-core (a devDependency; it never downloads a browser). The flags keep Chromium off
 * the (closed) network.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface CaptureOptions {
	/** n8n base URL, e.g. http://localhost:5678 */
	url: string;
	email: string;
	password: string;
	workflowId: string;
	/** Canvas name of the node to open. */
	nodeName: string;
	/** PNG path. */
	outFile: string;
	/** Resource-locator parameter to open (its `name`); default: the first one in the panel. */
	parameterName?: string;
	/** Bound for the whole capture. Default 120 s. */
	timeoutMs?: number;
	/** Viewport. Default 1440x900. */
	viewport?: { width: number; height: number };
}

export interface CaptureResult {
	outFile: string;
	/** Texts of the list entries shown in the resource-locator dropdown. */
	items: string[];
}

async function login(page: Page, url: string, email: string, password: string, timeout: number): Promise<void> {
	await page.goto(`${url}/signin`, { waitUntil: 'domcontentloaded', timeout });
	// The sign-in form (n8n 2.41: inputs named emailOrLdapLoginId / password inside [data-test-id=signin-form]).
	const form = page.locator('[data-test-id="signin-form"]');
	await form.waitFor({ state: 'visible', timeout });
	await form.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(email);
	await form.locator('input[name="password"], input[type="password"]').first().fill(password);
	await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/rest/login') && r.request().method() === 'POST', { timeout }),
		form.locator('input[name="password"], input[type="password"]').first().press('Enter'),
	]).then(async ([res]) => {
		if (!res.ok()) throw new Error(`n8n sign-in failed: HTTP ${res.status()}`);
	});
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout });
}

/**
 * Log in, open `workflowId`, double-click `nodeName`, open the resource locator's list and
 * screenshot once list entries (or an error/empty state) show. Throws with a screenshot at
 * `<outFile>.failure.png` when a step does not happen in time.
 */
export async function captureNodeScreenshot(opts: CaptureOptions): Promise<CaptureResult> {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(`${CHROMIUM_PATH} not found: apt-get update && apt-get install -y chromium`);
	}
	const total = opts.timeoutMs ?? 120_000;
	const deadline = Date.now() + total;
	const left = () => Math.max(1000, deadline - Date.now());
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-chromium-'));
	fs.mkdirSync(path.dirname(path.resolve(opts.outFile)), { recursive: true });
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: opts.viewport ?? { width: 1440, height: 900 },
		timeout: 60_000,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	try {
		await login(page, opts.url, opts.email, opts.password, left());

		await page.goto(`${opts.url}/workflow/${opts.workflowId}`, { waitUntil: 'domcontentloaded', timeout: left() });
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${opts.nodeName.replace(/"/g, '\\"')}"]`);
		await node.first().waitFor({ state: 'visible', timeout: left() });
		await node.first().dblclick();

		const ndv = page.locator('[data-test-id="node-parameters"]');
		await ndv.first().waitFor({ state: 'visible', timeout: left() });

		const scope = opts.parameterName
			? page.locator(`[data-test-id="parameter-input-${opts.parameterName}"], [data-test-id="resource-locator-${opts.parameterName}"]`).first()
			: page.locator('[data-test-id="node-parameters"]').first();
		const rlcInput = scope.locator('[data-test-id="rlc-input"]').first();
		await rlcInput.waitFor({ state: 'visible', timeout: left() });
		await rlcInput.click();

		const dropdown = page.locator('[data-test-id="resource-locator-dropdown"]').first();
		await dropdown.waitFor({ state: 'visible', timeout: left() });
		// entries, or an error box when the list search failed: either way the state is visible
		const items = dropdown.locator('[data-test-id="rlc-item"]');
		await Promise.race([
			items.first().waitFor({ state: 'visible', timeout: left() }),
			page.locator('[data-test-id="rlc-error-container"]').first().waitFor({ state: 'visible', timeout: left() }),
		]);
		const texts = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		await page.screenshot({ path: opts.outFile, fullPage: false });
		if (texts.length === 0) {
			const err = await page.locator('[data-test-id="rlc-error-container"]').first().innerText().catch(() => '');
			throw new Error(`the resource locator shows no entries${err ? `: ${err.trim().slice(0, 300)}` : ''} (screenshot: ${opts.outFile})`);
		}
		return { outFile: opts.outFile, items: texts };
	} catch (e) {
		await page.screenshot({ path: `${opts.outFile}.failure.png` }).catch(() => undefined);
		throw e;
	} finally {
		await context.close().catch(() => undefined);
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}
