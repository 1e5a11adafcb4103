/**
 * How fast one partition is read while it has a backlog, in messages per millisecond (a moving average). The time
 * between two batches counts only when the first left messages unread: then the second was there to fetch, and
 * the gap is reading, not waiting for a producer.
 */
export class ReadRate {
  private perMs: number | null = null;
  private previous: { atMs: number; unread: number } | null = null;

  /** `weight` is the share of each new sample in the average. */
  constructor(private readonly weight = 0.3) {}

  /** A batch of `messages` was taken at `nowMs`, leaving `unread` messages behind it. */
  observe(messages: number, unread: number, nowMs: number): void {
    const previous = this.previous;
    this.previous = { atMs: nowMs, unread };
    if (previous === null || previous.unread <= 0) return;
    const elapsedMs = nowMs - previous.atMs;
    if (elapsedMs <= 0) return;
    const sample = messages / elapsedMs;
    this.perMs = this.perMs === null ? sample : this.perMs + this.weight * (sample - this.perMs);
  }

  /** Milliseconds to read `unread` messages at the recent rate; undefined until a rate is known. */
  msToRead(unread: number): number | undefined {
    if (this.perMs === null || this.perMs <= 0) return undefined;
    return Math.max(0, unread) / this.perMs;
  }
}
