import { decodeBatch } from '../../src/batch/message-batch.plan';
import { planTaskWrite } from '../../src/batch/task-write.plan';
import { WriteWindow } from '../../src/batch/write-window';
import type { SourceMessage, StoredDocument } from '../../src/core/projection.types';

/**
 * The projector's hot path without servers, as the in-process measures run it: decode each window of messages,
 * fold it as the pipeline does, plan each task's write against the document written before. Returns the writes.
 */
export function runHotPath(messages: readonly SourceMessage[], windowEvents: number): number {
  const documents = new Map<string, StoredDocument>();
  let writes = 0;
  for (let start = 0; start < messages.length; start += windowEvents) {
    const chunk = messages.slice(start, start + windowEvents);
    const window = new WriteWindow();
    window.add(chunk, decodeBatch(chunk, 1_048_576), 0, 0);
    for (const group of window.groups.values()) {
      const plan = planTaskWrite(group, group.pieces, documents.get(group.id) ?? null);
      if (plan.kind !== 'write') continue;
      writes += 1;
      documents.set(group.id, {
        index: 'i',
        seqNo: 0,
        primaryTerm: 1,
        document: plan.write.document,
      });
    }
  }
  return writes;
}
