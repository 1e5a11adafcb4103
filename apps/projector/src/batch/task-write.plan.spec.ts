import { projectJobTask, type JobTaskDocument } from '@app/domain';
import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import type { SourcedEvent, StoredDocument } from '../core/projection.types';
import { decodeBatch } from './message-batch.plan';
import { planTaskWrite } from './task-write.plan';

const group = { id: 'domain-1:task-1', domainId: 'domain-1' };

describe(planTaskWrite.name, () => {
  it('should plan a create with the folded document when the task has no document yet', () => {
    const events = sourced(wireEvent('job_task.created'), wireEvent('job_task.started'));

    const sut = planTaskWrite(group, events, null);

    expect(sut.kind).toBe('write');
    if (sut.kind !== 'write') return;
    expect(sut.write.current).toBeNull();
    expect(sut.write.document).toEqual(
      projectJobTask(
        null,
        events.map((e) => e.event),
      ).document,
    );
    expect(sut.write.applied).toEqual(events);
  });

  it('should plan a guarded overwrite of the stored document, separating duplicates', () => {
    const [created, started] = sourced(
      wireEvent('job_task.created'),
      wireEvent('job_task.started'),
    );
    const current = stored(projectJobTask(null, [created!.event]).document);

    const sut = planTaskWrite(group, [created!, started!], current);

    expect(sut.kind).toBe('write');
    if (sut.kind !== 'write') return;
    expect(sut.write.current).toBe(current);
    expect(sut.write.applied).toEqual([started]);
    expect(sut.write.duplicates).toEqual([created]);
    expect(sut.write.document.status).toBe('IN_PROGRESS');
  });

  it('should plan nothing when every event is already in the document', () => {
    const events = sourced(wireEvent('job_task.created'));
    const current = stored(
      projectJobTask(
        null,
        events.map((e) => e.event),
      ).document,
    );

    expect(planTaskWrite(group, events, current)).toEqual({
      kind: 'unchanged',
      duplicates: events,
    });
  });

  it('should report a stored document with broken bookkeeping as unmergeable instead of throwing', () => {
    const events = sourced(wireEvent('job_task.started'));
    const broken = stored({
      ...projectJobTask(
        null,
        events.map((e) => e.event),
      ).document,
      projection: {} as never,
    });

    expect(planTaskWrite(group, events, broken).kind).toBe('unmergeable');
  });
});

function sourced(...values: Record<string, unknown>[]): SourcedEvent[] {
  return decodeBatch(
    values.map((v) => sourceMessage(v)),
    1_048_576,
  ).events;
}

function stored(document: JobTaskDocument): StoredDocument {
  return {
    index: 'tasks-v1',
    seqNo: 7,
    primaryTerm: 1,
    document: JSON.parse(JSON.stringify(document)) as JobTaskDocument,
  };
}
