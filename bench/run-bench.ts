import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiFigures, startApiReaders } from './figures/api-part';
import { freshnessFigure } from './figures/freshness.figure';
import { inflightFigure } from './figures/inflight.figure';
import { memoryFigure } from './figures/memory.figure';
import { perEventFigure } from './figures/per-event.figure';
import { profileFigure } from './figures/profile.figure';
import { freshnessBasis, hotTaskAndRebuild } from './figures/projector-part';
import { throughputFigure } from './figures/throughput.figure';
import { startApi, type RunningApi } from './lib/api-process';
import { asksForHelp } from '@app/platform';
import { buildApps } from './lib/app-build';
import { BenchOptionsError, parseBenchOptions, USAGE } from './lib/bench-options';
import { cleanupRun } from './lib/cleanup';
import type { BenchContext } from './lib/context';
import { benchElasticsearch, createReadModelIndex } from './lib/elastic';
import { benchKafka, createTopic, produceAll } from './lib/kafka';
import { log } from './lib/log';
import { RunNames } from './lib/run-names';
import { machineInfo, REPO, stackUp, waitForElasticsearch } from './lib/stack';
import { decodeAll, expectedDocuments, generateWorkload } from './lib/workload';
import { apiOnlyReport, markdownReport, projectorOnlyReport } from './report/markdown';
import {
  apiOnlyDocument,
  projectorOnlyDocument,
  resultsDocument,
  type RunFacts,
} from './report/results';

function gitFacts(): RunFacts['git'] {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--', 'apps', 'libs');
  return {
    commit: git('rev-parse', 'HEAD'),
    uncommittedAppAndLibFiles: dirty === '' ? 0 : dirty.split('\n').length,
  };
}

function runFacts(
  runId: string,
  startedAt: Date,
  options: RunFacts['options'],
  machine: RunFacts['machine'],
  tasks: number,
  workload: ReturnType<typeof generateWorkload>,
): RunFacts {
  return {
    runId,
    startedAt,
    finishedAt: new Date(),
    options,
    machine,
    git: gitFacts(),
    workload: {
      tasks,
      events: workload.messages.length,
      duplicates: workload.duplicates,
      domains: workload.domains.length,
      byType: workload.byType,
    },
  };
}

/** The results file (bench/results/<run>.json, git-ignored) and the markdown report on stdout. */
function writeResults(runId: string, document: Record<string, unknown>, report: string): void {
  const file = join(REPO, 'bench/results', `${runId}.json`);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`${report}\n\nresults: ${file}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (asksForHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parseBenchOptions(argv);
  const names = new RunNames();
  const startedAt = new Date();
  log(`run ${names.runId}${options.quick ? ' (quick)' : ''}: starting the stack`);
  await stackUp();
  await waitForElasticsearch();
  const machine = await machineInfo();
  const workDir = join(REPO, 'bench/.build', names.runId);
  mkdirSync(workDir, { recursive: true });
  log('building the apps');
  const build = await buildApps(names.runId);
  const ctx: BenchContext = {
    options,
    names,
    build,
    es: benchElasticsearch(),
    kafka: benchKafka(names.prefix),
    workDir,
  };
  const apis: RunningApi[] = [];
  const interrupted = (): void => {
    log('interrupted: cleaning up');
    void Promise.all(apis.map((a) => a.child.stop()))
      .then(() => (options.keep ? undefined : cleanupRun(ctx.es, ctx.kafka, names.prefix, workDir)))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const workload = generateWorkload(options.tasks, options.events, options.seed);
    const events = decodeAll(workload.messages);
    const expected = expectedDocuments(events);
    if (options.apiOnly) {
      const f = await apiFigures(ctx, expected, await startApiReaders(ctx, expected, apis));
      const facts = runFacts(names.runId, startedAt, options, machine, expected.size, workload);
      writeResults(names.runId, apiOnlyDocument(facts, f), apiOnlyReport(facts, f));
      return;
    }
    const total = workload.messages.length;
    const topic = names.name('events');
    await createTopic(ctx.kafka, topic, options.partitions);
    const produceMs = await produceAll(ctx.kafka, topic, workload.messages);
    log(
      `topic ${topic}: ${total} events over ${expected.size} tasks, produced in ${Math.round(produceMs)} ms`,
    );

    const throughput = await throughputFigure(ctx, topic, expected, total);
    const inflight = await inflightFigure(ctx, workload.messages, expected);
    const extras = await hotTaskAndRebuild(ctx, workload.messages, expected, throughput, inflight);
    const basis = freshnessBasis(throughput, inflight, options.freshInflight);
    const profile = options.profile ? await profileFigure(ctx, topic, expected, total) : null;
    if (options.projectorOnly) {
      // Figure 3 still reads through the API, here on an index of its own (figure 4's large one is not built).
      const freshAlias = names.name('fresh-api');
      await createReadModelIndex(ctx.es, freshAlias);
      const readers = await Promise.all(
        [false, true].map((cache) =>
          startApi(build, {
            alias: freshAlias,
            redisPrefix: names.redisPrefix,
            cache,
            name: cache ? 'api-cached' : 'api-uncached',
          }),
        ),
      );
      apis.push(...readers);
      const [uncachedReader, cachedReader] = readers as [RunningApi, RunningApi];
      const freshness = await freshnessFigure(ctx, {
        alias: freshAlias,
        domains: workload.domains,
        ...basis,
        cached: cachedReader,
        uncached: uncachedReader,
      });
      const memory = await memoryFigure(ctx, workload.messages, events);
      const facts = runFacts(names.runId, startedAt, options, machine, expected.size, workload);
      const projectorFigures = { throughput, inflight, memory, freshness, profile, ...extras };
      writeResults(
        names.runId,
        projectorOnlyDocument(facts, projectorFigures),
        projectorOnlyReport(facts, projectorFigures),
      );
      return;
    }
    const perEvent = await perEventFigure(ctx, topic, total);
    const memory = await memoryFigure(ctx, workload.messages, events);

    const readers = await startApiReaders(ctx, expected, apis);
    const freshness = await freshnessFigure(ctx, {
      alias: readers.alias,
      domains: workload.domains,
      ...basis,
      cached: readers.cached,
      uncached: readers.uncached,
    });
    log(
      `freshness: API p50 ${Math.round(freshness.api.all.p50)} ms, p99 ${Math.round(freshness.api.all.p99)} ms`,
    );
    const apiPart = await apiFigures(ctx, expected, readers);

    const facts = runFacts(names.runId, startedAt, options, machine, expected.size, workload);
    const figures = {
      throughput,
      inflight,
      perEvent,
      freshness,
      ...apiPart,
      memory,
      profile,
      ...extras,
    };
    writeResults(names.runId, resultsDocument(facts, figures), markdownReport(facts, figures));
  } finally {
    for (const api of apis) await api.child.stop();
    if (options.keep)
      log(
        `--keep: topics, indices and keys named ${names.prefix}* and ${workDir} are left in place`,
      );
    else {
      log('cleaning up');
      await cleanupRun(ctx.es, ctx.kafka, names.prefix, workDir);
    }
    await ctx.es.close();
    log('done');
  }
}

main().catch((error: unknown) => {
  if (error instanceof BenchOptionsError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
