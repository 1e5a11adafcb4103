import { sourceMessage } from '../../test/support/event-messages';
import type { SourceMessage } from '../core/projection.types';
import type { FlushResult } from './batch-projector.service';
import { FlushCoalescer } from './flush-coalescer';

const messages = (partition: number, count: number) =>
  Array.from({ length: count }, (_, offset) => sourceMessage({}, { partition, offset }));

function recordingFlush() {
  const flushes: SourceMessage[][] = [];
  let active = 0;
  let maxActive = 0;
  const flush = async (batch: SourceMessage[]): Promise<FlushResult> => {
    flushes.push(batch);
    active += 1;
    maxActive = Math.max(maxActive, active);
    await new Promise((resolve) => setTimeout(resolve, 5));
    active -= 1;
    return { unsettled: new Set(), failure: null };
  };
  return { flush, flushes, maxActive: () => maxActive };
}

describe(FlushCoalescer.name, () => {
  it('should flush concurrent submissions together', async () => {
    const { flush, flushes } = recordingFlush();
    const sut = new FlushCoalescer(flush, 100, 2);

    await Promise.all([
      sut.submit(messages(0, 3)),
      sut.submit(messages(1, 4)),
      sut.submit(messages(2, 5)),
    ]);

    expect(flushes.map((f) => f.length)).toEqual([12]);
  });

  it('should never flush more than the maximum, and run flushes one at a time', async () => {
    const { flush, flushes, maxActive } = recordingFlush();
    const sut = new FlushCoalescer(flush, 10, 2);

    await Promise.all([
      sut.submit(messages(0, 6)),
      sut.submit(messages(1, 6)),
      sut.submit(messages(2, 10)),
    ]);

    expect(flushes.map((f) => f.length)).toEqual([6, 6, 10]);
    expect(maxActive()).toBe(1);
  });

  it('should reject every submission of a flush that throws, and keep serving later ones', async () => {
    let calls = 0;
    const sut = new FlushCoalescer(
      (): Promise<FlushResult> => {
        calls += 1;
        return calls === 1
          ? Promise.reject(new Error('boom'))
          : Promise.resolve({ unsettled: new Set(), failure: null });
      },
      100,
      1,
    );

    const failed = [sut.submit(messages(0, 1)), sut.submit(messages(1, 1))];
    await expect(Promise.all(failed)).rejects.toThrow('boom');
    await expect(sut.submit(messages(0, 1))).resolves.toEqual({
      unsettled: new Set(),
      failure: null,
    });
  });
});
