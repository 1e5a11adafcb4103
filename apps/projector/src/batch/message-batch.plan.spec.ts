import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import { decodeBatch } from './message-batch.plan';

describe(decodeBatch.name, () => {
  it('should split decodable events from messages to dead-letter, keeping each source', () => {
    const good = sourceMessage(wireEvent('job_task.started'));
    const bad = sourceMessage(Buffer.from('{not json'));
    const mismatched = sourceMessage(wireEvent('job_task.started'), { key: 'another-task' });

    const sut = decodeBatch([good, bad, mismatched], 1_048_576);

    expect(sut.events.map((e) => e.source)).toEqual([good]);
    expect(sut.rejections.map((r) => [r.source, r.reason])).toEqual([
      [bad, 'INVALID_JSON'],
      [mismatched, 'KEY_MISMATCH'],
    ]);
  });

  it('should reject a value over the size limit as TOO_LARGE', () => {
    const big = sourceMessage(wireEvent('job_task.started', { padding: 'x'.repeat(200) }));

    const sut = decodeBatch([big], 100);

    expect(sut.rejections[0]?.reason).toBe('TOO_LARGE');
  });
});
