/**
 * Every Kafka topic, consumer group, index/alias and Redis prefix of one bench run starts with `bench-<runId>`,
 * so a run can share the stack with a developer's default names and cleanup can find everything it made.
 */
export class RunNames {
  readonly runId: string;

  constructor(now = new Date()) {
    // Index names must be lower-case; the timestamp is also the results file's name.
    this.runId = now.toISOString().replace(/[:.]/g, '-').toLowerCase();
  }

  get prefix(): string {
    return `bench-${this.runId}`;
  }

  name(part: string): string {
    return `${this.prefix}-${part}`.toLowerCase();
  }

  get redisPrefix(): string {
    return `${this.prefix}:`;
  }
}
