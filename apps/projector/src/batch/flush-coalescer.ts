import type { SourceMessage } from '../core/projection.types';
import type { FlushResult } from './batch-projector.service';

interface Submission {
  messages: readonly SourceMessage[];
  resolve: (result: FlushResult) => void;
  reject: (error: unknown) => void;
}

/**
 * kafkajs hands each partition's batch of one fetch to its own eachBatch call. Submissions that arrive within a
 * few milliseconds of each other share one flush (one mget + one bulk) as long as they fit in `maxMessages`.
 * Flushes run one at a time: the same task may appear in two of them (re-keyed topics), and a serial store keeps
 * version conflicts rare; Elasticsearch on a small box gains nothing from parallel bulks of this size.
 */
export class FlushCoalescer {
  private pending: Submission[] = [];
  private pendingCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly flush: (messages: SourceMessage[]) => Promise<FlushResult>,
    private readonly maxMessages: number,
    private readonly lingerMs: number,
  ) {}

  submit(messages: readonly SourceMessage[]): Promise<FlushResult> {
    if (this.pendingCount > 0 && this.pendingCount + messages.length > this.maxMessages)
      this.dispatch();
    const result = new Promise<FlushResult>((resolve, reject) => {
      this.pending.push({ messages, resolve, reject });
    });
    this.pendingCount += messages.length;
    if (this.pendingCount >= this.maxMessages) this.dispatch();
    else this.timer ??= setTimeout(() => this.dispatch(), this.lingerMs);
    return result;
  }

  private dispatch(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const group = this.pending;
    this.pending = [];
    this.pendingCount = 0;
    if (group.length === 0) return;
    this.tail = this.tail.then(() => this.run(group));
  }

  private async run(group: Submission[]): Promise<void> {
    try {
      const result = await this.flush(group.flatMap((s) => s.messages));
      group.forEach((s) => s.resolve(result));
    } catch (error) {
      group.forEach((s) => s.reject(error));
    }
  }
}
