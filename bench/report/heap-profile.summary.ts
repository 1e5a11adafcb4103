/*
 * Reads a sampling heap profile (bench/workers/heap-profile-hook.ts) and prints the bytes allocated per event: by
 * package (our apps and libs, each dependency) and by function. A native function (a Map, a sort) and Node's own
 * modules (a Buffer slice) are counted under the package that called them. Used by bench/thread-split.sh.
 *
 *   node -r ts-node/register/transpile-only bench/report/heap-profile.summary.ts FILE.heapprofile EVENTS [top]
 */
import { readFileSync } from 'node:fs';
import type { HeapProfiler } from 'node:inspector';

type SampledNode = HeapProfiler.SamplingHeapProfileNode;

const [file, eventsArg, topArg] = process.argv.slice(2);
if (file === undefined || eventsArg === undefined)
  throw new Error('usage: heap-profile.summary.ts FILE.heapprofile EVENTS [top]');
const events = Number(eventsArg);
const top = Number(topArg ?? 12);

function packageOf(url: string): string | null {
  if (url === '' || url.startsWith('node:')) return null;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1] !== undefined) return dependency[1];
  const own = /\/((?:apps|libs|bench)\/[^/]+)\//.exec(url);
  return own?.[1] ?? url;
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
const add = (map: Map<string, number>, key: string, bytes: number): void => {
  map.set(key, (map.get(key) ?? 0) + bytes);
};
const visit = (node: SampledNode, caller: string): void => {
  const { functionName, url, lineNumber } = node.callFrame;
  const owner = packageOf(url) ?? caller;
  const where = url === '' ? `native, from ${owner}` : `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  add(byPackage, owner, node.selfSize);
  add(byFunction, `${functionName || '(anonymous)'} (${where})`, node.selfSize);
  for (const child of node.children) visit(child, owner);
};
const profile = JSON.parse(readFileSync(file, 'utf8')) as HeapProfiler.SamplingHeapProfile;
visit(profile.head, '(root)');

const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
const perEvent = (bytes: number): string => String(Math.round(bytes / events)).padStart(6);
const ranked = (map: Map<string, number>, n: number): string[] =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, bytes]) => `${perEvent(bytes)} B  ${name}`);
process.stdout.write(
  [
    `allocated: ${Math.round(total / events)} B per event (${events} events, sampled every 8 KiB)`,
    'by package:',
    ...ranked(byPackage, 8),
    'by function:',
    ...ranked(byFunction, top),
    '',
  ].join('\n'),
);
