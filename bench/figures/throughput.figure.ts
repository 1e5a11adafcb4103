import type { JobTaskDocument } from '@app/domain';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWorker } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { createReadModelIndex, fingerprintOf, verified } from '../lib/elastic';
import { log } from '../lib/log';
import type { CpuSplit } from '../lib/proc';
import { repeat } from '../lib/repeat';
import { ES_URL, KAFKA_BROKERS, stackPids } from '../lib/stack';
import { spread, type Spread } from '../lib/stats';
import { projectorRep, type ProjectorRep } from './projector-rep';

interface WorkerTiming {
  ms: number;
  acknowledgedMs?: number;
  count: number;
  cpu: CpuSplit | null;
}

export interface CeilingRep {
  ms: number;
  /** Elasticsearch ceiling only: until the last bulk was acknowledged (the rest is waiting for a refresh). */
  acknowledgedMs?: number;
  /** Measured by the worker over its active window; `worker` is the worker process itself. */
  cpu: CpuSplit | null;
}

export interface ThroughputFigure {
  events: number;
  tasks: number;
  maxBatchEvents: number;
  projector: { ms: Spread; eventsPerS: Spread; reps: ProjectorRep[] };
  esCeiling: { ms: Spread; reps: CeilingRep[] };
  /** The same documents in bulks of the size the projector actually sent (documents per bulk, median). */
  esCeilingAtProjectorBulk: { ms: Spread; docsPerBulk: number; reps: CeilingRep[] };
  kafkaCeiling: { ms: Spread; reps: CeilingRep[] };
  /** max(ceilings' median time) / projector median time. */
  efficiency: number;
  bindingCeiling: 'elasticsearch' | 'kafka';
  allVerified: boolean;
  discarded: string[];
}

async function ceilingRep(
  script: string,
  input: Record<string, unknown>,
  timeoutMs: number,
): Promise<CeilingRep> {
  const pids = await stackPids();
  const { result } = await runWorker<WorkerTiming>(script, { ...input, pids }, timeoutMs);
  return { ms: result.ms, acknowledgedMs: result.acknowledgedMs, cpu: result.cpu };
}

export async function throughputFigure(
  ctx: BenchContext,
  topic: string,
  expected: ReadonlyMap<string, JobTaskDocument>,
  events: number,
): Promise<ThroughputFigure> {
  const { options, names } = ctx;
  const documentsFile = join(ctx.workDir, 'expected.ndjson');
  writeFileSync(documentsFile, [...expected].map((entry) => JSON.stringify(entry)).join('\n'));
  const fingerprint = fingerprintOf(expected.values());
  const timeoutMs = Math.max(180_000, events * 5);

  // Interleaved (projector, ES, Kafka) per repetition, so drift on the shared box hits all three alike.
  const projector: ProjectorRep[] = [];
  const esReps: CeilingRep[] = [];
  const kafkaReps: CeilingRep[] = [];
  const atProjectorBulk: (CeilingRep & { docsPerBulk: number })[] = [];
  const discarded: string[] = [];
  for (let rep = 0; rep < options.reps; rep += 1) {
    const p = await repeat(`projector run ${rep + 1}`, 1, (n) =>
      projectorRep(ctx, {
        topic,
        total: events,
        expected,
        fingerprint,
        maxBatchEvents: options.maxBatchEvents,
        tag: `p${rep}-${n}`,
        verify: true,
      }),
    );
    const last = p.results[0];
    if (last)
      log(
        `projector run ${rep + 1}: ${Math.round(last.eventsPerS)} events/s, verified=${last.verification ? verified(last.verification) : '-'}; windows by reason ${JSON.stringify(last.flushReasons)}`,
      );
    const esAt = (label: string, batch: number) =>
      repeat(`${label} ${rep + 1}`, 1, async (n) => {
        const alias = names.name(`es-${batch}-${rep}-${n}`);
        await createReadModelIndex(ctx.es, alias);
        try {
          const input = { url: ES_URL, alias, documentsFile, batch, timeoutMs };
          return await ceilingRep('es-bulk-load.ts', input, timeoutMs);
        } finally {
          await ctx.es.indices.delete({ index: `${alias}-v1` }, { ignore: [404] });
        }
      });
    const e = await esAt('ES ceiling', options.maxBatchEvents);
    // The projector's bulks carry one document per task of a flush, far fewer than maxBatchEvents.
    const observed = last
      ? Math.max(1, Math.round(last.activity.indexOps / last.counters.bulks))
      : 1;
    const eSmall = await esAt('ES ceiling at the projector bulk size', observed);
    atProjectorBulk.push(...eSmall.results.map((r) => ({ ...r, docsPerBulk: observed })));
    const k = await repeat(`Kafka ceiling ${rep + 1}`, 1, (n) =>
      ceilingRep(
        'kafka-drain.ts',
        {
          brokers: KAFKA_BROKERS,
          topic,
          groupId: names.name(`drain-${rep}-${n}`),
          partitions: options.partitions,
          total: events,
          timeoutMs,
        },
        timeoutMs,
      ),
    );
    projector.push(...p.results);
    esReps.push(...e.results);
    kafkaReps.push(...k.results);
    discarded.push(...p.discarded, ...e.discarded, ...eSmall.discarded, ...k.discarded);
    log(
      `ceilings ${rep + 1}: ES ${Math.round(e.results[0]?.ms ?? NaN)} ms, Kafka ${Math.round(k.results[0]?.ms ?? NaN)} ms`,
    );
  }
  const projectorMs = spread(projector.map((r) => r.ms));
  const esMs = spread(esReps.map((r) => r.ms));
  const kafkaMs = spread(kafkaReps.map((r) => r.ms));
  return {
    events,
    tasks: expected.size,
    maxBatchEvents: options.maxBatchEvents,
    projector: {
      ms: projectorMs,
      eventsPerS: spread(projector.map((r) => r.eventsPerS)),
      reps: projector,
    },
    esCeiling: { ms: esMs, reps: esReps },
    esCeilingAtProjectorBulk: {
      ms: spread(atProjectorBulk.map((r) => r.ms)),
      docsPerBulk: spread(atProjectorBulk.map((r) => r.docsPerBulk)).median,
      reps: atProjectorBulk,
    },
    kafkaCeiling: { ms: kafkaMs, reps: kafkaReps },
    efficiency: Math.max(esMs.median, kafkaMs.median) / projectorMs.median,
    bindingCeiling: esMs.median >= kafkaMs.median ? 'elasticsearch' : 'kafka',
    allVerified: projector.every((r) => r.verification !== null && verified(r.verification)),
    discarded,
  };
}
