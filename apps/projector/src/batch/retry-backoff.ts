/** First retry delay after a transient failure; doubled per attempt up to the configured cap. */
export const RETRY_BASE_MS = 200;

/**
 * "Equal jitter": half the exponential delay is fixed, half random. Unlike full jitter it never retries at once,
 * which matters when every partition of a projector fails together (Elasticsearch down) — a zero delay would turn
 * into a tight loop of fetch → fail → fetch.
 */
export function backoffDelay(
  attempt: number,
  maxMs: number,
  random: () => number = Math.random,
  baseMs: number = RETRY_BASE_MS,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Per-partition consecutive failure counts: a success resets, a failure grows the next delay. */
export class PartitionBackoff {
  private readonly attempts = new Map<number, number>();

  constructor(
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Records a failure and returns how long to keep the partition paused. */
  failed(partition: number): number {
    const attempt = this.attempts.get(partition) ?? 0;
    this.attempts.set(partition, attempt + 1);
    return backoffDelay(attempt, this.maxMs, this.random);
  }

  succeeded(partition: number): void {
    this.attempts.delete(partition);
  }

  attemptsOf(partition: number): number {
    return this.attempts.get(partition) ?? 0;
  }
}
