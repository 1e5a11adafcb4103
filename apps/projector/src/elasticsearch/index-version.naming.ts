/*
 * Concrete indices are `<alias>-v<N>`. A deterministic first name (v1) is what lets racing starters converge on one
 * index without coordination; a rebuild takes the next free number.
 */

/** One `<alias>-v<N>` index as a rebuild sees it before it starts. */
export interface ReadModelIndex {
  name: string;
  /** `refresh_interval: -1`: a rebuild is loading it, or was killed while it did (it restores the interval before its swap). */
  bulkLoading: boolean;
}

export function versionedIndexName(alias: string, version: number): string {
  return `${alias}-v${version}`;
}

export function indexVersionOf(alias: string, index: string): number | null {
  const prefix = `${alias}-v`;
  if (!index.startsWith(prefix)) return null;
  const digits = index.slice(prefix.length);
  return /^[1-9][0-9]{0,8}$/.test(digits) ? Number(digits) : null;
}

export function nextIndexVersion(alias: string, existing: readonly string[]): number {
  const versions = existing.map((name) => indexVersionOf(alias, name) ?? 0);
  return Math.max(0, ...versions) + 1;
}

/** Every name the projector writes to: the alias itself and its versions (see JobTasksIndexManager.ensureNoAutoCreate). */
export function readModelIndexPatterns(alias: string): string[] {
  return [alias, `${alias}-v*`];
}

export function noAutoCreateTemplateName(alias: string): string {
  return `${alias}-no-auto-create`;
}
