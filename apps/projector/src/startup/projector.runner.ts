import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '../batch/retry-backoff';
import { JobTasksIndexManager } from '../elasticsearch/job-tasks-index.manager';
import { KafkaBatchConsumerFactory, type KafkaBatchConsumer } from '../batch/kafka-batch.consumer';
import { KafkaTopicsAdmin } from '../kafka/kafka-topics.admin';
import { PROJECTOR_CONFIG } from '../projector.tokens';
import { STARTUP_RETRY_MAX_MS } from '../projector.settings';

/**
 * Brings the live projection up next to the HTTP server: topics, then the index and alias, then the consumer. Each
 * step retries with backoff while its dependency is down, so /health answers and /ready explains the wait instead
 * of the process exiting into a restart loop.
 */
@Injectable()
export class ProjectorRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: KafkaBatchConsumer | null = null;
  private readonly shutdown = new AbortController();
  private work: Promise<void> = Promise.resolve();
  private step = 'not started';

  constructor(
    private readonly topics: KafkaTopicsAdmin,
    private readonly index: JobTasksIndexManager,
    private readonly consumers: KafkaBatchConsumerFactory,
    private readonly logger: JsonLogger,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.work = this.startAll();
  }

  /** Null when consuming; otherwise what the projector is waiting for. */
  notConsumingBecause(): string | null {
    if (this.consumer === null) return `starting: ${this.step}`;
    const { state, error } = this.consumer.status;
    return state === 'running' ? null : `consumer ${state}${error ? `: ${error}` : ''}`;
  }

  /** The first shutdown hook: the consumer stops before anything it writes through is closed. */
  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await this.work;
    await this.consumer?.stop();
    this.logger.event('info', 'projector stopped', { groupId: this.config.projector.groupId });
  }

  private async startAll(): Promise<void> {
    await this.retrying('creating topics', () => this.topics.ensureTopics());
    await this.retrying('creating the index', () => this.index.ensureReadModel());
    await this.startConsumer();
  }

  private async startConsumer(): Promise<void> {
    await this.retrying('starting the consumer', async () => {
      // A fresh kafkajs consumer per attempt: one whose connect or run failed half-way is not reusable.
      const consumer = this.consumers.create({
        groupId: this.config.projector.groupId,
        // A new group must not miss what was produced before the first projector ran.
        fromBeginning: true,
        target: { name: this.config.elasticsearch.alias, isAlias: true },
        onFatal: () => {
          this.work = this.work.then(() => this.replace(consumer));
        },
      });
      try {
        await consumer.start();
      } catch (error) {
        await consumer.stop().catch(() => undefined);
        throw error;
      }
      // Shutdown stopped waiting for this attempt (see retrying): nobody else will stop this consumer.
      if (this.shutdown.signal.aborted) await consumer.stop().catch(() => undefined);
      else this.consumer = consumer;
    });
  }

  private async replace(crashed: KafkaBatchConsumer): Promise<void> {
    if (this.shutdown.signal.aborted || this.consumer !== crashed) return;
    await crashed.stop().catch(() => undefined);
    this.consumer = null;
    await this.startConsumer();
  }

  /*
   * An attempt against a dependency that accepts connections but does not answer can take kafkajs's request
   * timeout and retries (tens of seconds): shutdown does not wait for it, so SIGTERM during start-up exits at once.
   * The abandoned attempt only creates what already is idempotent (topics, index), or stops its own consumer.
   */
  private async retrying(step: string, work: () => Promise<unknown>): Promise<void> {
    this.step = step;
    const { signal } = this.shutdown;
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        const attemptDone = work();
        // A failure of an attempt shutdown stopped waiting for is nobody's to report.
        attemptDone.catch(() => undefined);
        await Promise.race([attemptDone, aborted]);
        return;
      } catch (error) {
        if (signal.aborted) return;
        const delayMs = backoffDelay(attempt, STARTUP_RETRY_MAX_MS);
        this.logger.event('warn', `start-up step failed, retrying: ${step}`, {
          delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
