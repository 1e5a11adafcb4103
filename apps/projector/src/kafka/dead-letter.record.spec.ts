import { sourceMessage } from '../../test/support/event-messages';
import { DLQ_MESSAGE_MAX_CHARS } from '../projector.settings';
import { deadLetterMessage } from './dead-letter.record';

describe(deadLetterMessage.name, () => {
  it('should keep the original key and value bytes and add the dlq headers as strings', () => {
    const value = Buffer.from([0xff, 0xfe, 0x00, 0x7b]);
    const source = {
      ...sourceMessage(value, { partition: 2, offset: 41, key: 'task-1', topic: 'events' }),
    };

    const sut = deadLetterMessage({ source, reason: 'INVALID_JSON', message: 'value is not JSON' });

    expect(sut.key).toBe(source.key);
    expect(sut.value).toBe(value);
    expect(sut.headers).toEqual({
      'dlq.reason': 'INVALID_JSON',
      'dlq.message': 'value is not JSON',
      'dlq.source.topic': 'events',
      'dlq.source.partition': '2',
      'dlq.source.offset': '41',
    });
  });

  it('should keep a null key null and carry the original headers, replacing stale dlq ones', () => {
    const source = {
      ...sourceMessage(Buffer.from('x'), { key: null, offset: 7 }),
      headers: { trace: Buffer.from('abc'), 'dlq.reason': 'TOO_LARGE' },
    };

    const sut = deadLetterMessage({ source, reason: 'KEY_MISMATCH', message: 'no key' });

    expect(sut.key).toBeNull();
    expect(sut.headers?.trace).toEqual(Buffer.from('abc'));
    expect(sut.headers?.['dlq.reason']).toBe('KEY_MISMATCH');
  });

  it('should cut a message longer than DLQ_MESSAGE_MAX_CHARS, never inside a surrogate pair, and say how long it was', () => {
    // A path through keys an emitter chose can be as long as the value; the emoji straddles the cut.
    const message = `${'k'.repeat(DLQ_MESSAGE_MAX_CHARS - 1)}😀${'k'.repeat(5_000)}`;
    const source = sourceMessage(Buffer.from('{}'), { offset: 3 });

    const sut = deadLetterMessage({ source, reason: 'INVALID_FIELD', message });

    const header = sut.headers?.['dlq.message'] as string;
    expect(header).toBe(
      `${'k'.repeat(DLQ_MESSAGE_MAX_CHARS - 1)}… (${message.length} characters in all)`,
    );
    expect(Buffer.from(header, 'utf8').toString('utf8')).toBe(header);
  });

  it('should keep a message of exactly DLQ_MESSAGE_MAX_CHARS whole', () => {
    const message = 'm'.repeat(DLQ_MESSAGE_MAX_CHARS);

    const sut = deadLetterMessage({
      source: sourceMessage(Buffer.from('{}')),
      reason: 'INVALID_FIELD',
      message,
    });

    expect(sut.headers?.['dlq.message']).toBe(message);
  });
});
