import { Injectable } from '@nestjs/common';
import { JobTasksRepository } from '../elasticsearch/job-tasks.repository';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { MAX_WRITE_ROUNDS } from '../projector.settings';
import type {
  PlannedWrite,
  Rejection,
  SourcedEvent,
  SourceMessage,
  StoredDocument,
  WriteTarget,
} from '../core/projection.types';
import type { TaskGroup } from './message-batch.plan';
import { planTaskWrite } from './task-write.plan';

export interface StoreOutcome {
  /** Messages whose effect is not durable in Elasticsearch (transient failure, or rounds exhausted). */
  unsettled: Set<SourceMessage>;
  /** Events Elasticsearch refuses to index for good: they go to the DLQ like undecodable messages. */
  rejections: Rejection[];
  writtenDomains: Set<string>;
  applied: SourcedEvent[];
  duplicates: number;
  failure: Error | null;
  /** The durable version of every document whose events are all settled: what the cache may keep. */
  settled: Map<string, StoredDocument>;
}

interface TaskState {
  group: TaskGroup;
  /** Events not yet settled, in consumption order. */
  remaining: SourcedEvent[];
  current: StoredDocument | null;
  /** How many remaining events one write takes: halved on a 4xx until the offending event stands alone. */
  window: number;
}

/**
 * Applies task groups to the store in rounds of one mget (only for documents we must (re)read) and one bulk.
 * A version conflict means another writer got there first: re-read that document and fold again. The loop is
 * bounded; whatever is left is reported unsettled and retried after a backoff, never skipped.
 */
@Injectable()
export class StoreWriteRounds {
  constructor(
    private readonly repository: JobTasksRepository,
    private readonly metrics: ProjectorMetrics,
  ) {}

  /**
   * `known` holds cached versions: those documents are not read first. A stale one costs a 409 and a re-read, so
   * the cache can only make a flush cheaper, never wrong.
   */
  async apply(
    groups: Iterable<TaskGroup>,
    target: WriteTarget,
    known: ReadonlyMap<string, StoredDocument> = new Map(),
  ): Promise<StoreOutcome> {
    const outcome: StoreOutcome = {
      unsettled: new Set(),
      rejections: [],
      writtenDomains: new Set(),
      applied: [],
      duplicates: 0,
      failure: null,
      settled: new Map(),
    };
    const tasks = new Map<string, TaskState>();
    let toRead = new Set<string>();
    for (const group of groups) {
      const current = known.get(group.id) ?? null;
      tasks.set(group.id, { group, remaining: [...group.events], current, window: Infinity });
      if (current === null) toRead.add(group.id);
    }
    for (let round = 0; tasks.size > 0 && round < MAX_WRITE_ROUNDS; round += 1) {
      try {
        await this.refresh(tasks, toRead, target);
        toRead = await this.writeRound(tasks, target, outcome);
      } catch (error) {
        outcome.failure = error instanceof Error ? error : new Error(String(error));
        break;
      }
    }
    for (const state of tasks.values())
      state.remaining.forEach((e) => outcome.unsettled.add(e.source));
    if (tasks.size > 0 && outcome.failure === null) {
      outcome.failure = new Error(
        `${tasks.size} documents still conflicting after ${MAX_WRITE_ROUNDS} rounds`,
      );
    }
    return outcome;
  }

  private async refresh(
    tasks: Map<string, TaskState>,
    ids: Set<string>,
    target: WriteTarget,
  ): Promise<void> {
    const wanted = [...ids].filter((id) => tasks.has(id));
    if (wanted.length === 0) return;
    const stopTimer = this.metrics.mgetSeconds.startTimer();
    const documents = await this.repository.read(target.name, wanted).finally(() => stopTimer());
    for (const id of wanted) {
      const state = tasks.get(id);
      if (state) state.current = documents.get(id) ?? null;
    }
  }

  /** One fold + bulk over every open task; returns the ids to re-read before the next round. */
  private async writeRound(
    tasks: Map<string, TaskState>,
    target: WriteTarget,
    outcome: StoreOutcome,
  ): Promise<Set<string>> {
    const planned: { state: TaskState; write: PlannedWrite; taken: number }[] = [];
    for (const state of [...tasks.values()]) {
      const events = state.remaining.slice(0, state.window);
      const plan = planTaskWrite(state.group, events, state.current);
      if (plan.kind === 'write') {
        planned.push({ state, write: plan.write, taken: events.length });
      } else if (plan.kind === 'unchanged') {
        outcome.duplicates += plan.duplicates.length;
        this.consume(tasks, state, events.length, outcome);
      } else {
        // The stored document is unreadable: dead-letter rather than wedge the partition (see docs/projector.md).
        const message = `stored document ${state.group.id} cannot be merged into: ${plan.error.message}`;
        state.remaining.forEach((e) =>
          outcome.rejections.push({ source: e.source, reason: 'INVALID_FIELD', message }),
        );
        tasks.delete(state.group.id);
      }
    }
    const toRead = new Set<string>();
    if (planned.length === 0) return toRead;
    const stopTimer = this.metrics.bulkSeconds.startTimer();
    const results = await this.repository
      .write(
        target,
        planned.map((p) => p.write),
      )
      .finally(() => stopTimer());
    results.forEach((result, i) => {
      const entry = planned[i];
      if (entry === undefined) return;
      const { state, write, taken } = entry;
      switch (result.kind) {
        case 'written':
          outcome.applied.push(...write.applied);
          outcome.duplicates += write.duplicates.length;
          outcome.writtenDomains.add(write.domainId);
          state.current = {
            index: result.index,
            seqNo: result.seqNo,
            primaryTerm: result.primaryTerm,
            document: write.document,
            json: write.json,
          };
          this.consume(tasks, state, taken, outcome);
          return;
        case 'conflict':
          this.metrics.retries.inc({ kind: 'version_conflict' });
          toRead.add(state.group.id);
          return;
        case 'transient':
          outcome.failure ??= new Error(
            `elasticsearch refused a document for now: ${result.detail}`,
          );
          state.remaining.forEach((e) => outcome.unsettled.add(e.source));
          tasks.delete(state.group.id);
          return;
        case 'rejected':
          if (taken > 1) {
            state.window = Math.ceil(taken / 2);
            return;
          }
          for (const e of state.remaining.slice(0, 1)) {
            outcome.rejections.push({
              source: e.source,
              reason: 'INVALID_FIELD',
              message: `Elasticsearch rejected the projected document: ${result.detail}`,
            });
          }
          this.consume(tasks, state, 1, outcome);
          return;
        default: {
          const unreachable: never = result;
          throw new Error(`unhandled bulk outcome ${JSON.stringify(unreachable)}`);
        }
      }
    });
    return toRead;
  }

  private consume(
    tasks: Map<string, TaskState>,
    state: TaskState,
    count: number,
    outcome: StoreOutcome,
  ): void {
    state.remaining = state.remaining.slice(count);
    if (state.remaining.length > 0) return;
    tasks.delete(state.group.id);
    if (state.current !== null) outcome.settled.set(state.group.id, state.current);
  }
}
