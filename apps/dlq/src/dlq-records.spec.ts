import { describeBytes, toDeadLetter, type DeadLetter } from './dead-letter.view';
import { selectForReplay, toReplayMessage } from './dlq-replay';
import { formatDeadLetter, selectForShow } from './dlq-show';
import { formatSummary, summarise } from './dlq-summary';

const letter = (
  partition: number,
  offset: number,
  reason: string,
  sourcePartition: number,
  at: string,
): DeadLetter =>
  toDeadLetter({
    partition,
    offset: String(offset),
    timestamp: String(Date.parse(at)),
    key: Buffer.from('task-1'),
    value: Buffer.from('{"event_id":"e1"}'),
    headers: {
      'dlq.reason': Buffer.from(reason),
      'dlq.message': Buffer.from('why'),
      'dlq.source.topic': Buffer.from('events'),
      'dlq.source.partition': Buffer.from(String(sourcePartition)),
      'dlq.source.offset': Buffer.from('41'),
      traceparent: Buffer.from('00-abc'),
    },
  });

const records = [
  letter(0, 0, 'TOO_LARGE', 1, '2026-11-28T10:00:00Z'),
  letter(0, 1, 'KEY_MISMATCH', 1, '2026-11-28T09:00:00Z'),
  letter(1, 0, 'TOO_LARGE', 2, '2026-11-28T11:00:00Z'),
];

describe('dead-letter records', () => {
  it('should read the dlq headers, and tolerate a record without them', () => {
    expect(records[0]).toMatchObject({
      reason: 'TOO_LARGE',
      message: 'why',
      source: { topic: 'events', partition: 1, offset: 41 },
    });
    const bare = toDeadLetter({
      partition: 0,
      offset: '3',
      timestamp: '0',
      key: null,
      value: null,
    });
    expect(bare).toMatchObject({
      reason: '(none)',
      source: { topic: '(unknown)', partition: null, offset: null },
    });
  });

  it('should summarise by reason and source partition, most frequent first, with oldest and newest', () => {
    const summary = summarise('events.dlq', records);
    expect(summary).toEqual({
      topic: 'events.dlq',
      total: 3,
      byReason: [
        ['TOO_LARGE', 2],
        ['KEY_MISMATCH', 1],
      ],
      bySource: [
        ['events[1]', 2],
        ['events[2]', 1],
      ],
      oldest: '2026-11-28T09:00:00.000Z',
      newest: '2026-11-28T11:00:00.000Z',
    });
    expect(formatSummary(summary)).toContain(
      'events.dlq: 3 dead letter(s), oldest 2026-11-28T09:00:00.000Z',
    );
    expect(formatSummary(summarise('x', []))).toBe('x: no dead letters\n');
  });

  it('should decode values as JSON, text or base64 for show, and filter and limit', () => {
    expect(describeBytes(Buffer.from('{"a":1}'))).toEqual({
      encoding: 'json',
      text: '{\n  "a": 1\n}',
    });
    expect(describeBytes(Buffer.from('{a:1}'))).toEqual({ encoding: 'utf8', text: '{a:1}' });
    expect(describeBytes(Buffer.from([0xc3, 0x28]))).toEqual({ encoding: 'base64', text: 'wyg=' });
    expect(describeBytes(null)).toEqual({ encoding: 'null', text: 'null' });
    expect(selectForShow(records, 'TOO_LARGE', 1).map((r) => r.offset)).toEqual([0]);
    expect(formatDeadLetter(records[0]!)).toContain('dlq.source.offset: 41');
  });

  it('should select by reason or by an inclusive offset range of one partition', () => {
    expect(selectForReplay(records, { reason: 'TOO_LARGE' })).toEqual([records[0], records[2]]);
    expect(selectForReplay(records, { offsets: { partition: 0, from: 1, to: 5 } })).toEqual([
      records[1],
    ]);
  });

  it('should replay the original key, value and headers without dlq.*, naming the dead letter', () => {
    const message = toReplayMessage('events.dlq', records[2]!);
    expect(message.key).toEqual(Buffer.from('task-1'));
    expect(message.value).toEqual(Buffer.from('{"event_id":"e1"}'));
    expect(message.headers).toEqual({
      traceparent: Buffer.from('00-abc'),
      'replayed-from': 'events.dlq/1/0',
    });
  });
});
