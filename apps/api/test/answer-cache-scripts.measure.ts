/*
 * The answer cache's read script on the real Redis, sent as EVAL (the whole text each time) against
 * EVALSHA (ioredis defineCommand), calls interleaved one by one and alternating which goes first, so a
 * busy shared machine affects both alike. p50/p90/p99 of each, in microseconds.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     apps/api/test/answer-cache-scripts.measure.ts [calls-per-variant]
 */
import { generationKey, recentWriteKey } from '@app/platform';
import Redis from 'ioredis';
import { READ_SLOT, withAnswerCacheCommands } from '../src/cache/answer-cache.scripts';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 5000);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const scripts = withAnswerCacheCommands(redis);
  const prefix = `read-slot-measure-${process.pid}:`;
  const gen = generationKey(prefix, 'd1');
  const marker = recentWriteKey(prefix, 'd1');
  await redis.set(gen, '42');
  const viaEval = () => redis.eval(READ_SLOT, 2, gen, marker);
  const viaSha = () => scripts.answerCacheReadSlot(gen, marker);
  for (let i = 0; i < 500; i += 1) {
    await viaEval();
    await viaSha();
  }
  const times = { eval: [] as number[], evalsha: [] as number[] };
  const timed = async (name: keyof typeof times, call: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await call();
    times[name].push(Number(process.hrtime.bigint() - started) / 1000);
  };
  for (let i = 0; i < calls; i += 1) {
    if (i % 2 === 0) {
      await timed('eval', viaEval);
      await timed('evalsha', viaSha);
    } else {
      await timed('evalsha', viaSha);
      await timed('eval', viaEval);
    }
  }
  await redis.del(gen);
  redis.disconnect();
  console.log(`READ_SLOT: ${READ_SLOT.length} characters of Lua; ${calls} calls each, interleaved`);
  for (const [name, list] of Object.entries(times)) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `${name.padEnd(8)} p50 ${quantile(sorted, 0.5).toFixed(1)} µs  p90 ${quantile(sorted, 0.9).toFixed(1)} µs  p99 ${quantile(sorted, 0.99).toFixed(1)} µs`,
    );
  }
}

void main();
