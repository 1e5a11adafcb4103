import { describeBytes, toDeadLetter, type DeadLetter } from './dead-letter.view';
import { DlqError } from './dlq-error';
import { checkOffsets, planReplay, selectForReplay, toReplayMessage } from './dlq-replay';
import { formatDeadLetter, selectForShow } from './dlq-show';
import { formatSummary, summarise } from './dlq-summary';

const letter = (
  partition: number,
  offset: number,
  reason: string,
  sourcePartition: number,
  at: string,
  extra: { sourceOffset?: number; replayedFrom?: string } = {},
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
      'dlq.source.offset': Buffer.from(String(extra.sourceOffset ?? 41)),
      traceparent: Buffer.from('00-abc'),
      ...(extra.replayedFrom === undefined
        ? {}
        : { 'replayed-from': Buffer.from(extra.replayedFrom) }),
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

  it('should send one record per dead event: copies from earlier replays and redeliveries are skipped', () => {
    const at = '2026-11-28T10:00:00Z';
    const first = letter(0, 0, 'TOO_LARGE', 1, at, { sourceOffset: 5 });
    const back = letter(0, 1, 'TOO_LARGE', 1, at, { sourceOffset: 9, replayedFrom: 'd/0/0' });
    const backAgain = letter(0, 2, 'TOO_LARGE', 1, at, { sourceOffset: 12, replayedFrom: 'd/0/1' });
    const other = letter(1, 0, 'TOO_LARGE', 2, at, { sourceOffset: 5 });
    const redelivered = letter(1, 1, 'TOO_LARGE', 2, at, { sourceOffset: 5 });
    const orphanA = letter(2, 0, 'TOO_LARGE', 0, at, { sourceOffset: 1, replayedFrom: 'd/0/99' });
    const orphanB = letter(2, 1, 'TOO_LARGE', 0, at, { sourceOffset: 2, replayedFrom: 'd/0/99' });
    const foreign = letter(2, 2, 'TOO_LARGE', 0, at, { sourceOffset: 3, replayedFrom: 'x/0/0' });
    const all = [first, back, backAgain, other, redelivered, orphanA, orphanB, foreign];

    const plan = planReplay('d', all, all);
    expect(plan.send).toEqual([first, other, orphanA, foreign]);
    expect(plan.copies).toEqual([
      { record: back, of: first },
      { record: backAgain, of: first },
      { record: redelivered, of: other },
      { record: orphanB, of: orphanA },
    ]);
    // Only copies selected: the original outside the range does not stop the first of them from going.
    expect(planReplay('d', all, [back, backAgain])).toEqual({
      send: [back],
      copies: [{ record: backAgain, of: back }],
    });
  });

  it('should survive a replayed-from loop', () => {
    const at = '2026-11-28T10:00:00Z';
    const a = letter(0, 0, 'TOO_LARGE', 1, at, { sourceOffset: 1, replayedFrom: 'd/0/1' });
    const b = letter(0, 1, 'TOO_LARGE', 1, at, { sourceOffset: 2, replayedFrom: 'd/0/0' });
    expect(planReplay('d', [a, b], [a, b]).send).toHaveLength(1);
  });

  it('should refuse offsets that select nothing, naming what the partition holds', () => {
    const spans = [
      { partition: 0, low: 0, high: 12 },
      { partition: 1, low: 4, high: 4 },
      { partition: 2, low: 0, high: 0 },
    ];
    const refusal = (partition: number, from: number, to: number): string => {
      try {
        checkOffsets('d', spans, { partition, from, to });
      } catch (error) {
        expect(error).toBeInstanceOf(DlqError);
        expect(error).toMatchObject({ code: 'DLQ.OFFSETS_OUT_OF_RANGE' });
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(7, 0, 3)).toBe('--offsets 7:0-3: d has no partition 7 (it has 0-2)');
    expect(refusal(0, 12, 20)).toBe('--offsets 0:12-20: partition 0 of d holds offsets 0-11');
    expect(refusal(1, 0, 3)).toBe(
      '--offsets 1:0-3: partition 1 of d holds no records (offsets before 4 are past retention)',
    );
    expect(refusal(2, 0, 0)).toBe('--offsets 2:0: partition 2 of d holds no records');
    expect(refusal(0, 11, 400)).toBe('accepted');
    expect(refusal(0, 0, 0)).toBe('accepted');
    expect(() => checkOffsets('d', [spans[0]!], { partition: 1, from: 0, to: 0 })).toThrow(
      'd has no partition 1 (it has only 0)',
    );
  });
});
