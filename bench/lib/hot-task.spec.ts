import { decodeAll, expectedDocuments, type BenchMessage } from './workload';
import { HOT_FAILURE_EVERY, hotTaskMessages, spliceEvenly } from './hot-task';

const spec = {
  domainId: 'domain-hot',
  jobTaskId: 'job-task-hot',
  resourceEvents: 40,
  startAt: '2026-12-01T00:00:00.000Z',
};

describe(hotTaskMessages.name, () => {
  it('should give valid events that project to one finished task with every count and error', () => {
    const sut = hotTaskMessages(spec);

    const documents = expectedDocuments(decodeAll(sut));
    const failures = spec.resourceEvents / HOT_FAILURE_EVERY;
    expect(sut).toHaveLength(spec.resourceEvents + 3);
    expect(documents.size).toBe(1);
    const [document] = [...documents.values()];
    expect(document).toMatchObject({
      status: 'SUCCESS',
      success_count: spec.resourceEvents - failures,
      failure_count: failures,
      job_id: 'job-task-hot-job',
    });
    expect(document?.errors).toHaveLength(failures);
  });

  it('should give every event its own UUID-shaped id', () => {
    const ids = hotTaskMessages(spec).map(
      (m) => (JSON.parse(m.value) as { event_id: string }).event_id,
    );

    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(/^[0-9a-f]{8}-0000-4000-8000-[0-9a-f]{12}$/));
  });

  it('should be deterministic and refuse a start that is not a time', () => {
    expect(hotTaskMessages(spec)).toEqual(hotTaskMessages(spec));
    expect(() => hotTaskMessages({ ...spec, startAt: 'soon' })).toThrow('not a time');
  });
});

describe(spliceEvenly.name, () => {
  const messages = (prefix: string, n: number): BenchMessage[] =>
    Array.from({ length: n }, (_, i) => ({ key: prefix, value: `${prefix}${i}` }));

  it('should keep every message and each stream in its own order', () => {
    const normal = messages('n', 100);
    const hot = messages('h', 7);

    const sut = spliceEvenly(normal, hot);

    expect(sut).toHaveLength(107);
    expect(sut.filter((m) => m.key === 'n')).toEqual(normal);
    expect(sut.filter((m) => m.key === 'h')).toEqual(hot);
  });

  it('should open the hot task first and spread it over the whole stream', () => {
    const sut = spliceEvenly(messages('n', 1_000), messages('h', 10));

    const positions = sut.flatMap((m, i) => (m.key === 'h' ? [i] : []));
    expect(positions[0]).toBe(0);
    const gaps = positions.slice(1).map((p, i) => p - (positions[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(99);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(102);
  });

  it('should handle either stream empty', () => {
    expect(spliceEvenly([], messages('h', 3))).toEqual(messages('h', 3));
    expect(spliceEvenly(messages('n', 3), [])).toEqual(messages('n', 3));
  });
});
