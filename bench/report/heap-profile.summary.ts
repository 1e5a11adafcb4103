/*
 * Prints the bytes a sampling heap profile (bench/workers/heap-profile-hook.ts) allocated per event, by package and
 * by function (allocationSummary in libs/testing). Used by bench/thread-split.sh.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/report/heap-profile.summary.ts \
 *     FILE.heapprofile EVENTS [top]
 */
import { allocationSummary } from '@app/testing';
import { readFileSync } from 'node:fs';
import type { HeapProfiler } from 'node:inspector';

const [file, eventsArg, topArg] = process.argv.slice(2);
if (file === undefined || eventsArg === undefined)
  throw new Error('usage: heap-profile.summary.ts FILE.heapprofile EVENTS [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as HeapProfiler.SamplingHeapProfile;
process.stdout.write(allocationSummary(profile, Number(eventsArg), Number(topArg ?? 12)));
