/*
 * The projector's own CPU per document written through `_bulk`, as the repository sends it (the NDJSON prebuilt into
 * one buffer) against the client's list of operations (concatenated, measured and encoded by the client), on the
 * real Elasticsearch. The two are alternated request by request over the same folded documents; process CPU time
 * (user + system) counts this process only, not Elasticsearch's indexing.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/bulk-request.measure.ts [rounds] [docs]
 */
import { loadProjectorConfig } from '@app/config';
import {
  createElasticsearchClient,
  JOB_TASKS_MAPPINGS,
  jobTasksIndexSettings,
} from '@app/platform';
import type { Client, estypes } from '@elastic/elasticsearch';
import { decodeBatch } from '../src/batch/message-batch.plan';
import { planTaskWrite } from '../src/batch/task-write.plan';
import { WriteWindow } from '../src/batch/write-window';
import type { PlannedWrite, WriteTarget } from '../src/core/projection.types';
import { bulkAction } from '../src/elasticsearch/bulk-request.body';
import {
  BULK_RESPONSE_FILTER,
  JobTasksRepository,
} from '../src/elasticsearch/job-tasks.repository';
import { simulatedMessages } from './support/simulated-messages';

const rounds = Number(process.argv[2] ?? 30);
const docsPerRequest = Number(process.argv[3] ?? 5_000);

/** Every task's final document, folded from the simulator's stream as the projector would write it. */
function finalWrites(): PlannedWrite[] {
  const messages = simulatedMessages(Math.ceil(docsPerRequest * 1.2), 7, 'm');
  const window = new WriteWindow();
  window.add(messages, decodeBatch(messages, 1_048_576), 0, 0);
  const writes: PlannedWrite[] = [];
  for (const group of window.groups.values()) {
    const plan = planTaskWrite(group, group.pieces, null);
    if (plan.kind === 'write') writes.push(plan.write);
  }
  return writes.slice(0, docsPerRequest);
}

/** What the repository sent before: the client's own `bulk`, given the operations as a list. */
async function listBulk(es: Client, writes: readonly PlannedWrite[], target: WriteTarget) {
  const operations: NonNullable<estypes.BulkRequest['operations']> = [];
  for (const write of writes) operations.push(bulkAction(write, target), write.json);
  return es.bulk({ operations, filter_path: BULK_RESPONSE_FILTER });
}

type Kind = 'buffer' | 'list';
type Split = 'user' | 'system';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  // writeBulk sends what it is given as one request; the request limits only bound the pipeline that splits windows.
  const config = loadProjectorConfig(process.env);
  const es = createElasticsearchClient({ ...config.elasticsearch, requestTimeoutMs: 120_000 });
  const repository = new JobTasksRepository(es, config);
  const index = `measure-bulk-${process.pid}`;
  const target = { name: index, isAlias: false };
  const createIndex = () =>
    es.indices.create({
      index,
      mappings: JOB_TASKS_MAPPINGS,
      settings: jobTasksIndexSettings({ shards: 1, replicas: 0 }),
      wait_for_active_shards: 1,
    });
  await createIndex();
  try {
    const writes = finalWrites();
    const bytes = writes.reduce((sum, w) => sum + Buffer.byteLength(w.json), 0);
    const sent: Record<Kind, () => Promise<void>> = {
      buffer: async () => {
        const outcomes = await repository.writeBulk(target, writes);
        const failed = outcomes.find((o) => o.kind !== 'written');
        if (failed) throw new Error(`buffer: ${JSON.stringify(failed)}`);
      },
      list: async () => {
        const response = await listBulk(es, writes, target);
        if (response.errors) throw new Error('list: an item failed');
      },
    };
    const cpu: Record<Kind, Record<Split, number[]>> = {
      buffer: { user: [], system: [] },
      list: { user: [], system: [] },
    };
    for (let round = -2; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (['buffer', 'list'] as const) : (['list', 'buffer'] as const);
      for (const kind of order) {
        // Each request creates its documents in an empty index, so Elasticsearch's work is the same for both.
        await es.indices.delete({ index });
        await createIndex();
        const before = process.cpuUsage();
        await sent[kind]();
        const used = process.cpuUsage(before);
        if (round < 0) continue;
        cpu[kind].user.push(used.user);
        cpu[kind].system.push(used.system);
      }
    }
    // System time includes the loopback's delivery to Elasticsearch, which the kernel may charge to the sender.
    const perDoc = (kind: Kind, split: Split) =>
      +(median(cpu[kind][split]) / writes.length).toFixed(2);
    process.stdout.write(
      `${JSON.stringify({
        rounds,
        docs_per_request: writes.length,
        body_bytes_per_doc: Math.round(bytes / writes.length),
        user_us_per_doc: { buffer: perDoc('buffer', 'user'), list: perDoc('list', 'user') },
        system_us_per_doc: { buffer: perDoc('buffer', 'system'), list: perDoc('list', 'system') },
        user_buffer_to_list: +(perDoc('buffer', 'user') / perDoc('list', 'user')).toFixed(3),
      })}\n`,
    );
  } finally {
    await es.indices.delete({ index });
    await es.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
