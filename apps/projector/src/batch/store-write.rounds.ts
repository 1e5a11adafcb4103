import { Injectable } from '@nestjs/common';
import { JobTasksRepository } from '../elasticsearch/job-tasks.repository';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { MAX_WRITE_ROUNDS } from '../projector.settings';
import type {
  ItemOutcome,
  PlannedWrite,
  Rejection,
  StoredDocument,
  WriteTarget,
} from '../core/projection.types';
import { BulkPipeline } from './bulk.pipeline';
import { markNotDurable, type NotDurable } from './offset-commit.rule';
import { planTaskWrite } from './task-write.plan';
import type { TaskGroup, TaskPiece } from './write-window';

export interface StoreOutcome {
  /** Per partition, the first offset whose effect is not durable (transient failure, rounds exhausted, isolation). */
  notDurable: NotDurable;
  /** Events Elasticsearch refuses to index for good: they go to the DLQ like undecodable messages. */
  rejections: Rejection[];
  /**
   * Tasks whose folded events Elasticsearch refused (or whose stored document cannot be merged into): the window
   * cannot tell which event is at fault, so they are read again one piece per event, and that event dead-lettered.
   */
  isolate: Set<string>;
  writtenDomains: Set<string>;
  applied: number;
  newestOccurredAt: string | null;
  duplicates: number;
  failure: Error | null;
  /** The durable version of every document whose pieces are all settled: what the cache may keep. */
  settled: Map<string, StoredDocument>;
}

interface TaskState {
  group: TaskGroup;
  /** Pieces not yet settled, in consumption order. */
  remaining: TaskPiece[];
  current: StoredDocument | null;
  /** How many remaining pieces one write takes: halved on a 4xx until the offending piece stands alone. */
  window: number;
}

/**
 * Applies task groups to the store in rounds of one mget (only for documents we must (re)read) and one bulk.
 * A version conflict means another writer got there first: re-read that document and fold again. The loop is
 * bounded; whatever is left is reported not durable and retried after a backoff, never skipped.
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
      notDurable: new Map(),
      rejections: [],
      isolate: new Set(),
      writtenDomains: new Set(),
      applied: 0,
      newestOccurredAt: null,
      duplicates: 0,
      failure: null,
      settled: new Map(),
    };
    const tasks = new Map<string, TaskState>();
    let toRead = new Set<string>();
    for (const group of groups) {
      const current = known.get(group.id) ?? null;
      tasks.set(group.id, { group, remaining: [...group.pieces], current, window: Infinity });
      if (current === null && !likelyNew(group)) toRead.add(group.id);
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
    for (const state of tasks.values()) notDurable(outcome, state.remaining);
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

  /**
   * One fold + bulk over every open task; returns the ids to re-read before the next round. The bulk requests go
   * out while the rest is still being folded (BulkPipeline); their outcomes are applied once all have answered.
   */
  private async writeRound(
    tasks: Map<string, TaskState>,
    target: WriteTarget,
    outcome: StoreOutcome,
  ): Promise<Set<string>> {
    const planned: { state: TaskState; write: PlannedWrite; taken: number }[] = [];
    const bulks = new BulkPipeline(
      (writes) => this.timedBulk(target, writes),
      this.repository.limits,
    );
    for (const state of [...tasks.values()]) {
      const pieces = state.remaining.slice(0, state.window);
      const plan = planTaskWrite(state.group, pieces, state.current);
      if (plan.kind === 'write') {
        planned.push({ state, write: plan.write, taken: pieces.length });
        if (bulks.isFullFor(plan.write)) await bulks.sendChunk();
        bulks.add(plan.write);
      } else if (plan.kind === 'unchanged') {
        outcome.duplicates += plan.duplicates;
        this.consume(tasks, state, pieces.length, outcome);
      } else {
        // The stored document is unreadable: dead-letter rather than wedge the partition (see docs/projector.md).
        const message = `stored document ${state.group.id} cannot be merged into: ${plan.error.message}`;
        deadLetterOrIsolate(outcome, state, state.remaining, message);
        tasks.delete(state.group.id);
      }
    }
    const toRead = new Set<string>();
    if (planned.length === 0) return toRead;
    const results = await bulks.finish();
    results.forEach((result, i) => {
      const entry = planned[i];
      if (entry === undefined) return;
      const { state, write, taken } = entry;
      switch (result.kind) {
        case 'written':
          outcome.applied += write.applied;
          outcome.duplicates += write.duplicates;
          if (
            outcome.newestOccurredAt === null ||
            write.newestOccurredAt > outcome.newestOccurredAt
          )
            outcome.newestOccurredAt = write.newestOccurredAt;
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
          notDurable(outcome, state.remaining);
          tasks.delete(state.group.id);
          return;
        case 'rejected': {
          if (taken > 1) {
            state.window = Math.ceil(taken / 2);
            return;
          }
          const message = `Elasticsearch rejected the projected document: ${result.detail}`;
          if (deadLetterOrIsolate(outcome, state, state.remaining.slice(0, 1), message))
            this.consume(tasks, state, 1, outcome);
          else tasks.delete(state.group.id);
          return;
        }
        default: {
          const unreachable: never = result;
          throw new Error(`unhandled bulk outcome ${JSON.stringify(unreachable)}`);
        }
      }
    });
    return toRead;
  }

  private async timedBulk(
    target: WriteTarget,
    writes: readonly PlannedWrite[],
  ): Promise<ItemOutcome[]> {
    const stopTimer = this.metrics.bulkSeconds.startTimer();
    return this.repository.writeBulk(target, writes).finally(() => stopTimer());
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

/**
 * A task whose created event is in the window was most likely never written: it is created without being read
 * first. When it does exist (events read again after a crash), the create gets a 409 and the next round reads it.
 */
function likelyNew(group: TaskGroup): boolean {
  return group.pieces.some((piece) => piece.facts.created !== null);
}

function notDurable(outcome: StoreOutcome, pieces: readonly TaskPiece[]): void {
  for (const piece of pieces)
    markNotDurable(outcome.notDurable, piece.partition, piece.firstOffset);
}

/**
 * Dead-letters `pieces` when each is one event with its raw message; otherwise marks the task for isolation and all
 * its remaining pieces not durable (they are read again one event per piece). True when dead-lettered.
 */
function deadLetterOrIsolate(
  outcome: StoreOutcome,
  state: TaskState,
  pieces: readonly TaskPiece[],
  message: string,
): boolean {
  const sources = pieces.map((p) => p.source);
  if (sources.every((s) => s !== null)) {
    for (const source of sources)
      outcome.rejections.push({ source, reason: 'INVALID_FIELD', message });
    return true;
  }
  outcome.isolate.add(state.group.id);
  outcome.failure ??= new Error(`${message}; the task's events are read again one by one`);
  notDurable(outcome, state.remaining);
  return false;
}
