// TimeChimp API v2 emulator (the subset this package uses), over real HTTP on loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { ODataError, evaluate, parseFilter, parseOrderBy } from './odata';
import {
	demoDataset,
	type Dataset,
	type EmuTask,
	type EmuTime,
	type EmuUser,
	type TimeStatus,
} from './seed';

export type { EmuTask, EmuTime, EmuUser, TimeStatus } from './seed';

export const TIMECHIMP_DEMO_TOKEN = 'tc-demo-key-0123456789';

export interface TimeChimpEmulatorOptions {
	port?: number;
	seed?: 'demo' | 'empty';
	now?: Date;
	rateLimitPerMinute?: number;
	/** Length of the rate-limit window; tests shorten it to see Retry-After in seconds. */
	rateLimitWindowMs?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	apiVersion?: string;
	status: number;
}

export interface NewTime {
	userId: number;
	taskId: number;
	date: string;
	hours: number;
	status?: TimeStatus;
	notes?: string | null;
}

export interface TimeChimpEmulator {
	baseUrl: string;
	token: string;
	readonly users: EmuUser[];
	readonly tasks: EmuTask[];
	readonly times: EmuTime[];
	/** API requests answered (control endpoints excluded). */
	readonly requestCount: number;
	readonly requests: RecordedRequest[];
	addTime(input: NewTime): EmuTime;
	/** Applies the patch and bumps `modified`, as an edit in TimeChimp does. */
	updateTime(id: number, patch: Partial<Omit<EmuTime, 'id' | 'modified'>>): EmuTime;
	reset(seed?: 'demo' | 'empty'): void;
	close(): Promise<void>;
}

