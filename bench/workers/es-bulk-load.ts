import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { estypes } from '@elastic/elasticsearch';
import { createElasticsearchClient } from '@app/platform';
import { ActiveWindow, nowMs, reportResult, runWorkerMain, workerInput } from './worker-io';

/**
 * The raw Elasticsearch ceiling: bulk-`create` the final documents once each, through the alias, with the apps'
 * client, `batch` documents per request, one request at a time (like the projector's serial flushes); done when
 * a search sees all of them (the same visibility rule as the projector's figure: the index refreshes every 1 s).
 */
interface Input {
  url: string;
  alias: string;
  documentsFile: string;
  batch: number;
  timeoutMs: number;
  pids: Record<string, number | undefined>;
}

async function main(): Promise<void> {
  const input = workerInput<Input>();
  const es = createElasticsearchClient({
    url: input.url,
    alias: input.alias,
    requestTimeoutMs: 120_000,
  });
  const lines = readFileSync(input.documentsFile, 'utf8').split('\n').filter(Boolean);
  const documents = lines.map((line) => JSON.parse(line) as [string, Record<string, unknown>]);
  const window = new ActiveWindow(input.pids);
  window.begin();
  let failed = 0;
  for (let start = 0; start < documents.length; start += input.batch) {
    const operations: estypes.BulkRequest['operations'] = [];
    for (const [id, document] of documents.slice(start, start + input.batch)) {
      operations.push({ create: { _index: input.alias, _id: id, require_alias: true } }, document);
    }
    const res = await es.bulk({ operations, filter_path: ['errors', 'items.*.status'] });
    if (res.errors) failed += res.items.filter((i) => (i.create?.status ?? 500) >= 300).length;
  }
  const acknowledgedAt = nowMs();
  const until = Date.now() + input.timeoutMs;
  let visible = 0;
  while (Date.now() < until) {
    const res = await es.count({ index: input.alias });
    visible = res.count;
    if (visible >= documents.length) break;
    await sleep(20);
  }
  window.end();
  await es.close();
  if (failed > 0 || visible < documents.length)
    throw new Error(`bulk load: ${failed} failed items, ${visible}/${documents.length} visible`);
  reportResult({
    ms: window.ms,
    acknowledgedMs: acknowledgedAt - (window.first ?? NaN),
    count: documents.length,
    cpu: window.cpu,
  });
}

runWorkerMain(main);
