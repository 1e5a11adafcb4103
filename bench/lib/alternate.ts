import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { HttpRequestSpec } from './load';
import { latencySummary, type LatencySummary } from './stats';

/** One side of an alternating measurement: a base URL and the requests it cycles through. */
export interface AlternateTarget {
  url: string;
  requests: readonly HttpRequestSpec[];
}

/** How long to alternate: a duration, or a number of rounds (one request to each target per round). */
export type AlternateBudget = { seconds: number } | { rounds: number };

export interface AlternateResult {
  a: LatencySummary;
  b: LatencySummary;
  rounds: number;
}

/** Sends one request and resolves with its latency in ms; rejects on a failure or a non-2xx status. */
export type TimedSend = (target: AlternateTarget, request: HttpRequestSpec) => Promise<number>;

export type Side = 'a' | 'b';

/**
 * Which target goes first in a round. Swapped every round, so neither side always runs right after
 * the other (a warm cache line, a GC pause, a scheduler slice): any such bias is split evenly.
 */
export function roundOrder(round: number): readonly [Side, Side] {
  return round % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
}

/** The request a target sends in a given round: its list, cycled. */
export function requestOf(target: AlternateTarget, round: number): HttpRequestSpec {
  const request = target.requests[round % target.requests.length];
  if (!request) throw new RangeError(`no requests for ${target.url}`);
  return request;
}

function budgetLeft(budget: AlternateBudget, round: number, startedAt: number): boolean {
  if ('rounds' in budget) return round < budget.rounds;
  return round === 0 || performance.now() - startedAt < budget.seconds * 1000;
}

/**
 * Measures two targets at one connection each, alternately, request by request: a burst of other
 * load on the shared box then lands on both sides alike instead of on one block of requests, so the
 * difference of the two p50s is the cost of one side over the other, not the noise of the moment.
 * A failed request makes the whole run throw (like `cleanLoad`): it is not a measurement.
 */
export async function alternate(
  a: AlternateTarget,
  b: AlternateTarget,
  budget: AlternateBudget,
  send?: TimedSend,
): Promise<AlternateResult> {
  if (send) return alternateWith(a, b, budget, send);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    return await alternateWith(a, b, budget, keepAliveSender(agent));
  } finally {
    agent.destroy();
  }
}

async function alternateWith(
  a: AlternateTarget,
  b: AlternateTarget,
  budget: AlternateBudget,
  send: TimedSend,
): Promise<AlternateResult> {
  const samples: Record<Side, number[]> = { a: [], b: [] };
  const targets: Record<Side, AlternateTarget> = { a, b };
  const startedAt = performance.now();
  let round = 0;
  for (; budgetLeft(budget, round, startedAt); round += 1) {
    for (const side of roundOrder(round)) {
      const target = targets[side];
      samples[side].push(await send(target, requestOf(target, round)));
    }
  }
  return { a: latencySummary(samples.a), b: latencySummary(samples.b), rounds: round };
}

/**
 * The real sender: a keep-alive agent limited to one socket per origin (the two targets are on
 * different ports, so each keeps its own connection), the body read to its end before the clock
 * stops, as autocannon does.
 */
function keepAliveSender(agent: Agent): TimedSend {
  return (target, spec) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = httpRequest(
        new URL(spec.path, target.url),
        { method: spec.method, agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const elapsed = performance.now() - started;
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(elapsed);
            else {
              const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
              reject(
                new Error(`${spec.method} ${target.url}${spec.path} answered ${status}: ${text}`),
              );
            }
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${target.url}${spec.path} timed out`)));
      req.end(spec.body);
    });
}
