import type { ReadinessProbe } from '@app/platform';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../projector.tokens';
import { ProjectorRunner } from './projector.runner';

/** Ready when the broker answers and the live consumer is in its group. */
@Injectable()
export class KafkaReadinessProbe implements ReadinessProbe, BeforeApplicationShutdown {
  readonly name = 'kafka';
  readonly critical = true;
  private readonly admin: Admin;
  private connected: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly runner: ProjectorRunner,
  ) {
    this.admin = kafka.admin();
  }

  async check(): Promise<void> {
    const waiting = this.runner.notConsumingBecause();
    if (waiting !== null) throw new Error(waiting);
    try {
      this.connected ??= this.admin.connect();
      await this.connected;
      await this.admin.describeCluster();
    } catch (error) {
      this.connected = null;
      throw error;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.connected !== null) await this.admin.disconnect().catch(() => undefined);
  }
}
