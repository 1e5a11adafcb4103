/*
 * Sorts the few items of one document without Array.prototype.sort's own allocations: V8 allocates a sort state and
 * a copy of the array on every call, and with three or four sorts per written document that was a tenth of the
 * projector's hot-path allocation (docs/performance.md, "Run W"). Past a few items the native sort is the better one
 * (a task with thousands of resource events must not sort in quadratic time).
 */
const INSERTION_SORT_LIMIT = 16;

/** Sorts `items` in place, stably, and returns it. */
export function sortSmallArray<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_SORT_LIMIT) return items.sort(compare);
  for (let i = 1; i < items.length; i += 1) {
    const item = items[i] as T;
    let j = i - 1;
    for (; j >= 0 && compare(items[j] as T, item) > 0; j -= 1) items[j + 1] = items[j] as T;
    items[j + 1] = item;
  }
  return items;
}
