// The sample workflows, unchanged, in a real n8n 2.41.1 (Node 24) with this package installed
// from its npm pack tarball as a community package, against both emulators over loopback.
import * as fs from 'fs';
import * as path from 'path';

import {
	DEMO_HOUR_MODEL_1,
	DEMO_HOUR_MODEL_2,
	PAYROLL_TIME_ZONE,
	previousMonth,
} from '../emulators/demo-data';
import { periodDates, periodOfDate } from '../../nodes/Nmbrs/domain/periods';
import { DEMO_USER, startNmbrsEmulator, type NmbrsEmulator } from '../emulators/nmbrs';
import { startTimeChimpEmulator, type TimeChimpEmulator } from '../emulators/timechimp';
import { isWriteCall, oauth2Credential, type Backend } from '../support/backends';
import { REST_CREDENTIAL, switchToRest } from '../support/switch-backend';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	nodeOutput,
	packPackage,
	REPO_ROOT,
	type N8nHome,
} from '../support/real-n8n';

jest.setTimeout(600_000);

const WORKFLOWS = path.join(REPO_ROOT, 'workflows');
const readSample = (file: string) =>
	JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'));
const VALID_CODES = new Set([...DEMO_HOUR_MODEL_1, ...DEMO_HOUR_MODEL_2].map((h) => h.code));
/** Approved worked time stays paid once it is billed (Invoiced) or written off. */
const PAID_STATUSES: string[] = ['Approved', 'Invoiced', 'WrittenOff'];

const now = new Date();
const prev = previousMonth(now);

