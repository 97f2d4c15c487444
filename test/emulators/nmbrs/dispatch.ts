// Turns OPERATIONS into soap-library service implementations. Every handler checks, in the
// order ASMX/Nmbrs would: request arguments (qualified, known, in schema order), the auth
// header, the API user template, then runs the operation and applies injected faults.
import type { IncomingMessage } from 'http';
import type { IServices } from 'soap';
import type { Args } from './access';
import type { FaultAction } from './faults';
import { nmbrsFault, readFault } from './faults';
import type { OperationDef, ServiceName } from './operations';
import { OPERATIONS, SERVICE_NAMES, serviceNamespace } from './operations';
import type { NmbrsReadings } from './readings';
import type { NmbrsState, NmbrsUserInput } from './state';
import type { EnvelopeInfo } from './xml';

/** What the HTTP layer learned about a request, handed to the soap handler via the request object. */
export interface CallContext {
	service: ServiceName;
	operation: string;
	envelope: EnvelopeInfo;
	action?: FaultAction;
}

export interface DispatchDeps {
	state(): NmbrsState;
	readings(): NmbrsReadings;
	context(req: IncomingMessage): CallContext | undefined;
	sleep(ms: number): Promise<void>;
}

function checkArgs(service: ServiceName, def: OperationDef, env: EnvelopeInfo): void {
	const ns = serviceNamespace(service);
	let last = -1;
	for (const arg of env.args) {
		const at = def.params.indexOf(arg.local);
		// ASMX drops unqualified, unknown and out-of-order elements silently; we fail loudly instead.
		if (arg.ns !== ns) throw readFault(`<${arg.local}> is not in namespace ${ns}.`);
		if (at < 0) throw readFault(`<${arg.local}> is not a parameter of ${env.operation?.local}.`);
		if (at <= last)
			throw readFault(`<${arg.local}> is out of order; expected ${def.params.join(', ')}.`);
		last = at;
	}
}

function authenticate(
	state: NmbrsState,
	service: ServiceName,
	def: OperationDef,
	env: EnvelopeInfo,
	headers: Args | undefined,
): NmbrsUserInput {
	const name = def.header ?? 'AuthHeaderWithDomain';
	// The header must be in the namespace of the service being called (reference §2).
	// With elementFormDefault="qualified" ASMX only binds fields in that namespace too.
	const ns = serviceNamespace(service);
	const present = env.headers.some((h) => h.local === name && h.ns === ns);
	const h = headers?.[name] as Args | undefined;
	if (!present || !h) throw nmbrsFault(1001);
	const qualified = (k: string) =>
		env.headerFields.some((f) => f.header === name && f.local === k && f.ns === ns);
	const text = (k: string) =>
		qualified(k) && (typeof h[k] === 'string' || typeof h[k] === 'number')
			? String(h[k]).trim()
			: '';
	const user = state.users.find(
		(u) =>
			u.username.toLowerCase() === text('Username').toLowerCase() &&
			u.token === text('Token') &&
			(name === 'AuthHeader' || u.domain.toLowerCase() === text('Domain').toLowerCase()),
	);
	if (!user) throw nmbrsFault(1001);
	return user;
}

function allowed(user: NmbrsUserInput, service: ServiceName, operation: string): boolean {
	return (
		!user.allowedOperations ||
		user.allowedOperations.includes(operation) ||
		user.allowedOperations.includes(`${service}.${operation}`)
	);
}

export function buildSoapServices(deps: DispatchDeps): Record<ServiceName, IServices> {
	const out = {} as Record<ServiceName, IServices>;
	for (const service of SERVICE_NAMES) {
		const impl: Record<
			string,
			(args: Args, cb: unknown, headers: Args | undefined, req: IncomingMessage) => Promise<unknown>
		> = {};
		for (const [operation, def] of Object.entries(OPERATIONS[service])) {
			impl[operation] = async (args, _cb, headers, req) => {
				const ctx = deps.context(req);
				if (!ctx) throw new Error('emulator: request without call context');
				checkArgs(service, def, ctx.envelope);
				const state = deps.state();
				const user = authenticate(state, service, def, ctx.envelope, headers);
				if (!allowed(user, service, operation)) throw nmbrsFault(1002);
				const result = def.run(args ?? {}, { state, user, readings: deps.readings() });
				if (ctx.action?.kind === 'resetAfterApply') {
					// Applied, but the client never hears back: its outcome is unknown.
					req.socket.destroy();
					return new Promise(() => undefined);
				}
				if (ctx.action?.kind === 'slow') await deps.sleep(ctx.action.ms);
				return result;
			};
		}
		// Both ports need the implementation, or the soap library cannot bind one of them.
		out[service] = {
			[service]: { [`${service}Soap`]: impl, [`${service}Soap12`]: impl },
		} as IServices;
	}
	return out;
}
