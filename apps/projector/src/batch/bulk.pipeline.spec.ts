import type { ItemOutcome, PlannedWrite } from '../core/projection.types';
import { BulkPipeline } from './bulk.pipeline';

function aWrite(id: string, bytes = 10): PlannedWrite {
  return {
    id,
    domainId: 'd',
    document: {} as PlannedWrite['document'],
    json: 'x'.repeat(bytes),
    current: null,
    applied: 1,
    duplicates: 0,
    newestOccurredAt: '2026-12-04T00:00:00.000Z',
  };
}

const written = (w: PlannedWrite): ItemOutcome => ({
  kind: 'written',
  index: `i-${w.id}`,
  seqNo: 0,
  primaryTerm: 1,
});

/** A bulk endpoint the test answers by hand, recording what was sent and how many requests were open at once. */
class HeldBulks {
  readonly sent: string[][] = [];
  private readonly pending: { writes: readonly PlannedWrite[]; settle: (error?: Error) => void }[] =
    [];
  open = 0;
  maxOpen = 0;

  readonly send = (writes: readonly PlannedWrite[]): Promise<ItemOutcome[]> => {
    this.sent.push(writes.map((w) => w.id));
    this.open += 1;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    return new Promise((resolve, reject) => {
      this.pending.push({
        writes,
        settle: (error) => {
          this.open -= 1;
          if (error) reject(error);
          else resolve(writes.map(written));
        },
      });
    });
  };

  answerNext(error?: Error): void {
    this.pending.shift()?.settle(error);
  }

  /** Answers the newest open request first, as a faster Elasticsearch thread would. */
  answerNewest(error?: Error): void {
    this.pending.pop()?.settle(error);
  }
}

/** Adds writes the way the write round does: a new request whenever the current one is full. */
async function addAll(sut: BulkPipeline, writes: PlannedWrite[]): Promise<void> {
  for (const write of writes) {
    if (sut.isFullFor(write)) await sut.sendChunk();
    sut.add(write);
  }
}

describe(BulkPipeline.name, () => {
  it('should split the writes by documents and by bytes and answer every outcome in order', async () => {
    const requests: string[][] = [];
    const sut = new BulkPipeline(
      (writes) => {
        requests.push(writes.map((w) => w.id));
        return Promise.resolve(writes.map(written));
      },
      { maxDocs: 2, maxBytes: 25, concurrency: 1 },
    );

    await addAll(sut, [aWrite('a'), aWrite('b'), aWrite('c', 20), aWrite('d', 10), aWrite('e')]);
    const outcomes = await sut.finish();

    expect(requests).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect(outcomes.map((o) => (o.kind === 'written' ? o.index : o.kind))).toEqual([
      'i-a',
      'i-b',
      'i-c',
      'i-d',
      'i-e',
    ]);
  });

  it('should let the caller go on planning while a request is in flight, with never two in flight', async () => {
    const bulks = new HeldBulks();
    const sut = new BulkPipeline(bulks.send, { maxDocs: 1, maxBytes: 1_000, concurrency: 1 });

    await addAll(sut, [aWrite('a'), aWrite('b')]);
    // 'a' is in flight and unanswered, yet the caller got control back and added 'b'.
    expect(bulks.sent).toEqual([['a']]);

    const sending = sut.sendChunk();
    await new Promise((resolve) => setImmediate(resolve));
    expect(bulks.sent).toEqual([['a']]);
    bulks.answerNext();
    await sending;
    expect(bulks.sent).toEqual([['a'], ['b']]);
    bulks.answerNext();

    await expect(sut.finish()).resolves.toHaveLength(2);
    expect(bulks.maxOpen).toBe(1);
  });

  it('should send nothing after a failed request and reject finish with that failure', async () => {
    const bulks = new HeldBulks();
    const sut = new BulkPipeline(bulks.send, { maxDocs: 1, maxBytes: 1_000, concurrency: 1 });
    const down = new Error('bulk: connection refused');

    await addAll(sut, [aWrite('a')]);
    await sut.sendChunk();
    // Fails while the caller is still planning: no handler of the caller's is attached yet.
    bulks.answerNext(down);
    await new Promise((resolve) => setImmediate(resolve));
    sut.add(aWrite('b'));

    await expect(sut.finish()).rejects.toBe(down);
    expect(bulks.sent).toEqual([['a']]);
  });

  it('should keep up to `concurrency` requests in flight and answer the outcomes in the order of the writes', async () => {
    const bulks = new HeldBulks();
    const sut = new BulkPipeline(bulks.send, { maxDocs: 1, maxBytes: 1_000, concurrency: 2 });

    await addAll(sut, [aWrite('a'), aWrite('b'), aWrite('c')]);
    expect(bulks.sent).toEqual([['a'], ['b']]);

    const sending = sut.sendChunk();
    await new Promise((resolve) => setImmediate(resolve));
    expect(bulks.sent).toEqual([['a'], ['b']]);
    bulks.answerNewest();
    await sending;
    expect(bulks.sent).toEqual([['a'], ['b'], ['c']]);
    bulks.answerNewest();
    bulks.answerNewest();

    const outcomes = await sut.finish();
    expect(outcomes.map((o) => (o.kind === 'written' ? o.index : o.kind))).toEqual([
      'i-a',
      'i-b',
      'i-c',
    ]);
    expect(bulks.maxOpen).toBe(2);
  });

  it('should reject finish when one of two requests in flight fails, even if the other succeeds, and send no more', async () => {
    const bulks = new HeldBulks();
    const sut = new BulkPipeline(bulks.send, { maxDocs: 1, maxBytes: 1_000, concurrency: 2 });
    const down = new Error('bulk: es_rejected_execution_exception');

    await addAll(sut, [aWrite('a'), aWrite('b'), aWrite('c')]);
    bulks.answerNext(down);
    bulks.answerNext();
    await new Promise((resolve) => setImmediate(resolve));

    await expect(sut.finish()).rejects.toBe(down);
    expect(bulks.sent).toEqual([['a'], ['b']]);
  });

  it('should send no request for a round without writes', async () => {
    const bulks = new HeldBulks();
    const sut = new BulkPipeline(bulks.send, { maxDocs: 10, maxBytes: 1_000, concurrency: 1 });

    await expect(sut.finish()).resolves.toEqual([]);
    expect(bulks.sent).toEqual([]);
  });
});
