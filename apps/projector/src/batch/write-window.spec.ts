import { jobTaskDocumentId, projectJobTask } from '@app/domain';
import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import { windowOf } from '../../test/support/write-windows';
import { decodeBatch } from './message-batch.plan';
import { planTaskWrite } from './task-write.plan';
import { WriteWindow } from './write-window';

const task = (job_task_id: string, partition: number, offset: number, type = 'job_task.started') =>
  sourceMessage(wireEvent(type, { job_task_id }), { partition, offset });

describe(WriteWindow.name, () => {
  it('should group by domain and task, so one task id under two domains is two documents', () => {
    const sut = windowOf([
      sourceMessage(wireEvent('job_task.started', { domain_id: 'a', job_task_id: 't' })),
      sourceMessage(wireEvent('job_task.started', { domain_id: 'b', job_task_id: 't' })),
      sourceMessage(wireEvent('job_task.created', { domain_id: 'a', job_task_id: 't' })),
    ]);

    expect([...sut.groups.keys()]).toEqual([
      jobTaskDocumentId('a', 't'),
      jobTaskDocumentId('b', 't'),
    ]);
    expect(sut.groups.get(jobTaskDocumentId('b', 't'))?.domainId).toBe('b');
    expect(sut.groups.get(jobTaskDocumentId('a', 't'))?.pieces.map((p) => p.events)).toEqual([2]);
  });

  it("should fold a task's events of one partition into one piece that plans the same document as projectJobTask", () => {
    const values = [
      wireEvent('job_task.created'),
      wireEvent('job_task.resource_succeeded', { occurred_at: '2026-11-28T10:00:05.000Z' }),
      wireEvent('job_task.started'),
    ];
    const messages = values.map((v) => sourceMessage(v, { partition: 1 }));

    const sut = windowOf([...messages, messages[0]!]);

    const [group] = [...sut.groups.values()];
    expect(group?.pieces).toHaveLength(1);
    expect(group?.pieces[0]).toMatchObject({
      events: 4,
      partition: 1,
      firstOffset: messages[0]!.offset,
      newestOccurredAt: '2026-11-28T10:00:05.000Z',
      source: null,
    });
    const plan = planTaskWrite(group!, group!.pieces, null);
    const events = decodeBatch(messages, 1_048_576).events.map((e) => e.event);
    expect(plan.kind === 'write' && plan.write.document).toEqual(
      projectJobTask(null, events).document,
    );
  });

  it('should keep one piece per partition, and one piece per event with its message for an isolated task', () => {
    const messages = [task('t', 0, 10), task('t', 1, 20), task('t', 0, 11, 'job_task.created')];
    const id = jobTaskDocumentId('domain-1', 't');

    const folded = windowOf(messages).groups.get(id)!;
    const isolated = windowOf(messages, new Set([id])).groups.get(id)!;

    expect(folded.pieces.map((p) => [p.partition, p.firstOffset, p.events])).toEqual([
      [0, 10, 2],
      [1, 20, 1],
    ]);
    expect(isolated.pieces.map((p) => p.source)).toEqual([messages[0], messages[2], messages[1]]);
    expect(isolated.pieces.every((p) => p.events === 1)).toBe(true);
  });

  it("should record each partition's offset span and the rejections, and count messages", () => {
    const sut = new WriteWindow();
    const first = [
      task('a', 2, 5),
      sourceMessage(Buffer.from('{bad'), { partition: 2, offset: 7 }),
    ];
    const second = [task('b', 2, 9)];

    sut.add(first, decodeBatch(first, 1_048_576), 1_000, 3);
    sut.add(second, decodeBatch(second, 1_048_576), 1_500, 3);

    expect(sut.spans.get(2)).toEqual({ first: 5, last: 9, count: 3, epoch: 3 });
    expect(sut.rejections.map((r) => r.source.offset)).toEqual([7]);
    expect([sut.messageCount, sut.dirtyDocs, sut.ageMs(2_000)]).toEqual([3, 2, 1_000]);
  });

  it('should forget exactly one partition on drop, its pieces, span, rejections and bytes', () => {
    const keep = [task('a', 0, 1), task('shared', 0, 2)];
    const drop = [
      task('shared', 1, 1),
      task('b', 1, 2),
      sourceMessage(Buffer.from('x'), { partition: 1, offset: 3 }),
    ];
    const sut = windowOf([...keep, ...drop]);
    const bytesOfKept = windowOf(keep).bytes;

    sut.dropPartition(1);

    expect([...sut.spans.keys()]).toEqual([0]);
    expect(sut.rejections).toEqual([]);
    expect([...sut.groups.values()].flatMap((g) => g.pieces.map((p) => p.partition))).toEqual([
      0, 0,
    ]);
    expect(sut.bytes).toBe(bytesOfKept);
    sut.dropPartition(0);
    expect([sut.isEmpty, sut.bytes, sut.ageMs(10)]).toEqual([true, 0, 0]);
  });

  it('should count a document once and an event once in bytes, repeats for free', () => {
    const created = wireEvent('job_task.created');
    const one = windowOf([sourceMessage(created)]).bytes;
    const again = windowOf([sourceMessage(created), sourceMessage(created)]).bytes;
    const two = windowOf([
      sourceMessage(created),
      sourceMessage(wireEvent('job_task.started')),
    ]).bytes;

    expect(again).toBe(one);
    expect(two).toBeGreaterThan(one);
    expect(two - one).toBeLessThan(one);
  });
  it('should count the raw bytes of rejections, so a window of poison messages reaches its byte bound', () => {
    const poison = Array.from({ length: 10 }, (_, i) =>
      sourceMessage(Buffer.alloc(100_000, 0x7b), { partition: 0, offset: i }),
    );

    const sut = windowOf(poison);

    expect(sut.rejections).toHaveLength(10);
    expect(sut.bytes).toBeGreaterThanOrEqual(10 * 100_000);
    sut.dropPartition(0);
    expect(sut.bytes).toBe(0);
  });

  it('should keep copies of the bytes it dead-letters, not views that keep the whole fetch alive', () => {
    const fetched = Buffer.alloc(1_048_576, 0x20);
    fetched.write('{bad', 0);
    const poison = {
      ...sourceMessage(Buffer.alloc(0), { offset: 4 }),
      value: fetched.subarray(0, 4),
    };
    const isolatedEvent = JSON.stringify(wireEvent('job_task.started', { job_task_id: 't' }));
    fetched.write(isolatedEvent, 100);
    const event = {
      ...sourceMessage(Buffer.alloc(0), { offset: 5, key: 't' }),
      value: fetched.subarray(100, 100 + Buffer.byteLength(isolatedEvent)),
    };

    const sut = windowOf([poison, event], new Set([jobTaskDocumentId('domain-1', 't')]));

    const kept = [
      sut.rejections[0]?.source,
      ...[...sut.groups.values()][0]!.pieces.map((p) => p.source),
    ];
    expect(kept.map((m) => m?.value?.toString())).toEqual(['{bad', isolatedEvent]);
    expect(kept.every((m) => m?.value?.buffer !== fetched.buffer)).toBe(true);
  });

  it("should count what a task's facts keep beyond a plain event, so a hot task of large errors reaches the byte bound", () => {
    const failures = Array.from({ length: 50 }, () =>
      sourceMessage(
        wireEvent('job_task.resource_failed', {
          data: { count: 1, error: { error_code: 'E', message: 'm'.repeat(100_000) } },
        }),
      ),
    );

    const sut = windowOf(failures);

    expect(sut.dirtyDocs).toBe(1);
    // Each event's message is counted, near enough (a plain event's share is not counted twice).
    expect(sut.bytes).toBeGreaterThan(50 * 99_000);
  });

  it('should move finished tasks and rejections to an early window that commits up to the first offset still pending', () => {
    const poison = sourceMessage(Buffer.from('{'), { partition: 0, offset: 12 });
    const sut = windowOf([
      task('open', 0, 10),
      task('done', 0, 11, 'job_task.succeeded'),
      poison,
      task('done', 1, 30),
      task('other', 1, 31, 'job_task.failed'),
    ]);
    const bytesBefore = sut.bytes;

    const early = sut.takeFinished();

    expect([...early.groups.keys()]).toEqual([
      jobTaskDocumentId('domain-1', 'done'),
      jobTaskDocumentId('domain-1', 'other'),
    ]);
    expect(early.rejections.map((r) => r.source.offset)).toEqual([12]);
    expect([...early.settlements]).toEqual([
      [0, { next: 10, count: 0, epoch: 0 }],
      [1, { next: 32, count: 0, epoch: 0 }],
    ]);
    expect([...sut.groups.keys()]).toEqual([jobTaskDocumentId('domain-1', 'open')]);
    expect(sut.rejections).toEqual([]);
    expect(sut.finishedDocs).toBe(0);
    expect(sut.bytes + early.bytes).toBe(bytesBefore);
    expect([...sut.settlements]).toEqual([
      [0, { next: 13, count: 3, epoch: 0 }],
      [1, { next: 32, count: 2, epoch: 0 }],
    ]);
  });

  it('should report per partition the first offset it holds, pieces and rejections alike', () => {
    const sut = windowOf([
      sourceMessage(Buffer.from('{'), { partition: 0, offset: 3 }),
      task('a', 0, 4),
      task('b', 1, 8),
    ]);

    expect([...sut.firstOffsets]).toEqual([
      [0, 3],
      [1, 8],
    ]);
  });
});
