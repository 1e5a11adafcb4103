import { decodeEventMessage } from '@app/domain';
import { simulateScheduler } from './scheduler.simulator';
import { chunkSizeFor } from './simulated-events.producer';

describe(simulateScheduler.name, () => {
  it('should produce the same messages for the same options', () => {
    expect(simulateScheduler({ tasks: 50, seed: 42 })).toEqual(
      simulateScheduler({ tasks: 50, seed: 42 }),
    );
  });

  it('should produce different streams for different seeds', () => {
    const a = simulateScheduler({ tasks: 50, seed: 1 }).messages;
    const b = simulateScheduler({ tasks: 50, seed: 2 }).messages;

    expect(a).not.toEqual(b);
  });

  it('should emit only valid events keyed by their job_task_id', () => {
    const { messages } = simulateScheduler({ tasks: 300, seed: 9 });

    for (const message of messages) {
      const decoded = decodeEventMessage(
        { key: Buffer.from(message.key), value: Buffer.from(JSON.stringify(message.value)) },
        { maxValueBytes: 1_048_576 },
      );
      expect(decoded).toMatchObject({ ok: true, event: { job_task_id: message.key } });
    }
  });

  it('should model jobs of several tasks across domains, with failures, retries and duplicates', () => {
    const { messages, summary } = simulateScheduler({ tasks: 1_000, seed: 5, domains: 4 });
    const ids = messages.map((m) => String(m.value.event_id));

    expect(summary.tasks).toBe(1_000);
    expect(new Set(messages.map((m) => m.key)).size).toBe(1_000);
    expect(new Set(messages.map((m) => m.value.domain_id)).size).toBe(4);
    expect(summary.jobs).toBeLessThan(600);
    expect(summary.byType['job_task.resource_failed']).toBeGreaterThan(0);
    expect(summary.outcomes.failed).toBeGreaterThan(0);
    expect(summary.outcomes.unfinished).toBeGreaterThan(0);
    expect(ids.length - new Set(ids).size).toBe(summary.duplicates);
    expect(summary.duplicates / summary.events).toBeGreaterThan(0.01);
    expect(summary.events).toBe(messages.length);
  });

  it('should carry ErrorInfo on failed resources', () => {
    const { messages } = simulateScheduler({ tasks: 200, seed: 3 });
    const failed = messages.filter((m) => m.value.event_type === 'job_task.resource_failed');

    expect(failed.length).toBeGreaterThan(0);
    failed.forEach((m) =>
      expect(m.value.data).toMatchObject({ error: { error_code: expect.any(String) } }),
    );
  });
});

describe(chunkSizeFor.name, () => {
  it('should send about ten requests a second when paced and large chunks when not', () => {
    expect([chunkSizeFor(0), chunkSizeFor(5), chunkSizeFor(500), chunkSizeFor(1_000_000)]).toEqual([
      1_000, 1, 50, 1_000,
    ]);
  });
});
