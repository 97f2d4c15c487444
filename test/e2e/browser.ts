/**
 * Headless-Chromium check of the n8n editor: log in, open a workflow, open a node's parameter
 * panel, open its resource locator (company list) and take a screenshot.
 *
 * Needs Debian's chromium (`apt-get update && apt-get install -y chromium`, gives /usr/bin/chromium)
 * and playwright-core (a devDependency; it never downloads a browser). The flags keep Chromium off
 * the (closed) network.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

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

/** Throws (never skips) when Debian's chromium is not installed. */
export function assertChromium(): void {
	if (!fs.existsSync(CHROMIUM_PATH) && !process.env.CHROMIUM_PATH) {
		// Same set-up as `npm run verify`, so `npm test` also works on a fresh machine.
		execFileSync('bash', [path.join(__dirname, '..', '..', 'scripts', 'ensure-chromium.sh')], {
			stdio: 'inherit',
			timeout: 600_000,
		});
	}
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`${CHROMIUM_PATH} not found: install it with \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
		);
	}
}

/** Headless Chromium with a fresh user-data-dir (removed again by close()). */
async function launchBrowser(viewport?: {
	width: number;
	height: number;
}): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: viewport ?? { width: 1440, height: 900 },
			timeout: 60_000,
		});
	} catch (e) {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		throw e;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

function canvasNode(page: Page, nodeName: string) {
	return page.locator(
		`[data-test-id="canvas-node"][data-node-name="${nodeName.replace(/"/g, '\\"')}"]`,
	);
}

async function login(
	page: Page,
	url: string,
	email: string,
	password: string,
	timeout: number,
): Promise<void> {
	await page.goto(`${url}/signin`, { waitUntil: 'domcontentloaded', timeout });
	// The sign-in form (n8n 2.41: inputs named emailOrLdapLoginId / password inside [data-test-id=signin-form]).
	const form = page.locator('[data-test-id="signin-form"]');
	await form.waitFor({ state: 'visible', timeout });
	await form.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(email);
	await form.locator('input[name="password"], input[type="password"]').first().fill(password);
	await Promise.all([
		page.waitForResponse(
			(r) => r.url().endsWith('/rest/login') && r.request().method() === 'POST',
			{ timeout },
		),
		form.locator('input[name="password"], input[type="password"]').first().press('Enter'),
	]).then(async ([res]) => {
		if (!res.ok()) throw new Error(`n8n sign-in failed: HTTP ${res.status()}`);
	});
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout });
}

/** Chromium, logged in, on the workflow's editor page; `left()` is what remains of the time budget, at least 1 s. */
async function openWorkflow(
	opts: {
		url: string;
		email: string;
		password: string;
		workflowId: string;
		outFile: string;
		timeoutMs?: number;
		viewport?: { width: number; height: number };
	},
	defaultTimeoutMs: number,
) {
	assertChromium();
	const deadline = Date.now() + (opts.timeoutMs ?? defaultTimeoutMs);
	const left = () => Math.max(1000, deadline - Date.now());
	fs.mkdirSync(path.dirname(path.resolve(opts.outFile)), { recursive: true });
	const { page, close } = await launchBrowser(opts.viewport);
	try {
		await login(page, opts.url, opts.email, opts.password, left());
		await page.goto(`${opts.url}/workflow/${opts.workflowId}`, {
			waitUntil: 'domcontentloaded',
			timeout: left(),
		});
	} catch (error) {
		await page.screenshot({ path: `${opts.outFile}.failure.png` }).catch(() => undefined);
		await close();
		throw error;
	}
	return { page, close, left, expired: () => Date.now() > deadline };
}

/**
 * Log in, open `workflowId`, double-click `nodeName`, open the resource locator's list and
 * screenshot once list entries (or an error/empty state) show. Throws with a screenshot at
 * `<outFile>.failure.png` when a step does not happen in time.
 */
export async function captureNodeScreenshot(opts: CaptureOptions): Promise<CaptureResult> {
	const { page, close, left } = await openWorkflow(opts, 120_000);
	try {
		const node = canvasNode(page, opts.nodeName);
		await node.first().waitFor({ state: 'visible', timeout: left() });
		await node.first().dblclick();

		const ndv = page.locator('[data-test-id="node-parameters"]');
		await ndv.first().waitFor({ state: 'visible', timeout: left() });

		const scope = opts.parameterName
			? page
					.locator(
						`[data-test-id="parameter-input-${opts.parameterName}"], [data-test-id="resource-locator-${opts.parameterName}"]`,
					)
					.first()
			: page.locator('[data-test-id="node-parameters"]').first();
		const rlcInput = scope.locator('[data-test-id="rlc-input"]').first();
		await rlcInput.waitFor({ state: 'visible', timeout: left() });
		await rlcInput.click();

		// The dropdown is teleported to <body>; several (hidden) ones may exist, so wait for a visible
		// entry, or the visible error box when the list search failed.
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		const errorBox = page.locator('[data-test-id="rlc-error-container"]:visible');
		await items.or(errorBox).first().waitFor({ state: 'visible', timeout: left() });
		await page.waitForTimeout(300); // let the list finish rendering before the shot
		const texts = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		await page.screenshot({ path: opts.outFile, fullPage: false });
		if (texts.length === 0) {
			const err = await errorBox
				.first()
				.innerText()
				.catch(() => '');
			throw new Error(
				`the resource locator shows no entries${err ? `: ${err.trim().slice(0, 300)}` : ''} (screenshot: ${opts.outFile})`,
			);
		}
		return { outFile: opts.outFile, items: texts };
	} catch (e) {
		await page.screenshot({ path: `${opts.outFile}.failure.png` }).catch(() => undefined);
		throw e;
	} finally {
		await close();
	}
}