// The newest n8n (Node 24), and the last 1.x on this machine's Node 20, for users who have not
// moved yet; each on SOAP (the samples as shipped) and on REST (the same samples with only the
// Nmbrs credential switched, test/support/switch-backend.ts).
describe.each([
	['2.41.1', 'soap'],
	['2.41.1', 'rest'],
	['1.123.x', 'soap'],
	['1.123.x', 'rest'],
] as Array<[string, Backend]>)(
	'sample workflows in real n8n %s, %s backend',
	(version, backend) => {
		const readWorkflow = (file: string) =>
			backend === 'soap' ? readSample(file) : switchToRest(readSample(file));
		let nmbrs: NmbrsEmulator;
		let timechimp: TimeChimpEmulator;
		let home: N8nHome;

		beforeAll(async () => {
			if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Nmbrs', 'Nmbrs.node.js'))) {
				throw new Error('dist/ is missing: run `npm run build` first (npm run verify does)');
			}
			nmbrs = await startNmbrsEmulator({ seed: 'demo', now });
			timechimp = await startTimeChimpEmulator({ seed: 'demo', now });
			home = await createN8nHome({
				version,
				packageTarball: await packPackage(),
				env: { GENERIC_TIMEZONE: PAYROLL_TIME_ZONE },
			});
			const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json'));
			const workflows = files.map(readWorkflow);
			// The credentials the samples reference, pointed at the emulators.
			const refs = new Map<string, { id: string; name: string }>();
			for (const wf of workflows)
				for (const n of wf.nodes)
					for (const [type, ref] of Object.entries(n.credentials ?? {}))
						refs.set(type, ref as never);
			expect([...refs.keys()].sort()).toEqual([
				backend === 'soap' ? 'nmbrsApi' : 'nmbrsOAuth2Api',
				'timeChimpApi',
			]);
			const timechimpData = { apiToken: timechimp.token, baseUrl: timechimp.baseUrl };
			home.secrets.add(DEMO_USER.token).add(timechimp.token);
			let nmbrsCredential;
			if (backend === 'soap') {
				const data = {
					email: DEMO_USER.username,
					apiToken: DEMO_USER.token,
					domain: DEMO_USER.domain,
					administration: nmbrs.demo!.companyId,
					environment: 'custom',
					baseUrl: nmbrs.baseUrl,
				};
				nmbrsCredential = { ...refs.get('nmbrsApi')!, type: 'nmbrsApi', data };
			} else {
				// As n8n holds it after "Connect": the token from Nmbrs' code flow. Only the fields a
				// user fills in, and the token n8n got: n8n itself resolves the identity URLs.
				const tokens = await nmbrs.authorize();
				const full = oauth2Credential(nmbrs, tokens, { administration: '101' });
				const data = Object.fromEntries(
					Object.entries(full).filter(([k]) => !['authUrl', 'accessTokenUrl'].includes(k)),
				);
				home.secrets
					.add(nmbrs.restConfig.subscriptionKey)
					.add(nmbrs.restConfig.clientSecret)
					.add(tokens.access_token)
					.add(tokens.refresh_token!);
				nmbrsCredential = { ...REST_CREDENTIAL, type: 'nmbrsOAuth2Api', data };
			}
			const imported = await importCredentials(home, [
				nmbrsCredential,
				{ ...refs.get('timeChimpApi')!, type: 'timeChimpApi', data: timechimpData },
			]);
			expect(imported.exitCode).toBe(0);
			expect((await importWorkflows(home, workflows)).exitCode).toBe(0);
		});

		afterAll(async () => {
			home?.cleanup();
			await nmbrs?.close();
			await timechimp?.close();
		});

		/** Approved TimeChimp hours of the previous month with a valid code, per employee number and hour code. */
		function expectedFromTimeChimp(): Record<string, Record<number, number>> {
			const monthPrefix = `${prev.year}-${String(prev.month).padStart(2, '0')}-`;
			const numberOf = new Map(timechimp.users.map((u) => [u.id, u.employeeNumber]));
			const out: Record<string, Record<number, number>> = {};
			for (const t of timechimp.times) {
				const code = Number(t.task.code);
				if (
					!PAID_STATUSES.includes(t.status) ||
					!t.date.startsWith(monthPrefix) ||
					!t.task.code ||
					!VALID_CODES.has(code)
				)
					continue;
				const emp = String(numberOf.get(t.user.id));
				out[emp] ??= {};
				out[emp][code] = Math.round(((out[emp][code] ?? 0) + t.hours) * 100) / 100;
			}
			return out;
		}
		function nmbrsTotals(): Record<string, Record<number, number>> {
			const out: Record<string, Record<number, number>> = {};
			for (const [number, id] of Object.entries(nmbrs.demo!.employeeIds)) {
				const totals = nmbrs.totals(id, prev.year, prev.month);
				if (Object.keys(totals).length > 0) out[number] = totals;
			}
			return out;
		}
		const writes = () => nmbrs.calls.filter((c) => isWriteCall(c.operation)).length;

		it('monthly export: Nmbrs equals TimeChimp approved hours; a re-run writes nothing; an edit is corrected', async () => {
			const run = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			expect(run.error).toBeUndefined();
			expect(run.ok).toBe(true);
			const expected = expectedFromTimeChimp();
			expect(Object.keys(expected).sort()).toEqual(['1001', '1002', '1003']);
			expect(nmbrsTotals()).toEqual(expected);
			// Entries on tasks without a valid hour code are reported, not dropped silently.
			const reported = nodeOutput(run, 'Entries without a valid hour code');
			expect(new Set(reported.map((e) => e.task.name))).toEqual(
				new Set(['Team meeting', 'Training']),
			);
			const summary = nodeOutput(run, 'Export hours to Nmbrs');
			expect(summary.map((s) => s.employeeNumber).sort()).toEqual([1001, 1002, 1003]);
			expect(
				summary.every(
					(s) => s.action === 'changed' && s.year === prev.year && s.period === prev.month,
				),
			).toBe(true);

			nmbrs.resetCounters();
			// An hour later the access token has expired: n8n refreshes it (rotating the refresh token).
			nmbrs.expireAccessTokens();
			const again = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			expect(again.ok).toBe(true);
			expect(writes()).toBe(0);
			if (backend === 'rest') expect(nmbrs.oauthStats.refreshes).toBeGreaterThanOrEqual(1);
			expect(nodeOutput(again, 'Export hours to Nmbrs').map((s) => s.action)).toEqual([
				'unchanged',
				'unchanged',
				'unchanged',
			]);

			// An approved entry is edited in TimeChimp after the export, another is moved to Leave.
			const monthPrefix = `${prev.year}-${String(prev.month).padStart(2, '0')}-`;
			const approved = timechimp.times.filter(
				(t) => t.status === 'Approved' && t.date.startsWith(monthPrefix) && t.task.code === '1',
			);
			timechimp.updateTime(approved[0].id, { hours: approved[0].hours + 1.5 });
			const leave = timechimp.tasks.find((t) => t.code === '20')!;
			timechimp.updateTime(approved[1].id, {
				task: { id: leave.id, name: leave.name, code: leave.code },
			});
			const corrected = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			expect(corrected.ok).toBe(true);
			expect(nmbrsTotals()).toEqual(expectedFromTimeChimp());

			// Billing moves an exported entry on to Invoiced: it is still worked time, and stays paid.
			const before = nmbrsTotals();
			timechimp.updateTime(approved[2].id, { status: 'Invoiced' });
			nmbrs.resetCounters();
			const invoiced = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			expect(invoiced.ok).toBe(true);
			expect(writes()).toBe(0);
			expect(nmbrsTotals()).toEqual(before);
		});

		it('approved-hours sync into the current period agrees with the monthly export', async () => {
			nmbrs.resetCounters();
			const run = await executeWorkflow(home, 'nmbrsApprovSync1');
			expect(run.error).toBeUndefined();
			// The demo company's current period is the previous month, which the monthly export already wrote.
			expect(writes()).toBe(0);
			expect(nmbrsTotals()).toEqual(expectedFromTimeChimp());
		});

		// Only SOAP says the period type; on REST the sample falls back to the calendar month.
		const soapOnly = backend === 'soap' ? it : () => undefined;
		soapOnly(
			'approved-hours sync works unchanged for a 4-weekly and a weekly company',
			async () => {
				const company = nmbrs.state.companies.get(Number(nmbrs.demo!.companyId))!;
				const saved = {
					type: company.periodType,
					year: company.currentYear,
					period: company.currentPeriod,
				};
				const numberOf = new Map(timechimp.users.map((u) => [u.id, u.employeeNumber]));
				// A day with approved hours last month: the company's current period is the one holding it.
				const day = timechimp.times
					.find((t) => t.status === 'Approved' && VALID_CODES.has(Number(t.task.code)))!
					.date.slice(0, 10);
				try {
					for (const type of ['W4', 'W1'] as const) {
						const at = periodOfDate(day, type);
						company.periodType = type;
						nmbrs.setCurrentPeriod(nmbrs.demo!.companyId, at.year, at.period);
						const { startDate, endDate } = periodDates(at, type);
						const run = await executeWorkflow(home, 'nmbrsApprovSync1');
						expect(run.error).toBeUndefined();
						const expected: Record<string, Record<number, number>> = {};
						for (const t of timechimp.times) {
							const code = Number(t.task.code);
							if (!PAID_STATUSES.includes(t.status) || !VALID_CODES.has(code)) continue;
							if (t.date.slice(0, 10) < startDate || t.date.slice(0, 10) > endDate) continue;
							const emp = String(numberOf.get(t.user.id));
							expected[emp] ??= {};
							expected[emp][code] = Math.round(((expected[emp][code] ?? 0) + t.hours) * 100) / 100;
						}
						const actual: Record<string, Record<number, number>> = {};
						for (const [number, id] of Object.entries(nmbrs.demo!.employeeIds)) {
							const totals = nmbrs.totals(id, at.year, at.period);
							if (Object.keys(totals).length > 0) actual[number] = totals;
						}
						expect({ type, actual }).toEqual({ type, actual: expected });
						expect(Object.keys(expected).length).toBeGreaterThan(0);
					}
				} finally {
					company.periodType = saved.type;
					nmbrs.setCurrentPeriod(nmbrs.demo!.companyId, saved.year, saved.period);
				}
			},
		);

		it('employee import: users created or updated, no contract = inactive, no work e-mail reported', async () => {
			const run = await executeWorkflow(home, 'nmbrsEmplImport1');
			expect(run.error).toBeUndefined();
			const upserted = nodeOutput(run, 'Create or update TimeChimp user');
			expect(upserted.map((u) => [u.employeeNumber, u.operation]).sort()).toEqual([
				['1001', 'unchanged'],
				['1002', 'unchanged'],
				['1003', 'unchanged'],
				['1004', 'created'],
				['1006', 'created'],
			]);
			const byNumber = new Map(timechimp.users.map((u) => [u.employeeNumber, u]));
			expect(byNumber.get('1004')).toMatchObject({
				active: false,
				userName: 'pieter.vandenberg@dezon.example',
			});
			expect(byNumber.get('1006')).toMatchObject({ active: false });
			expect(byNumber.get('1001')).toMatchObject({ active: true });
			expect(nodeOutput(run, 'Employees without work e-mail').map((e) => e.employeeNumber)).toEqual(
				[1005],
			);
			// Idempotent: a second import changes nothing.
			const again = await executeWorkflow(home, 'nmbrsEmplImport1');
			expect(
				nodeOutput(again, 'Create or update TimeChimp user').every(
					(u) => u.operation === 'unchanged',
				),
			).toBe(true);
		});

		it('hour-code check lists the tasks whose code is missing or invalid', async () => {
			const run = await executeWorkflow(home, 'nmbrsHourCodeChk');
			expect(run.error).toBeUndefined();
			expect(
				nodeOutput(run, 'Tasks to fix')
					.map((t) => t.name)
					.sort(),
			).toEqual(['Team meeting', 'Training']);
			expect(nodeOutput(run, 'Tasks with a valid code')).toHaveLength(5);
		});

		it('withdrawn hours come back out, down to an empty period; a hand-entered row of someone never exported stays', async () => {
			const monthPrefix = `${prev.year}-${String(prev.month).padStart(2, '0')}-`;
			const paid = () =>
				timechimp.times.filter(
					(t) => PAID_STATUSES.includes(t.status) && t.date.startsWith(monthPrefix),
				);
			nmbrs.addHourRow(nmbrs.demo!.employeeIds[1004], {
				year: prev.year,
				period: prev.month,
				hourCode: 1,
				hours: 3,
				comment: 'entered by payroll admin',
			});
			// 1002's approved hours are rejected after the export: 1002 drops out of the input.
			for (const t of paid().filter((x) => x.user.id === 2))
				timechimp.updateTime(t.id, { status: 'Rejected' });
			const withdrawn = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			expect(withdrawn.error).toBeUndefined();
			expect(withdrawn.ok).toBe(true);
			expect(nmbrsTotals()).toEqual({ ...expectedFromTimeChimp(), 1004: { 1: 3 } });
			expect(nmbrsTotals()['1002']).toBeUndefined();
			// Then every entry of the month: the export still runs (an empty item) and takes out all it wrote.
			const expectedWith1001 = nmbrsTotals()['1001'];
			for (const t of paid()) timechimp.updateTime(t.id, { status: 'Rejected' });
			const guarded = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			// The sample's guard sees a whole month disappear and stops before writing: that is its job.
			expect(guarded.ok).toBe(false);
			expect(guarded.error?.message).toMatch(
				/This export would lower totals in period \d{4}-\d{2} of Bakkerij De Zon B\.V\. \(101\) by [\d.]+ hours in all .* more than the 200.00 allowed; nothing was written/,
			);
			expect(nmbrsTotals()['1001']).toEqual(expectedWith1001);
			// The payroll admin confirms the month is really empty and lifts the guard for this run.
			const monthly = readWorkflow('monthly-hours-export.json');
			if (backend === 'rest') nmbrs.expireAccessTokens();
			const exportNode = monthly.nodes.find(
				(n: { name: string }) => n.name === 'Export hours to Nmbrs',
			);
			exportNode.parameters.options.maxDecreaseHours = '';
			expect((await importWorkflows(home, [monthly])).exitCode).toBe(0);
			const emptied = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			expect({ error: emptied.error, exit: emptied.exitCode }).toEqual({
				error: undefined,
				exit: 0,
			});
			expect(nmbrsTotals()).toEqual({ 1004: { 1: 3 } });
			expect(
				(await importWorkflows(home, [readWorkflow('monthly-hours-export.json')])).exitCode,
			).toBe(0);
		});

		it('never shows the API tokens in n8n output', async () => {
			const run = await executeWorkflow(home, 'nmbrsMonthlyHrs1');
			const raw = JSON.stringify(run.result);
			expect(raw).not.toContain(DEMO_USER.token);
			expect(raw).not.toContain(timechimp.token);
			for (const secret of [nmbrs.restConfig.subscriptionKey, nmbrs.restConfig.clientSecret])
				expect(raw).not.toContain(secret);
		});
	},
);
