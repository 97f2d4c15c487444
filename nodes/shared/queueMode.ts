import { randomUUID } from 'crypto';

import { delay } from './limiter';
import { RedisClient, RedisError, type RedisReply, type RedisSettings } from './redis';

// n8n's queue mode runs executions on several worker processes. What one process keeps in
// memory (the fair-use limiter, the export lock) does not reach the others, so in queue mode
// both live in the Redis that n8n itself uses for its queue, read from n8n's own settings.

/** n8n's queue Redis (QUEUE_BULL_REDIS_*), or undefined when n8n does not run in queue mode. */
export function queueRedisSettings(
	env: NodeJS.ProcessEnv = process.env,
): RedisSettings | undefined {
	if (env.EXECUTIONS_MODE !== 'queue') return undefined;
	return {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port: Number(env.QUEUE_BULL_REDIS_PORT || 6379),
		username: env.QUEUE_BULL_REDIS_USERNAME || undefined,
		password: env.QUEUE_BULL_REDIS_PASSWORD || undefined,
		db: Number(env.QUEUE_BULL_REDIS_DB || 0),
		tls: env.QUEUE_BULL_REDIS_TLS === 'true',
	};
}

/** Keys of this package, apart from n8n's own (`bull:` by default). */
const PREFIX = 'n8n-nodes-nmbrs:';

let shared: { client: RedisClient; where: string } | undefined;

/** The process's one connection to n8n's queue Redis, or undefined outside queue mode. */
export function queueRedis(): RedisClient | undefined {
	const settings = queueRedisSettings();
	if (!settings) return undefined;
	const where = `${settings.host}:${settings.port}/${settings.db}`;
	if (shared?.where !== where) shared = { client: new RedisClient(settings), where };
	return shared.client;
}

async function run(redis: RedisClient, ...args: Array<string | number>): Promise<RedisReply> {
	const reply = await redis.command(...args).catch((error: Error) => {
		throw new Error(
			`n8n runs in queue mode, but its Redis (QUEUE_BULL_REDIS_HOST) could not be reached for the Nmbrs rate limit and export lock shared by all workers: ${error.message}`,
		);
	});
	if (reply instanceof RedisError) throw new Error(`n8n's queue Redis answered: ${reply.message}`);
	return reply;
}

// A sliding window on Redis' own clock, so every process counts the same calls in the same
// window: 0 when a call may start now (and it is counted), else the milliseconds to wait.
const RATE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

/** Waits until a call may start under a limit shared by every process on this Redis. */
export async function sharedRateSlot(
	redis: RedisClient,
	key: string,
	limit: number,
	windowMs: number,
	sleep: (ms: number) => Promise<void> = delay,
): Promise<void> {
	const member = randomUUID();
	for (;;) {
		const wait = Number(
			await run(redis, 'EVAL', RATE_SCRIPT, 1, `${PREFIX}rate:${key}`, limit, windowMs, member),
		);
		if (wait <= 0) return;
		await sleep(wait);
	}
}

const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface SharedLockSettings {
	/** The lock expires this long after its holder stopped renewing it (a crashed worker). */
	ttlMs: number;
	/** How often a waiting process asks again. */
	pollMs: number;
	/** Longest a process waits for the lock before giving up. */
	maxWaitMs: number;
	sleep?: (ms: number) => Promise<void>;
}

export const SHARED_LOCK_SETTINGS: SharedLockSettings = {
	ttlMs: 30_000,
	pollMs: 250,
	maxWaitMs: 30 * 60_000,
};

export class SharedLockTimeout extends Error {}

/** Runs `work` while holding a lock that every process on this Redis respects. */
export async function withSharedLock<T>(
	redis: RedisClient,
	key: string,
	work: () => Promise<T>,
	settings: SharedLockSettings = SHARED_LOCK_SETTINGS,
): Promise<T> {
	const sleep = settings.sleep ?? delay;
	const lockKey = `${PREFIX}lock:${key}`;
	const token = randomUUID();
	const started = Date.now();
	while ((await run(redis, 'SET', lockKey, token, 'NX', 'PX', settings.ttlMs)) !== 'OK') {
		if (Date.now() - started > settings.maxWaitMs)
			throw new SharedLockTimeout(
				`Another n8n worker has been exporting the same company and period for more than ${Math.round(settings.maxWaitMs / 60_000)} minutes`,
			);
		await sleep(settings.pollMs * (0.5 + Math.random()));
	}
	// A renewal that fails (Redis briefly away) is tried again at the next tick; if the lock
	// expires meanwhile, the export's read-back still catches an overlapping writer.
	const renewal = setInterval(
		() =>
			void run(redis, 'EVAL', RENEW_SCRIPT, 1, lockKey, token, settings.ttlMs).catch(
				() => undefined,
			),
		settings.ttlMs / 3,
	);
	renewal.unref();
	try {
		return await work();
	} finally {
		clearInterval(renewal);
		// Not released (Redis away): the lock expires by itself after ttlMs.
		await run(redis, 'EVAL', RELEASE_SCRIPT, 1, lockKey, token).catch(() => undefined);
	}
}