export interface RunWorkflowOptions {
	/** n8n base URL, e.g. http://localhost:5678 */
	url: string;
	email: string;
	password: string;
	workflowId: string;
	/** PNG of the canvas after the run finished. */
	outFile: string;
	/** Canvas names of nodes that must show the success status before the screenshot. */
	expectSuccessNodes?: string[];
	/** Bound for login + run + screenshot. Default 180 s. */
	timeoutMs?: number;
	viewport?: { width: number; height: number };
}

export interface RunWorkflowResult {
	outFile: string;
	executionId: string;
	/** n8n's execution status: success, error, crashed, canceled, ... */
	status: string;
	/** Error message of a failed execution, if any. */
	error?: string;
}

/**
 * Log in, open `workflowId`, click the editor's "Execute workflow" button
 * ([data-test-id="execute-workflow-button"]), wait (bounded) until the execution is finished
 * (POST /rest/workflows/<id>/run gives its id; GET /rest/executions/<id> is polled from inside the
 * page, with the page's own browser-id header and cookie), wait for the canvas to show the
 * success status on `expectSuccessNodes`, and take a screenshot. Failures leave
 * `<outFile>.failure.png`.
 */
export async function runWorkflowInBrowser(opts: RunWorkflowOptions): Promise<RunWorkflowResult> {
	const { page, close, left, expired } = await openWorkflow(opts, 180_000);
	try {
		await page
			.locator('[data-test-id="canvas-node"]')
			.first()
			.waitFor({ state: 'visible', timeout: left() });

		const button = page.locator('[data-test-id="execute-workflow-button"]:visible').first();
		await button.waitFor({ state: 'visible', timeout: left() });
		const runPath = `/rest/workflows/${opts.workflowId}/run`;
		const [res] = await Promise.all([
			page.waitForResponse(
				(r) => new URL(r.url()).pathname === runPath && r.request().method() === 'POST',
				{ timeout: left() },
			),
			button.click({ timeout: left() }),
		]);
		const body = await res.json().catch(() => undefined);
		if (!res.ok())
			throw new Error(
				`POST ${runPath} failed: HTTP ${res.status()} ${JSON.stringify(body ?? '').slice(0, 300)}`,
			);
		const executionId = String(body?.data?.executionId ?? '');
		if (!executionId)
			throw new Error(`POST ${runPath} gave no executionId: ${JSON.stringify(body).slice(0, 300)}`);

		// Poll the execution from inside the page (n8n checks the browser-id header against the auth cookie).
		let exec: { status?: string; finished?: boolean; error?: string } = {};
		while (true) {
			exec = await page.evaluate(async (id) => {
				const r = await fetch(`/rest/executions/${id}`, {
					headers: {
						'browser-id': (globalThis as any).localStorage?.getItem('n8n-browserId') ?? '',
					},
					credentials: 'same-origin',
				});
				if (!r.ok) return { status: `http-${r.status}` };
				const j = await r.json();
				const d: any = (j as any)?.data ?? {};
				let error: string | undefined;
				try {
					const parsed = typeof d.data === 'string' ? JSON.parse(d.data) : undefined;
					// flatted format: the message is somewhere in the array; keep it short
					if (d.status && d.status !== 'success' && parsed)
						error = JSON.stringify(parsed).slice(0, 500);
				} catch {
					/* ignore */
				}
				return {
					status: d.status as string | undefined,
					finished: d.finished as boolean | undefined,
					error,
				};
			}, executionId);
			if (exec.status && !['new', 'running', 'waiting', 'unknown'].includes(exec.status)) break;
			if (expired())
				throw new Error(
					`execution ${executionId} not finished in time (status ${exec.status ?? '?'})`,
				);
			await page.waitForTimeout(500);
		}

		if (exec.status === 'success') {
			for (const name of opts.expectSuccessNodes ?? []) {
				await canvasNode(page, name)
					.locator('[data-test-id="canvas-node-status-success"]')
					.first()
					.waitFor({ state: 'visible', timeout: left() });
			}
			// the run button leaves its "executing" state when the UI got the finish event
			await page
				.locator('[data-test-id="execute-workflow-button"]:visible:not([disabled])')
				.first()
				.waitFor({ timeout: left() });
		}
		await page.waitForTimeout(300);
		await page.screenshot({ path: opts.outFile, fullPage: false });
		return {
			outFile: opts.outFile,
			executionId,
			status: exec.status ?? 'unknown',
			error: exec.error,
		};
	} catch (e) {
		await page.screenshot({ path: `${opts.outFile}.failure.png` }).catch(() => undefined);
		throw e;
	} finally {
		await close();
	}
}

