/** Command-line options of `npm run bench -- …`. Defaults fit ~20 minutes on the 2-core dev box. */

export interface BenchOptions {
  quick: boolean;
  /** Tasks the simulator generates for the pre-filled topic (figures 1, 2, 5). */
  tasks: number;
  /** At least this many events: more tasks are generated when the stream falls short (0 = no floor). */
  events: number;
  seed: number;
  partitions: number;
  /** Repetitions of every timed measurement (projector, ceilings, baseline, API rounds). */
  reps: number;
  /** Events the per-event baseline handles per repetition (a prefix of the topic; 0 = the whole topic). */
  perEventEvents: number;
  /** Concurrent partitions of the per-event baseline's eachMessage (NestJS's default would be 1). */
  perEventConcurrency: number;
  maxBatchEvents: number;
  /** PROJECTOR_MAX_BATCH_EVENTS values of the memory sweep. */
  batchSweep: number[];
  /** In-flight task counts of the memory sweep (events of that many tasks interleaved round-robin). */
  inflightSweep: number[];
  /** Figure 1 is repeated at these in-flight levels (the natural stream is the first level). */
  inflightLevels: number[];
  /** Only the projector's figures (1 at every level, hot task, rebuild, 3, 5): no per-event baseline, no figure 4. */
  projectorOnly: boolean;
  /** Figure 4 alone: no topic, no projector, no freshness. */
  apiOnly: boolean;
  /** Resource events of the hot task, dealt through the natural stream (0 = no hot-task figure). */
  hotEvents: number;
  hotReps: number;
  /** Runs of `projector rebuild` over the topic of the highest in-flight level (0 = no rebuild figure). */
  rebuildReps: number;
  /** Figure 3 runs with this many tasks in flight, at half the rate figure 1 measured at that level. */
  freshInflight: number;
  /** Events in the memory-sweep topics. */
  sweepEvents: number;
  freshSeconds: number;
  freshWindows: number;
  apiDocs: number;
  /** Figure 4 is repeated at each of these index sizes (tasks) in the same run; `apiDocs` is reused. */
  apiSizes: number[];
  apiSeconds: number;
  connections: number;
  profile: boolean;
  keep: boolean;
}

const DEFAULTS: BenchOptions = {
  quick: false,
  tasks: 40_000,
  events: 200_000,
  seed: 7,
  partitions: 3,
  reps: 5,
  perEventEvents: 10_000,
  perEventConcurrency: 3,
  maxBatchEvents: 5_000,
  batchSweep: [500, 2_000, 5_000, 20_000],
  inflightSweep: [1_000, 10_000],
  inflightLevels: [2_000, 10_000],
  projectorOnly: false,
  apiOnly: false,
  hotEvents: 20_000,
  hotReps: 3,
  rebuildReps: 3,
  freshInflight: 2_000,
  sweepEvents: 80_000,
  freshSeconds: 60,
  freshWindows: 3,
  apiDocs: 1_000_000,
  apiSizes: [100_000, 1_000_000],
  apiSeconds: 6,
  connections: 8,
  profile: true,
  keep: false,
};

const QUICK: Partial<BenchOptions> = {
  tasks: 4_000,
  events: 0,
  reps: 2,
  perEventEvents: 4_000,
  batchSweep: [1_000, 5_000],
  inflightSweep: [2_000],
  inflightLevels: [2_000],
  hotEvents: 5_000,
  hotReps: 1,
  rebuildReps: 1,
  sweepEvents: 20_000,
  freshSeconds: 16,
  freshWindows: 2,
  apiDocs: 100_000,
  apiSizes: [20_000, 100_000],
  apiSeconds: 2,
  profile: false,
};

type Kind = 'int' | 'list' | 'flag';
const FLAGS: Record<string, [keyof BenchOptions, Kind]> = {
  '--quick': ['quick', 'flag'],
  '--tasks': ['tasks', 'int'],
  '--events': ['events', 'int'],
  '--seed': ['seed', 'int'],
  '--partitions': ['partitions', 'int'],
  '--reps': ['reps', 'int'],
  '--per-event-events': ['perEventEvents', 'int'],
  '--per-event-concurrency': ['perEventConcurrency', 'int'],
  '--max-batch-events': ['maxBatchEvents', 'int'],
  '--batch-sweep': ['batchSweep', 'list'],
  '--inflight-sweep': ['inflightSweep', 'list'],
  '--inflight-levels': ['inflightLevels', 'list'],
  '--projector-only': ['projectorOnly', 'flag'],
  '--api-only': ['apiOnly', 'flag'],
  '--hot-events': ['hotEvents', 'int'],
  '--hot-reps': ['hotReps', 'int'],
  '--rebuild-reps': ['rebuildReps', 'int'],
  '--fresh-inflight': ['freshInflight', 'int'],
  '--sweep-events': ['sweepEvents', 'int'],
  '--fresh-seconds': ['freshSeconds', 'int'],
  '--fresh-windows': ['freshWindows', 'int'],
  '--api-docs': ['apiDocs', 'int'],
  '--api-sizes': ['apiSizes', 'list'],
  '--api-seconds': ['apiSeconds', 'int'],
  '--connections': ['connections', 'int'],
  '--profile': ['profile', 'flag'],
  '--no-profile': ['profile', 'flag'],
  '--keep': ['keep', 'flag'],
};

/** A command line the bench cannot run: its message ends with the usage, and no stack trace is worth printing. */
export class BenchOptionsError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${USAGE}`);
    this.name = 'BenchOptionsError';
  }
}

export const USAGE = `usage: npm run bench -- [--quick] ${Object.keys(FLAGS)
  .filter((f) => f !== '--quick')
  .map((f) =>
    FLAGS[f]?.[1] === 'flag' ? `[${f}]` : `[${f} N${FLAGS[f]?.[1] === 'list' ? ',N…' : ''}]`,
  )
  .join(' ')}`;

function parseCount(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(n) || n < 0)
    throw new BenchOptionsError(`${flag} needs a non-negative integer`);
  return n;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const given = new Map<keyof BenchOptions, BenchOptions[keyof BenchOptions]>();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    const spec = FLAGS[flag];
    if (spec === undefined) throw new BenchOptionsError(`unknown option "${flag}"`);
    const [name, kind] = spec;
    if (kind === 'flag') given.set(name, flag !== '--no-profile');
    else if (kind === 'int') given.set(name, parseCount(flag, argv[(i += 1)]));
    else
      given.set(
        name,
        (argv[(i += 1)] ?? '').split(',').map((part) => parseCount(flag, part.trim())),
      );
  }
  if (given.get('apiOnly') === true && given.get('projectorOnly') === true)
    throw new BenchOptionsError('--api-only and --projector-only exclude each other');
  const quick = given.get('quick') === true;
  return { ...DEFAULTS, ...(quick ? QUICK : {}), ...Object.fromEntries(given) };
}
