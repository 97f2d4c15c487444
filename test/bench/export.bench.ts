// Benchmark of the hours export against the Nmbrs emulator over loopback, with a simulated
// network latency. Prints figures and ratios; asserts nothing (performance is not a test).
//   npm run bench            (EMPLOYEES=200 LATENCY_MS=20 to change the load)
import { sleep } from 'n8n-workflow';

import { runExport, type EngineSettings, type ExportJob } from '../../nodes/Nmbrs/app/exportEngine';
import { createNmbrsApi } from '../../nodes/Nmbrs/transport';
import { DEMO_USER, startNmbrsEmulator } from '../emulators/nmbrs';

const EMPLOYEES = Number(process.env.EMPLOYEES ?? 200);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const CODES = [1, 2, 3, 20];

async function main() {
	const emulator = await startNmbrsEmulator({
		seed: 'demo',
		now: new Date('2026-11-25T10:00:00Z'),
	});
	const companyId = emulator.demo!.companyId;
	const ids: string[] = [];
	for (let n = 0; n < EMPLOYEES; n++) {
		ids.push(
			emulator.addEmployee(companyId, {
				number: 5000 + n,
				firstName: 'E',
				prefix: '',
				lastName: `${n}`,
				emailWork: `e${n}@x.example`,
				contracts: [['2020-01-01', '']],
			}),
		);
	}
	const credentials = {
		email: DEMO_USER.username,
		apiToken: DEMO_USER.token,
		domain: DEMO_USER.domain,
		environment: 'custom' as const,
		baseUrl: emulator.baseUrl,
	};
	const job: ExportJob = {
		year: 2026,
		period: 10,
		unprotected: false,
		ownedCodes: new Set(CODES),
		writeMode: 'correctionLines',
		preview: false,
		comment: 'bench',
		targets: ids.map((employeeId, i) => ({
			employeeId,
			desired: new Map(CODES.map((c, j) => [c, 100 * ((i + j) % 9) + 25])),
		})),
	};
	const settings = (concurrency: number): EngineSettings => ({
		batchSize: 100,
		concurrency,
		maxRounds: 6,
		settleMs: [100, 600],
		sleep,
		random: Math.random,
	});
	const line = (label: string, ms: number, calls: number) =>
		console.log(
			`${label.padEnd(44)} ${String(Math.round(ms)).padStart(6)} ms  ${String(calls).padStart(5)} calls  ${((calls / ms) * 1000).toFixed(1).padStart(6)} calls/s`,
		);

	emulator.latencyMs = LATENCY_MS;
	console.log(
		`Export benchmark: ${EMPLOYEES} employees x ${CODES.length} hour codes, ${LATENCY_MS} ms latency per call, Node ${process.version}`,
	);

	let t = Date.now();
	const first = createNmbrsApi(credentials);
	await first.listCompanies();
	const wsdlMs = Date.now() - t;
	t = Date.now();
	await createNmbrsApi(credentials).listCompanies();
	const warmMs = Date.now() - t;
	console.log(
		`first call incl. WSDL download+parse: ${wsdlMs} ms; next session's first call: ${warmMs} ms (ratio ${(wsdlMs / Math.max(1, warmMs)).toFixed(1)}x); WSDL downloads: ${JSON.stringify(emulator.wsdlDownloads)}`,
	);

	const measure = async (label: string, concurrency: number) => {
		emulator.resetCounters();
		const start = Date.now();
		await runExport(createNmbrsApi(credentials), job, settings(concurrency));
		const ms = Date.now() - start;
		line(label, ms, emulator.calls.length);
		return {
			ms,
			calls: emulator.calls.length,
			writes: emulator.calls.filter((c) => c.operation.includes('Insert')).length,
		};
	};
	const initial = await measure('initial export (concurrency 5)', 5);
	const rerun = await measure('unchanged re-run (concurrency 5)', 5);
	const serial = await measure('unchanged re-run (concurrency 1)', 1);
	console.log(
		`initial export: ${initial.writes} Insert_Batch calls for ${EMPLOYEES * CODES.length} rows (${((EMPLOYEES * CODES.length) / initial.writes).toFixed(0)} rows per call)`,
	);
	console.log(
		`re-run writes: ${rerun.writes} (idempotent); calls re-run/initial: ${(rerun.calls / initial.calls).toFixed(2)}`,
	);
	console.log(
		`speed-up of concurrency 5 over 1: ${(serial.ms / rerun.ms).toFixed(2)}x; peak rate stays under the 100 calls/s limiter (Nmbrs fair use: 150/s)`,
	);
	await emulator.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
