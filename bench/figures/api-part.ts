import type { JobTaskDocument } from '@app/domain';
import { join } from 'node:path';
import { startApi, type RunningApi } from '../lib/api-process';
import type { BenchContext } from '../lib/context';
import { log } from '../lib/log';
import { peakRssMb } from '../lib/proc';
import { buildApiIndex, type ApiIndex } from './api-index';
import { apiLatencyFigure, type ApiLatencyFigure } from './api-latency.figure';
import { benchQueries } from './api-queries';
import { apiSizesFigure, type ApiSizeFigure } from './api-sizes.figure';

const DAY_MS = 86_400_000;

/** Figure 4: the large index, the query mix on it, the mix at every `--api-sizes` size, and the APIs' peak RSS. */
export interface ApiFigures {
  apiIndex: ApiIndex;
  api: ApiLatencyFigure;
  /** Figure 4 at every `--api-sizes` size (the main one included). */
  apiBySize: ApiSizeFigure[];
  apiPeakRssMb: { uncached: number | null; cached: number | null };
}

/** Figure 4's large index and the two API instances that read it: as deployed (cache on) and with the cache off. */
export interface ApiReaders {
  alias: string;
  index: ApiIndex;
  uncached: RunningApi;
  cached: RunningApi;
}

/** Builds the index and starts both APIs; each started API is pushed to `started`, so the caller can stop it. */
export async function startApiReaders(
  ctx: BenchContext,
  expected: ReadonlyMap<string, JobTaskDocument>,
  started: RunningApi[],
): Promise<ApiReaders> {
  const { options, names } = ctx;
  const alias = names.name('api');
  log(`building the API index (${options.apiDocs} documents)`);
  const index = await buildApiIndex(ctx.es, alias, [...expected.values()], options.apiDocs);
  log(
    `API index: ${index.documents} documents, ${Math.round(index.storeMb)} MiB, loaded in ${Math.round(index.loadMs / 1000)} s`,
  );
  const uncached = await startApi(ctx.build, {
    alias,
    redisPrefix: names.redisPrefix,
    cache: false,
    name: 'api-uncached',
    ...(options.profile && { profileBase: join(ctx.workDir, 'api') }),
  });
  started.push(uncached);
  const cached = await startApi(ctx.build, {
    alias,
    redisPrefix: names.redisPrefix,
    cache: true,
    name: 'api-cached',
  });
  started.push(cached);
  return { alias, index, uncached, cached };
}

/** Figure 4: the query mix at every index size, API against the same request sent directly, and the APIs' RSS. */
export async function apiFigures(
  ctx: BenchContext,
  expected: ReadonlyMap<string, JobTaskDocument>,
  readers: ApiReaders,
): Promise<ApiFigures> {
  const documents = [...expected.values()];
  const firstCreated = Math.min(...documents.map((d) => Date.parse(d.created_at ?? '9999-01-01')));
  const firstDay = Math.floor(firstCreated / DAY_MS) * DAY_MS;
  const busiest = busiestDomain(documents.map((d) => d.domain_id));
  const queries = benchQueries(busiest, firstDay, readers.index.copies);
  const api = await apiLatencyFigure(ctx, readers.alias, queries, readers.uncached, readers.cached);
  const apiBySize = await apiSizesFigure(
    ctx,
    documents,
    { tasks: ctx.options.apiDocs, index: readers.index, figure: api },
    (index) => benchQueries(busiest, firstDay, index.copies),
  );
  return {
    apiIndex: readers.index,
    api,
    apiBySize,
    apiPeakRssMb: {
      uncached: peakRssMb(readers.uncached.child.pid),
      cached: peakRssMb(readers.cached.child.pid),
    },
  };
}

function busiestDomain(domains: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const d of domains) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
