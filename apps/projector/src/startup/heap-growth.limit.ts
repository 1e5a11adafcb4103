import { setFlagsFromString } from 'node:v8';

/**
 * The V8 flag that fixes the old generation's growing factor at 1 + percent/100, or null to leave V8's own
 * heuristic (percent 0). Why the projector sets it: docs/projector.md, "Memory".
 */
export function heapGrowingFlag(percent: number): string | null {
  if (!Number.isInteger(percent) || percent < 0)
    throw new RangeError(`heap growing percent must be a non-negative integer, got ${percent}`);
  return percent === 0 ? null : `--heap-growing-percent=${percent}`;
}

/**
 * Applied at start-up, before the app allocates. V8 reads this flag each time it sizes the heap after a full
 * collection, so setting it at run time takes effect from the next one (measured: docs/performance.md).
 */
export function limitHeapGrowth(
  percent: number,
  setFlags: (flags: string) => void = setFlagsFromString,
): void {
  const flag = heapGrowingFlag(percent);
  if (flag !== null) setFlags(flag);
}
