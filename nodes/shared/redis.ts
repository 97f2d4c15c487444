import * as net from 'net';
import * as tls from 'tls';

// A minimal Redis client (RESP2 over TCP or TLS): enough for the few commands the shared rate
// limit and export lock send in n8n's queue mode. Written here rather than taken as a
// dependency, so the package keeps `soap` as its only runtime dependency.

export interface RedisSettings {
	host: string;
	port: number;
	username?: string;
	password?: string;
	db: number;
	tls: boolean;
}

export type RedisReply = string | number | null | RedisReply[] | RedisError;

export class RedisError extends Error {}

/** Longest a command waits for its answer before the connection is given up. */
const COMMAND_TIMEOUT_MS = 10_000;

export class RedisClient {
	private socket?: net.Socket;
	private ready?: Promise<void>;
	private buffer = Buffer.alloc(0);
	private readonly waiting: Array<{
		resolve: (reply: RedisReply) => void;
		reject: (error: Error) => void;
	}> = [];

	constructor(private readonly settings: RedisSettings) {}

	/** Sends one command; the answer, or a RedisError for Redis' own error answers. */
	async command(...args: Array<string | number>): Promise<RedisReply> {
		await this.connect();
		return await this.send(args);
	}

	close(): void {
		this.socket?.destroy();
		this.socket = undefined;
		this.ready = undefined;
	}

	private connect(): Promise<void> {
		this.ready ??= this.open().catch((error: unknown) => {
			this.close();
			return Promise.reject(error);
		});
		return this.ready;
	}

	private async open(): Promise<void> {
		const { host, port } = this.settings;
		const socket = this.settings.tls
			? tls.connect({ host, port, servername: host })
			: net.connect({ host, port });
		socket.setNoDelay(true);
		// Idle, the connection must not keep a process alive (`n8n execute` ends when its work
		// is done); while a command waits for its answer, it must.
		socket.unref();
		this.socket = socket;
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		const fail = (error: Error) => {
			this.close();
			for (const w of this.waiting.splice(0)) w.reject(error);
		};
		socket.on('error', fail);
		socket.on('close', () => fail(new Error('the connection to Redis was closed')));
		await new Promise<void>((resolve, reject) => {
			socket.once(this.settings.tls ? 'secureConnect' : 'connect', () => resolve());
			socket.once('error', reject);
		});
		const { username, password, db } = this.settings;
		if (password) await this.expectOk(username ? ['AUTH', username, password] : ['AUTH', password]);
		if (db) await this.expectOk(['SELECT', db]);
	}

	private async expectOk(args: Array<string | number>) {
		const reply = await this.send(args);
		if (reply instanceof RedisError) throw reply;
	}

	private send(args: Array<string | number>): Promise<RedisReply> {
		const socket = this.socket;
		if (!socket) return Promise.reject(new Error('the connection to Redis is closed'));
		const parts = args.map((a) => Buffer.from(String(a)));
		const frame = Buffer.concat([
			Buffer.from(`*${parts.length}\r\n`),
			...parts.flatMap((p) => [Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n')]),
		]);
		return new Promise<RedisReply>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.close();
				reject(
					new Error(`Redis did not answer ${String(args[0])} within ${COMMAND_TIMEOUT_MS} ms`),
				);
			}, COMMAND_TIMEOUT_MS);
			timer.unref();
			this.waiting.push({
				resolve: (reply) => {
					clearTimeout(timer);
					resolve(reply);
				},
				reject: (error) => {
					clearTimeout(timer);
					reject(error);
				},
			});
			socket.ref();
			socket.write(frame);
		});
	}

	private receive(chunk: Buffer) {
		this.buffer = Buffer.concat([this.buffer, chunk]);
		for (;;) {
			const parsed = parseReply(this.buffer, 0);
			if (!parsed) return;
			this.buffer = this.buffer.subarray(parsed.end);
			this.waiting.shift()?.resolve(parsed.reply);
			if (this.waiting.length === 0) this.socket?.unref();
		}
	}
}

/** One RESP2 reply from offset, or undefined while it is incomplete. */
export function parseReply(
	buffer: Buffer,
	offset: number,
): { reply: RedisReply; end: number } | undefined {
	const lineEnd = buffer.indexOf('\r\n', offset);
	if (lineEnd < 0) return undefined;
	const type = String.fromCharCode(buffer[offset]);
	const line = buffer.toString('utf8', offset + 1, lineEnd);
	const next = lineEnd + 2;
	if (type === '+') return { reply: line, end: next };
	if (type === '-') return { reply: new RedisError(line), end: next };
	if (type === ':') return { reply: Number(line), end: next };
	if (type === '$') {
		const length = Number(line);
		if (length < 0) return { reply: null, end: next };
		if (buffer.length < next + length + 2) return undefined;
		return { reply: buffer.toString('utf8', next, next + length), end: next + length + 2 };
	}
	if (type === '*') {
		const count = Number(line);
		if (count < 0) return { reply: null, end: next };
		const items: RedisReply[] = [];
		let at = next;
		for (let i = 0; i < count; i++) {
			const item = parseReply(buffer, at);
			if (!item) return undefined;
			items.push(item.reply);
			at = item.end;
		}
		return { reply: items, end: at };
	}
	throw new RedisError(`unexpected Redis reply type "${type}"`);
}
