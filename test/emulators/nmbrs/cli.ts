// Runs the emulator on its own, for demos and other processes:
//   npx ts-node --transpile-only test/emulators/nmbrs/cli.ts [port]   (default 8081)
import { DEMO_USER, startNmbrsEmulator } from './index';

async function main(): Promise<void> {
	const port = Number(process.argv[2] ?? process.env.NMBRS_EMULATOR_PORT ?? 8081);
	const emu = await startNmbrsEmulator({ port });
	console.log(
		`Nmbrs emulator on ${emu.baseUrl} (user ${DEMO_USER.username}, domain ${DEMO_USER.domain}, company id ${emu.demo?.companyId})`,
	);
	const rest = emu.restConfig;
	console.log(
		`  REST: ${emu.baseUrl}/api, OAuth2 ${emu.baseUrl}/connect/{authorize,token} (client ${rest.clientId}, secret ${rest.clientSecret}, subscription key ${rest.subscriptionKey}, company ${emu.demoRest?.companyId})`,
	);
	const stop = () => void emu.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
