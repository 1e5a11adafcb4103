import { projectJobTask, type JobTaskDocument } from '@app/domain';
import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import { piecesOf } from '../../test/support/write-windows';
import type { StoredDocument } from '../core/projection.types';
import { decodeBatch } from './message-batch.plan';
import { planTaskWrite } from './task-write.plan';

const group = { id: 'domain-1:task-1', domainId: 'domain-1' };

describe(planTaskWrite.name, () => {
  it('should plan a create with the folded document when the task has no document yet', () => {
    const values = [wireEvent('job_task.created'), wireEvent('job_task.started')];

    const sut = planTaskWrite(group, piecesOf(values.map((v) => sourceMessage(v))), null);

    expect(sut.kind).toBe('write');
    if (sut.kind !== 'write') return;
    expect(sut.write.current).toBeNull();
    expect(sut.write.document).toEqual(projectJobTask(null, events(values)).document);
    expect(sut.write.applied).toBe(2);
    expect(sut.write.newestOccurredAt).toBe('2026-11-28T10:00:00.000Z');
  });

  it('should plan a guarded overwrite of the stored document, counting duplicates', () => {
    const created = wireEvent('job_task.created');
    const started = wireEvent('job_task.started');
    const current = stored(projectJobTask(null, events([created])).document);

    const sut = planTaskWrite(
      group,
      piecesOf([created, started].map((v) => sourceMessage(v))),
      current,
    );

    expect(sut.kind).toBe('write');
    if (sut.kind !== 'write') return;
    expect(sut.write.current).toBe(current);
    expect([sut.write.applied, sut.write.duplicates]).toEqual([1, 1]);
    expect(sut.write.document.status).toBe('IN_PROGRESS');
  });

  it('should join one-event pieces of an isolated task like a folded piece', () => {
    const values = [wireEvent('job_task.created'), wireEvent('job_task.started')];
    const pieces = piecesOf(
      values.map((v) => sourceMessage(v)),
      true,
    );

    const sut = planTaskWrite(group, pieces, null);

    expect(pieces.map((p) => p.events)).toEqual([1, 1]);
    expect(sut.kind === 'write' && sut.write.document).toEqual(
      projectJobTask(null, events(values)).document,
    );
  });

  it('should plan nothing when every event is already in the document, repeats counted', () => {
    const created = wireEvent('job_task.created');
    const current = stored(projectJobTask(null, events([created])).document);

    const sut = planTaskWrite(
      group,
      piecesOf([sourceMessage(created), sourceMessage(created)]),
      current,
    );

    expect(sut).toEqual({ kind: 'unchanged', duplicates: 2 });
  });

  it('should report a stored document with broken bookkeeping as unmergeable instead of throwing', () => {
    const started = wireEvent('job_task.started');
    const broken = stored({
      ...projectJobTask(null, events([started])).document,
      projection: {} as never,
    });

    expect(planTaskWrite(group, piecesOf([sourceMessage(started)]), broken).kind).toBe(
      'unmergeable',
    );
  });
});

function events(values: Record<string, unknown>[]) {
  return decodeBatch(
    values.map((v) => sourceMessage(v)),
    1_048_576,
  ).events.map((e) => e.event);
}

function stored(document: JobTaskDocument): StoredDocument {
  return {
    index: 'tasks-v1',
    seqNo: 7,
    primaryTerm: 1,
    document: JSON.parse(JSON.stringify(document)) as JobTaskDocument,
  };
}
