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
  const unswapped = existing
    .filter((index) => index.name !== live && index.bulkLoading)
    .filter((index) => (indexVersionOf(alias, index.name) ?? 0) > liveVersion)
    .map((index) => index.name)
    .sort();
  const next = nextIndexVersion(
    alias,
    existing.map((index) => index.name),
  );
  return { index: versionedIndexName(alias, next), unswapped };
}

/** The consumer group a rebuild into `index` reads with; its members show the rebuild is running. */
export function rebuildGroupId(liveGroupId: string, index: string): string {
  return `${liveGroupId}.rebuild.${index}`;
}
