import type { HeapProfiler } from 'node:inspector';

type SampledNode = HeapProfiler.SamplingHeapProfileNode;

/** The package a script belongs to; null for V8's native functions and Node's own modules (charged to the caller). */
function packageOf(url: string): string | null {
  if (url === '' || url.startsWith('node:')) return null;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1] !== undefined) return dependency[1];
  const own = /\/((?:apps|libs|bench)\/[^/]+)\//.exec(url);
  return own?.[1] ?? url;
}

/**
 * The bytes a sampling heap profile (taken with the samples of collected objects kept) allocated per event: by
 * package (our apps and libs, each dependency) and by function, as printable lines. A native function (a Map, a
 * sort) and Node's own modules (a Buffer slice) are counted under the package that called them. A function V8
 * inlined into its caller is counted under the caller.
 */
export function allocationSummary(
  profile: HeapProfiler.SamplingHeapProfile,
  events: number,
  topFunctions: number,
): string {
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, bytes: number): void => {
    map.set(key, (map.get(key) ?? 0) + bytes);
  };
  const visit = (node: SampledNode, caller: string): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = packageOf(url) ?? caller;
    const where =
      url === ''
        ? `native, from ${owner}`
        : `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    add(byPackage, owner, node.selfSize);
    add(byFunction, `${functionName || '(anonymous)'} (${where})`, node.selfSize);
    for (const child of node.children) visit(child, owner);
  };
  visit(profile.head, '(root)');

  const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
  const perEvent = (bytes: number): string => String(Math.round(bytes / events)).padStart(6);
  const ranked = (map: Map<string, number>, n: number): string[] =>
    [...map]
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, bytes]) => `${perEvent(bytes)} B  ${name}`);
  return [
    `allocated: ${Math.round(total / events)} B per event (${events} events)`,
    'by package:',
    ...ranked(byPackage, 8),
    'by function:',
    ...ranked(byFunction, topFunctions),
    '',
  ].join('\n');
}