export interface PickOptions {
	url: string;
	email: string;
	password: string;
	workflowId: string;
	/** Canvas name of an Nmbrs Hours → Export node whose Company, Employee and Hour Code are empty. */
	nodeName: string;
	company: RegExp;
	employee: RegExp;
	hourCode: RegExp;
	/** PNG of the node with the three picks made. */
	outFile: string;
	/** Text typed into the nodes panel search, and the PNG of its results. */
	search: string;
	searchOutFile: string;
	timeoutMs?: number;
}

export interface PickResult {
	/** Entry texts each list offered, and the one picked. */
	companies: string[];
	employees: string[];
	hourCodes: string[];
	picked: { company: string; employee: string; hourCode: string };
	/** Node names the nodes panel showed for the search. */
	searchResults: string[];
}

/**
 * As a payroll person would: open the export node, pick a company, then an employee of that
 * company, then one of its hour codes from the lists the node fills from Nmbrs; then search the
 * nodes panel. Throws with `<outFile>.failure.png` when a step does not happen in time.
 */
export async function pickFromLists(opts: PickOptions): Promise<PickResult> {
	const { page, close, left } = await openWorkflow(opts, 180_000);
	try {
		const node = canvasNode(page, opts.nodeName);
		await node.first().waitFor({ state: 'visible', timeout: left() });
		await node.first().dblclick();
		await page
			.locator('[data-test-id="node-parameters"]')
			.first()
			.waitFor({ state: 'visible', timeout: left() });

		const pickLocator = async (name: string, want: RegExp) => {
			const scope = page
				.locator(
					`[data-test-id="resource-locator-${name}"], [data-test-id="parameter-input-${name}"]`,
				)
				.first();
			await scope.locator('[data-test-id="rlc-input"]').first().click({ timeout: left() });
			const items = page.locator('[data-test-id="rlc-item"]:visible');
			await items.first().waitFor({ state: 'visible', timeout: left() });
			await page.waitForTimeout(300);
			const texts = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
			const chosen = items.filter({ hasText: want }).first();
			const text = (await chosen.innerText({ timeout: left() })).trim();
			await chosen.click({ timeout: left() });
			return { texts, text };
		};
		const company = await pickLocator('company', opts.company);
		const employee = await pickLocator('employee', opts.employee);

		// Hour Code is an options field whose entries come from the chosen company.
		await page
			.locator('[data-test-id="parameter-input-hourCode"]')
			.first()
			.click({ timeout: left() });
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.filter({ hasText: opts.hourCode }).first().waitFor({ timeout: left() });
		const hourCodes = (await options.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		const codeOption = options.filter({ hasText: opts.hourCode }).first();
		const hourCode = (await codeOption.innerText()).trim();
		await codeOption.click({ timeout: left() });
		await page.waitForTimeout(500);
		await page.screenshot({ path: opts.outFile, fullPage: false });

		// The nodes panel, searched the way a payroll person would.
		// Close the node panel (its × button) and go back to the canvas.
		const panel = page.locator('[data-test-id="node-parameters"]').first();
		await page.keyboard.press('Escape'); // the hour-code dropdown, if still open
		await page
			.locator(
				'[data-test-id="ndv-close-button"]:visible, [data-test-id="ndv-close-modal"]:visible',
			)
			.first()
			.click({ timeout: left() });
		await panel.waitFor({ state: 'hidden', timeout: left() });
		await page
			.locator(
				'[data-test-id="node-creator-plus-button"]:visible, [data-test-id="canvas-add-button"]:visible',
			)
			.first()
			.click({ timeout: left() });
		const searchBar = page.locator('[data-test-id="node-creator-search-bar"]').first();
		await searchBar.waitFor({ state: 'visible', timeout: left() });
		await page.keyboard.type(opts.search, { delay: 30 });
		const names = page.locator('[data-test-id="node-creator-item-name"]:visible');
		await names.first().waitFor({ state: 'visible', timeout: left() });
		await page.waitForTimeout(500);
		const searchResults = (await names.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		await page.screenshot({ path: opts.searchOutFile, fullPage: false });

		return {
			companies: company.texts,
			employees: employee.texts,
			hourCodes,
			picked: { company: company.text, employee: employee.text, hourCode },
			searchResults,
		};
	} catch (e) {
		await page.screenshot({ path: `${opts.outFile}.failure.png` }).catch(() => undefined);
		throw e;
	} finally {
		await close();
	}
}
