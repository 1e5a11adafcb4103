import type { JobTaskDocument } from '@app/domain';
import { startApi, type RunningApi } from '../lib/api-process';
import type { BenchContext } from '../lib/context';
import { log } from '../lib/log';
import { buildApiIndex, type ApiIndex } from './api-index';
import { apiLatencyFigure, type ApiLatencyFigure } from './api-latency.figure';
import type { BenchQuery } from './api-queries';

/** Figure 4 at one index size (`--api-sizes`): the requested task count, the index built, the figure. */
export interface ApiSizeFigure {
  tasks: number;
  index: ApiIndex;
  figure: ApiLatencyFigure;
}

/**
 * Figure 4 at every size of `--api-sizes`, in the same run. The main index is reused for its own size;
 * every other size gets its own index and its own pair of APIs (no profiler: the main run profiles),
 * stopped before the next size so only one pair competes with Elasticsearch at a time.
 */
export async function apiSizesFigure(
  ctx: BenchContext,
  source: readonly JobTaskDocument[],
  /** The run's main figure 4: the `--api-docs` index, measured through the freshness figure's APIs. */
  main: ApiSizeFigure,
  queriesFor: (index: ApiIndex) => BenchQuery[],
): Promise<ApiSizeFigure[]> {
  const figures: ApiSizeFigure[] = [];
  for (const tasks of ctx.options.apiSizes) {
    if (tasks === main.tasks) {
      figures.push(main);
      continue;
    }
    const alias = ctx.names.name(`api-${tasks}`);
    log(`figure 4 at ${tasks} tasks: building the API index`);
    const index = await buildApiIndex(ctx.es, alias, source, tasks);
    const apis: RunningApi[] = [];
    try {
      const start = (cache: boolean): Promise<RunningApi> =>
        startApi(ctx.build, {
          alias,
          redisPrefix: `${ctx.names.redisPrefix}${tasks}:`,
          cache,
          name: `api-${cache ? 'cached' : 'uncached'}-${tasks}`,
        });
      const uncached = await start(false);
      apis.push(uncached);
      const cached = await start(true);
      apis.push(cached);
      const figure = await apiLatencyFigure(ctx, alias, queriesFor(index), uncached, cached);
      figures.push({ tasks, index, figure });
    } finally {
      for (const api of apis) await api.child.stop();
    }
  }
  return figures;
}