const FIELDS = {
	times: new Set([
		'id',
		'date',
		'hours',
		'pause',
		'notes',
		'start',
		'end',
		'status',
		'clientStatus',
		'created',
		'modified',
		'user/id',
		'user/displayName',
		'task/id',
		'task/name',
		'task/code',
		'project/id',
		'project/name',
		'project/code',
		'customer/id',
		'customer/name',
	]),
	users: new Set([
		'id',
		'userName',
		'displayName',
		'employeeNumber',
		'active',
		'isLocked',
		'language',
		'badgeNumber',
		'created',
		'modified',
	]),
	tasks: new Set(['id', 'name', 'code', 'active', 'billable', 'common', 'created', 'modified']),
};
const MAX_TOP = 10_000;

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export async function startTimeChimpEmulator(
	opts: TimeChimpEmulatorOptions = {},
): Promise<TimeChimpEmulator> {
	const now = opts.now ?? new Date();
	const limit = opts.rateLimitPerMinute ?? 100;
	const windowMs = opts.rateLimitWindowMs ?? 60_000;
	let data: Dataset = { users: [], tasks: [], times: [] };
	let requestCount = 0;
	const requests: RecordedRequest[] = [];
	const windowStarts: number[] = [];
	let lastStamp = 0;

	/** A `modified` stamp after every earlier one, even within one millisecond. */
	const stamp = () => {
		lastStamp = Math.max(Date.now(), lastStamp + 1);
		return new Date(lastStamp).toISOString();
	};
	const reset = (seed: 'demo' | 'empty' = opts.seed ?? 'demo') => {
		data = seed === 'demo' ? demoDataset(now) : { users: [], tasks: [], times: [] };
		windowStarts.length = 0;
	};
	reset();

	const list = <T>(rows: T[], fields: ReadonlySet<string>, q: URLSearchParams, path: string) => {
		let out = rows;
		const filter = q.get('$filter');
		if (filter) {
			const expr = parseFilter(filter, fields);
			out = out.filter((r) => evaluate(expr, r));
		}
		const orderby = q.get('$orderby');
		if (orderby) out = [...out].sort(parseOrderBy(orderby, fields));
		const top = q.has('$top') ? Number(q.get('$top')) : 100;
		const skip = q.has('$skip') ? Number(q.get('$skip')) : 0;
		if (!Number.isInteger(top) || top < 0 || top > MAX_TOP)
			throw new ODataError(`$top must be 0..${MAX_TOP}`);
		if (!Number.isInteger(skip) || skip < 0)
			throw new ODataError('$skip must be a non-negative integer');
		const page = out.slice(skip, skip + top);
		const links = [{ href: `${path}?${q.toString()}`, rel: 'self', method: 'GET' }];
		if (skip + page.length < out.length) {
			const next = new URLSearchParams(q);
			next.set('$skip', String(skip + page.length));
			next.set('$top', String(top));
			links.push({ href: `${path}?${next.toString()}`, rel: 'next', method: 'GET' });
		}
		return { result: page, links, ...(q.get('$count') === 'true' ? { count: out.length } : {}) };
	};
	const one = <T>(row: T | undefined, what: string) => {
		if (!row) throw new HttpError(404, `${what} not found`);
		return { result: [row], links: [] };
	};
	const findUser = (id: string) => data.users.find((u) => u.id === Number(id));
	const str = (v: unknown) => (v === undefined || v === null ? null : String(v));

	const createUser = (body: Record<string, unknown>) => {
		if (!body.userName || !body.displayName)
			throw new HttpError(400, 'userName and displayName are required');
		const userName = String(body.userName);
		if (data.users.some((u) => u.userName.toLowerCase() === userName.toLowerCase())) {
			throw new HttpError(400, `A user with userName '${userName}' already exists`);
		}
		const at = stamp();
		const user: EmuUser = {
			id: Math.max(0, ...data.users.map((u) => u.id)) + 1,
			userName,
			displayName: String(body.displayName),
			employeeNumber: str(body.employeeNumber),
			active: true,
			isLocked: false,
			language: String(body.language ?? 'nl'),
			badgeNumber: str(body.badgeNumber),
			citizenServiceNumber: null,
			role: { id: 3, name: 'User' },
			team: null,
			contracts: [],
			created: at,
			modified: at,
		};
		data.users.push(user);
		return { result: [user], links: [] };
	};
	const updateUser = (user: EmuUser, body: Record<string, unknown>) => {
		if (!body.displayName) throw new HttpError(400, 'displayName is required');
		user.displayName = String(body.displayName);
		if ('userName' in body) user.userName = String(body.userName);
		if ('employeeNumber' in body) user.employeeNumber = str(body.employeeNumber);
		if ('active' in body) user.active = Boolean(body.active);
		if ('language' in body) user.language = String(body.language);
		if ('badgeNumber' in body) user.badgeNumber = str(body.badgeNumber);
		if ('citizenServiceNumber' in body) user.citizenServiceNumber = str(body.citizenServiceNumber);
		user.modified = stamp();
		return { result: [user], links: [] };
	};

	const route = (
		method: string,
		path: string,
		q: URLSearchParams,
		body: Record<string, unknown>,
	): unknown => {
		let m: RegExpExecArray | null;
		if (method === 'GET' && path === '/times') return list(data.times, FIELDS.times, q, path);
		if (method === 'GET' && (m = /^\/times\/(\d+)$/.exec(path)))
			return one(
				data.times.find((t) => t.id === Number(m![1])),
				'Time entry',
			);
		if (method === 'GET' && path === '/users') return list(data.users, FIELDS.users, q, path);
		if (method === 'POST' && path === '/users') return createUser(body);
		if ((m = /^\/users\/(\d+)$/.exec(path))) {
			if (method === 'GET') return one(findUser(m[1]), 'User');
			if (method === 'PUT') return updateUser(one(findUser(m[1]), 'User').result[0], body);
		}
		if (method === 'GET' && path === '/tasks') return list(data.tasks, FIELDS.tasks, q, path);
		throw new HttpError(404, `No route for ${method} ${path}`);
	};

	const control = (method: string, path: string, body: Record<string, unknown>): unknown => {
		if (path === '/_emulator/health') return { ok: true };
		if (path === '/_emulator/state' && method === 'GET') return { ...data, requestCount };
		if (path === '/_emulator/reset' && method === 'POST') {
			reset(body.seed === 'empty' ? 'empty' : body.seed === 'demo' ? 'demo' : undefined);
			return { ok: true };
		}
		throw new HttpError(404, `No control route ${method} ${path}`);
	};

	const send = (
		res: ServerResponse,
		status: number,
		payload: unknown,
		headers: Record<string, string> = {},
	) => {
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
		res.end(JSON.stringify(payload));
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const method = req.method ?? 'GET';
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		let body: Record<string, unknown> = {};
		try {
			body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
		} catch {
			return send(res, 400, { message: 'Body is not JSON' });
		}
		if (url.pathname.startsWith('/_emulator/')) {
			try {
				return send(res, 200, control(method, url.pathname, body));
			} catch (e) {
				return send(res, (e as HttpError).status ?? 500, { message: (e as Error).message });
			}
		}
		requestCount++;
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			apiVersion: req.headers['api-version'] as string | undefined,
			status: 0,
		};
		requests.push(record);
		const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
			record.status = status;
			send(res, status, payload, headers);
		};
		if (req.headers['api-key'] !== TIMECHIMP_DEMO_TOKEN)
			return reply(401, { message: 'Unauthorized' });
		const t = Date.now();
		while (windowStarts.length && windowStarts[0] <= t - windowMs) windowStarts.shift();
		if (windowStarts.length >= limit) {
			const retryAfter = Math.max(1, Math.ceil((windowStarts[0] + windowMs - t) / 1000));
			return reply(429, { message: 'Too many requests' }, { 'retry-after': String(retryAfter) });
		}
		windowStarts.push(t);
		try {
			reply(200, route(method, url.pathname, url.searchParams, body));
		} catch (e) {
			const status = e instanceof ODataError ? 400 : e instanceof HttpError ? e.status : 500;
			reply(status, { message: (e as Error).message });
		}
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((e) => send(res, 500, { message: String(e) }));
	});
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}`,
		token: TIMECHIMP_DEMO_TOKEN,
		get users() {
			return data.users;
		},
		get tasks() {
			return data.tasks;
		},
		get times() {
			return data.times;
		},
		get requestCount() {
			return requestCount;
		},
		requests,
		addTime(input) {
			const user = data.users.find((u) => u.id === input.userId);
			const task = data.tasks.find((x) => x.id === input.taskId);
			if (!user || !task) throw new Error(`Unknown user ${input.userId} or task ${input.taskId}`);
			const at = stamp();
			const startMs = Date.parse(`${input.date}T07:00:00Z`);
			const time: EmuTime = {
				id: Math.max(1000, ...data.times.map((x) => x.id)) + 1,
				date: input.date,
				hours: input.hours,
				pause: 0,
				notes: input.notes ?? null,
				start: new Date(startMs).toISOString(),
				end: new Date(startMs + input.hours * 3_600_000).toISOString(),
				timezone: 'Europe/Amsterdam',
				status: input.status ?? 'Approved',
				clientStatus: 'Open',
				price: 0,
				created: at,
				modified: at,
				user: { id: user.id, displayName: user.displayName },
				customer: { id: 1, name: 'Bakkerij De Zon B.V.' },
				project: { id: 1, name: 'Productie', code: 'P001' },
				task: { id: task.id, name: task.name, code: task.code },
				tags: [],
			};
			data.times.push(time);
			return time;
		},
		updateTime(id, patch) {
			const time = data.times.find((x) => x.id === id);
			if (!time) throw new Error(`Unknown time entry ${id}`);
			Object.assign(time, patch, { modified: stamp() });
			return time;
		},
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
	};
}
