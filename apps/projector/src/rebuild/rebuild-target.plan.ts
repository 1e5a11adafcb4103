import {
  indexVersionOf,
  nextIndexVersion,
  versionedIndexName,
  type ReadModelIndex,
} from '../elasticsearch/index-version.naming';

export interface RebuildTarget {
  /** The index this rebuild creates. */
  index: string;
  /** Newer than the live index and never swapped in: another rebuild's, running or killed. */
  unswapped: string[];
  /**
   * Every index newer than the live one, swapped in or not. One swapped in since `live` was read belongs to a
   * rebuild that may still be catching up; one a rollback left behind has no rebuild consuming into it.
   */
  newer: string[];
}

/**
 * Chooses the rebuild's index from one listing, so two rebuilds that start together either see each other's index
 * or compute the same name (and the second create fails). An index newer than the live one that was swapped in and
 * then rolled back has its normal refresh interval again, so it does not stop a new rebuild.
 */
export function planRebuildTarget(
  alias: string,
  live: string | null,
  existing: readonly ReadModelIndex[],
): RebuildTarget {
  const liveVersion = live === null ? 0 : (indexVersionOf(alias, live) ?? 0);
  const newerIndices = existing
    .filter((index) => index.name !== live)
    .filter((index) => (indexVersionOf(alias, index.name) ?? 0) > liveVersion);
  const unswapped = newerIndices
    .filter((index) => index.bulkLoading)
    .map((index) => index.name)
    .sort();
  const newer = newerIndices.map((index) => index.name).sort();
  const next = nextIndexVersion(
    alias,
    existing.map((index) => index.name),
  );
  return { index: versionedIndexName(alias, next), unswapped, newer };
}

/** The consumer group a rebuild into `index` reads with; its members show the rebuild is running. */
export function rebuildGroupId(liveGroupId: string, index: string): string {
  return `${liveGroupId}.rebuild.${index}`;
}
