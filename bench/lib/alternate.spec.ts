import {
  alternate,
  requestOf,
  roundOrder,
  type AlternateTarget,
  type TimedSend,
} from './alternate';
import type { HttpRequestSpec } from './load';

const spec = (path: string): HttpRequestSpec => ({ method: 'POST', path, body: '{}' });
const api: AlternateTarget = { url: 'http://api', requests: [spec('/search')] };
const direct: AlternateTarget = { url: 'http://es', requests: [spec('/idx/_search')] };

/** A sender that records the order of calls and answers with a latency per target. */
function recordingSend(latencyOf: (url: string, call: number) => number) {
  const calls: string[] = [];
  const send: TimedSend = (target, request) => {
    calls.push(`${target.url}${request.path}`);
    return Promise.resolve(latencyOf(target.url, calls.length - 1));
  };
  return { calls, send };
}

describe(roundOrder.name, () => {
  it('should swap which side goes first every round', () => {
    expect([0, 1, 2, 3].map(roundOrder)).toEqual([
      ['a', 'b'],
      ['b', 'a'],
      ['a', 'b'],
      ['b', 'a'],
    ]);
  });
});

describe(requestOf.name, () => {
  it('should cycle through the target requests by round', () => {
    const sut: AlternateTarget = { url: 'http://x', requests: [spec('/1'), spec('/2')] };
    expect([0, 1, 2].map((r) => requestOf(sut, r).path)).toEqual(['/1', '/2', '/1']);
  });

  it('should refuse a target without requests', () => {
    expect(() => requestOf({ url: 'http://x', requests: [] }, 0)).toThrow(RangeError);
  });
});

describe(alternate.name, () => {
  it('should send one request to each target per round, alternating who goes first', async () => {
    const { calls, send } = recordingSend(() => 1);
    const sut = await alternate(api, direct, { rounds: 3 }, send);
    expect(sut.rounds).toBe(3);
    expect(calls).toEqual([
      'http://api/search',
      'http://es/idx/_search',
      'http://es/idx/_search',
      'http://api/search',
      'http://api/search',
      'http://es/idx/_search',
    ]);
  });

  it('should summarise each side from its own latencies only', async () => {
    const { send } = recordingSend((url, call) => (url === 'http://api' ? 10 + call : 2));
    const sut = await alternate(api, direct, { rounds: 4 }, send);
    // api calls are at positions 0, 3, 4, 7 of the call sequence (order a b, b a, a b, b a)
    expect(sut.a).toEqual({ p50: 13.5, p90: 16.1, p99: expect.closeTo(16.91, 10), max: 17, n: 4 });
    expect(sut.b).toEqual({ p50: 2, p90: 2, p99: 2, max: 2, n: 4 });
  });

  it('should run at least one round of a duration budget and stop once it is spent', async () => {
    const { calls, send } = recordingSend(() => 1);
    const sut = await alternate(api, direct, { seconds: 0 }, send);
    expect(sut.rounds).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('should throw when any request fails: a run with a failure is not a measurement', async () => {
    let calls = 0;
    const send: TimedSend = () => {
      calls += 1;
      return calls === 3 ? Promise.reject(new Error('answered 503')) : Promise.resolve(1);
    };
    await expect(alternate(api, direct, { rounds: 5 }, send)).rejects.toThrow('answered 503');
    expect(calls).toBe(3);
  });
});
