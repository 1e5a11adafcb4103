/*
 * Single-projector throughput on a pre-filled topic: events/s from the first consumed message to the moment the
 * last document is visible to search. Not a jest test; run it on an otherwise idle stack:
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/throughput.measure.ts [events]
 *
 * "Visible" means a search without forced refresh sees exactly the expected aggregate of the whole read model (document
 * count and the sums of success_count and failure_count), i.e. the final state of every task has been refreshed.
 */
import { JsonLogger } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { ProjectorModule } from '../src/projector.module';
import { simulateScheduler } from '../src/simulator/scheduler.simulator';
import { toKafkaMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig } from './support/projector-test.config';
import { committedTotal } from './support/paced.producer';
import { StackClients } from './support/stack.clients';

async function counterValue(
  metrics: ProjectorMetrics,
  name: 'messagesConsumed' | 'eventsApplied',
): Promise<number> {
  return (await metrics[name].get()).values[0]?.value ?? 0;
}

async function main(): Promise<void> {
  const wanted = Number(process.argv[2] ?? 100_000);
  const config = isolatedConfig({ LOG_LEVEL: 'warn' });
  const stack = new StackClients(config);
  try {
    let tasks = Math.ceil(wanted / 8);
    let simulated = simulateScheduler({ tasks, seed: 2026 });
    while (simulated.messages.length < wanted) {
      tasks = Math.ceil(tasks * 1.05);
      simulated = simulateScheduler({ tasks, seed: 2026 });
    }
    const messages = toKafkaMessages(simulated.messages);
    const expected = expectedDocuments(messages);
    const sums = [...expected.values()].reduce(
      (acc, d) => ({
        success: acc.success + d.success_count,
        failure: acc.failure + d.failure_count,
      }),
      { success: 0, failure: 0 },
    );
    await stack.createTopics();
    const produceStart = Date.now();
    await stack.produce(messages);
    log(
      `pre-filled ${messages.length} events (${simulated.summary.tasks} tasks) in ${Date.now() - produceStart} ms`,
    );

    const logger = new JsonLogger('warn', 'projector-measured');
    const app = await NestFactory.create(ProjectorModule.register(config, logger, 'serve'), {
      logger,
    });
    const metrics = app.get(ProjectorMetrics);
    await app.listen(0, '127.0.0.1');

    while ((await counterValue(metrics, 'messagesConsumed')) === 0) await sleep(5);
    const firstConsumedAt = Date.now();
    let committedAt = 0;
    for (;;) {
      if (
        committedAt === 0 &&
        (await committedTotal(stack, config.projector.groupId, config.kafka.topic)) >=
          messages.length
      ) {
        committedAt = Date.now();
      }
      if (
        committedAt !== 0 &&
        (await visible(stack, config.elasticsearch.alias, expected.size, sums))
      )
        break;
      await sleep(50);
    }
    const visibleAt = Date.now();
    const seconds = (visibleAt - firstConsumedAt) / 1_000;
    const flushes =
      (await metrics.batchEvents.get()).values.find((v) => v.metricName?.endsWith('_count'))
        ?.value ?? 0;
    const bulkSeconds =
      (await metrics.bulkSeconds.get()).values.find((v) => v.metricName?.endsWith('_sum'))?.value ??
      0;
    const mgetSeconds =
      (await metrics.mgetSeconds.get()).values.find((v) => v.metricName?.endsWith('_sum'))?.value ??
      0;
    await app.close();

    const actual = await stack.documents();
    const exact =
      actual.size === expected.size &&
      [...expected].every(([id, doc]) => JSON.stringify(actual.get(id)) === JSON.stringify(doc));
    log(
      JSON.stringify(
        {
          events: messages.length,
          tasks: expected.size,
          secondsFirstConsumeToVisible: seconds,
          eventsPerSecond: Math.round(messages.length / seconds),
          secondsToLastCommit: (committedAt - firstConsumedAt) / 1_000,
          flushes,
          meanEventsPerFlush: Math.round(messages.length / Math.max(1, flushes)),
          bulkSecondsTotal: Number(bulkSeconds.toFixed(2)),
          mgetSecondsTotal: Number(mgetSeconds.toFixed(2)),
          applied: await counterValue(metrics, 'eventsApplied'),
          readModelExact: exact,
        },
        null,
        2,
      ),
    );
  } finally {
    await stack.cleanUp();
  }
}

async function visible(
  stack: StackClients,
  alias: string,
  documents: number,
  sums: { success: number; failure: number },
): Promise<boolean> {
  const response = await stack.es.search({
    index: alias,
    size: 0,
    track_total_hits: true,
    aggs: {
      success: { sum: { field: 'success_count' } },
      failure: { sum: { field: 'failure_count' } },
    },
  });
  const total =
    typeof response.hits.total === 'number' ? response.hits.total : response.hits.total?.value;
  const aggs = response.aggregations as
    { success: { value: number }; failure: { value: number } } | undefined;
  return (
    total === documents &&
    aggs?.success.value === sums.success &&
    aggs.failure.value === sums.failure
  );
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
