import type { EachBatchPayload } from 'kafkajs';
import { PartitionBatchHandler } from './partition-batch.handler';
import type { WindowPipeline } from './window.pipeline';

/** The parts of kafkajs' eachBatch payload the handler uses, recording what it is asked to do. */
function payload(options: { stale?: boolean; heartbeat?: () => Promise<void> } = {}) {
  const resolved: string[] = [];
  const stub = {
    batch: {
      topic: 'events',
      partition: 2,
      highWatermark: '10',
      messages: [
        { offset: '7', key: Buffer.from('k'), value: Buffer.from('{}'), headers: {} },
        { offset: '8', key: Buffer.from('k'), value: Buffer.from('{}'), headers: {} },
      ],
    },
    isRunning: () => true,
    isStale: () => options.stale ?? false,
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: options.heartbeat ?? (() => Promise.resolve()),
  };
  return { payload: stub as unknown as EachBatchPayload, resolved };
}

function pipeline(accepts = true) {
  const calls: string[] = [];
  const stub = {
    ingest: jest.fn((partition: number, messages: { offset: number }[], high: number) => {
      calls.push(`ingest ${partition} ${messages.map((m) => m.offset).join(',')} of ${high}`);
      return accepts;
    }),
    flushIfDue: jest.fn(() => {
      calls.push('flushIfDue');
      return Promise.resolve();
    }),
    drain: jest.fn((reason: string) => {
      calls.push(`drain ${reason}`);
      return Promise.resolve();
    }),
  };
  return { pipeline: stub as unknown as WindowPipeline, calls };
}

describe(PartitionBatchHandler.name, () => {
  it('should hand the batch to the window and resolve its last offset, so kafkajs fetches on', async () => {
    const { pipeline: window, calls } = pipeline();
    const sut = new PartitionBatchHandler(window);
    const { payload: p, resolved } = payload();

    await sut.handle(p);

    expect(calls).toEqual(['ingest 2 7,8 of 10', 'flushIfDue']);
    expect(resolved).toEqual(['8']);
  });

  it('should ignore a batch made stale by a rewind', async () => {
    const { pipeline: window, calls } = pipeline();
    const { payload: p, resolved } = payload({ stale: true });

    await new PartitionBatchHandler(window).handle(p);

    expect(calls).toEqual([]);
    expect(resolved).toEqual([]);
  });

  it('should not resolve what a closing window refused', async () => {
    const { pipeline: window } = pipeline(false);
    const { payload: p, resolved } = payload();

    await new PartitionBatchHandler(window).handle(p);

    expect(resolved).toEqual([]);
  });

  it('should write the pending window before returning when the group is rebalancing', async () => {
    const { pipeline: window, calls } = pipeline();
    const rebalancing = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const { payload: p } = payload({ heartbeat: () => Promise.reject(rebalancing) });

    await new PartitionBatchHandler(window).handle(p);

    expect(calls).toEqual(['ingest 2 7,8 of 10', 'flushIfDue', 'drain rebalance']);
  });

  it('should not drain on other heartbeat errors (the generation is already gone)', async () => {
    const { pipeline: window, calls } = pipeline();
    const { payload: p } = payload({ heartbeat: () => Promise.reject(new Error('network')) });

    await new PartitionBatchHandler(window).handle(p);

    expect(calls).not.toContain('drain rebalance');
  });
});
