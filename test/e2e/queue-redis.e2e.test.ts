// The Redis parts of queue mode against a real redis-server on loopback (Debian's redis-server,
// installed by scripts/queue-services.sh): the shared fair-use limit and the export lock, with
// two connections standing in for two n8n workers.
import { spawn, type ChildProcess } from 'child_process';

import { parseReply, RedisClient, RedisError } from '../../nodes/shared/redis';
import { queueRedisSettings, sharedRateSlot, withSharedLock } from '../../nodes/shared/queueMode';
import { WINDOW_MS } from '../../nodes/Nmbrs/transport/fairUse';
import { freePort } from '../support/real-n8n';

jest.setTimeout(60_000);

let server: ChildProcess;
let port: number;
const clients: RedisClient[] = [];
const client = () => {
	const c = new RedisClient({ host: '127.0.0.1', port, db: 0, tls: false });
	clients.push(c);
	return c;
};

beforeAll(async () => {
	port = await freePort();
	server = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	const probe = client();
	for (let i = 0; ; i++) {
		const answer = await probe.command('PING').catch((error: Error) => error);
		if (answer === 'PONG') break;
		if (i >= 100) throw new Error(`redis-server did not start on port ${port}: ${String(answer)}`);
		await new Promise((r) => setTimeout(r, 100));
	}
});

afterAll(() => {
	for (const c of clients) c.close();
	server?.kill('SIGKILL');
});

describe('RESP', () => {
	it('reads replies split across chunks, nested arrays and errors', () => {
		const frame = Buffer.from('*3\r\n:1\r\n$5\r\nhello\r\n*1\r\n-ERR no\r\n');
		expect(parseReply(frame.subarray(0, 12), 0)).toBeUndefined();
		const whole = parseReply(frame, 0)!;
		expect(whole.end).toBe(frame.length);
		const [one, hello, [error]] = whole.reply as [number, string, [RedisError]];
		expect([one, hello]).toEqual([1, 'hello']);
		expect(error).toBeInstanceOf(RedisError);
		expect(parseReply(Buffer.from('$-1\r\n'), 0)).toEqual({ reply: null, end: 5 });
	});

	it('reads n8n’s queue settings only in queue mode', () => {
		expect(queueRedisSettings({ EXECUTIONS_MODE: 'regular' })).toBeUndefined();
		expect(
			queueRedisSettings({
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis.internal',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '2',
				QUEUE_BULL_REDIS_PASSWORD: 'pw',
				QUEUE_BULL_REDIS_TLS: 'true',
			}),
		).toEqual({
			host: 'redis.internal',
			port: 6380,
			username: undefined,
			password: 'pw',
			db: 2,
			tls: true,
		});
	});
});

describe('shared fair use', () => {
	it('holds two workers together to the limit in every sliding window', async () => {
		const limit = 15;
		const windowMs = 1_000;
		// Counted by the package over a slightly longer window, as Nmbrs counts arrivals.
		const starts: number[] = [];
		const worker = async (redis: RedisClient) => {
			for (let i = 0; i < 30; i++) {
				await sharedRateSlot(redis, `test-${port}`, limit, WINDOW_MS);
				starts.push(Date.now());
			}
		};
		const began = Date.now();
		await Promise.all([worker(client()), worker(client()), worker(client())]);
		starts.sort((a, b) => a - b);
		let most = 0;
		for (let i = 0; i < starts.length; i++) {
			const inWindow = starts.filter((t) => t >= starts[i] && t < starts[i] + windowMs).length;
			most = Math.max(most, inWindow);
		}
		// 90 starts at 15 per second: at least 5 full windows must pass.
		expect(Date.now() - began).toBeGreaterThanOrEqual(5 * windowMs);
		expect(most).toBeLessThanOrEqual(limit);
		expect(most).toBeGreaterThanOrEqual(limit - 1);
	});
});

describe('shared export lock', () => {
	it('lets two workers hold the same lock only one after the other', async () => {
		const spans: Array<[number, number]> = [];
		const hold = (redis: RedisClient) =>
			withSharedLock(redis, `period-${port}`, async () => {
				const start = Date.now();
				await new Promise((r) => setTimeout(r, 200));
				spans.push([start, Date.now()]);
			});
		await Promise.all([hold(client()), hold(client()), hold(client()), hold(client())]);
		spans.sort((a, b) => a[0] - b[0]);
		for (let i = 1; i < spans.length; i++)
			expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
	});

	it('is taken over once a crashed holder’s lock expires, and released after work that fails', async () => {
		const redis = client();
		await redis.command('SET', `n8n-nodes-nmbrs:lock:crashed-${port}`, 'gone', 'PX', 300);
		const started = Date.now();
		await expect(
			withSharedLock(redis, `crashed-${port}`, async () => {
				throw new Error('export failed');
			}),
		).rejects.toThrow('export failed');
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(await redis.command('EXISTS', `n8n-nodes-nmbrs:lock:crashed-${port}`)).toBe(0);
	});

	it('gives up with a clear message when another worker keeps the lock too long', async () => {
		const redis = client();
		await redis.command('SET', `n8n-nodes-nmbrs:lock:busy-${port}`, 'other', 'PX', 10_000);
		await expect(
			withSharedLock(redis, `busy-${port}`, async () => 'never', {
				ttlMs: 10_000,
				pollMs: 50,
				maxWaitMs: 300,
			}),
		).rejects.toThrow('Another n8n worker has been exporting the same company and period');
	});

	it('says so when n8n’s queue Redis cannot be reached', async () => {
		const closed = await freePort();
		const away = new RedisClient({ host: '127.0.0.1', port: closed, db: 0, tls: false });
		clients.push(away);
		await expect(withSharedLock(away, 'x', async () => 'never')).rejects.toThrow(
			/n8n runs in queue mode, but its Redis \(QUEUE_BULL_REDIS_HOST\) could not be reached/,
		);
	});
});
