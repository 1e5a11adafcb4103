import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { loadApiConfig } from '@app/config';
import { Metadata } from '@grpc/grpc-js';
import type { JobTasksService } from '../job-tasks/job-tasks.service';
import { JobTaskGrpcController } from './job-task.grpc-controller';

/** The grpc-js call as the handler reads it: `cancelled` and the 'cancelled' event. */
function aCall(cancelled = false) {
  return Object.assign(new EventEmitter(), { cancelled });
}

function setup() {
  const signals: (AbortSignal | undefined)[] = [];
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const service = {
    list: async (_raw: unknown, _caller: unknown, signal?: AbortSignal) => {
      signals.push(signal);
      await answered;
      return { results: [], total_count: 0 };
    },
    stat: async (_raw: unknown, _caller: unknown, signal?: AbortSignal) => {
      signals.push(signal);
      await answered;
      return { results: [] };
    },
  } as unknown as JobTasksService;
  const sut = new JobTaskGrpcController(service, loadApiConfig({}));
  return { sut, signals, answer };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(JobTaskGrpcController.name, () => {
  it.each(['list', 'stat'] as const)(
    'should abort the %s of a call once grpc-js reports it cancelled',
    async (method) => {
      const { sut, signals, answer } = setup();
      const call = aCall();
      const running = sut[method]({ domain_id: 'd1' }, new Metadata(), call as never);
      await tick();
      expect(signals[0]?.aborted).toBe(false);
      call.cancelled = true;
      call.emit('cancelled', 'cancelled');
      expect(signals[0]?.aborted).toBe(true);
      answer();
      await running;
    },
  );

  it('should start a call cancelled before its handler ran already aborted', async () => {
    const { sut, signals, answer } = setup();
    answer();
    await sut.list({ domain_id: 'd1' }, new Metadata(), aCall(true) as never);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('should stop listening once the call is answered (grpc-js reports every answered call cancelled)', async () => {
    const { sut, answer } = setup();
    const call = aCall();
    answer();
    await sut.list({ domain_id: 'd1' }, new Metadata(), call as never);
    expect(call.listenerCount('cancelled')).toBe(0);
  });
});
