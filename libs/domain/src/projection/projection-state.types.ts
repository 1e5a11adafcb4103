import type { ErrorKey, EventKey } from './event-key.order';

export type TerminalStatus = 'SUCCESS' | 'FAILURE';

export interface TerminalState {
  key: EventKey;
  status: TerminalStatus;
  /** The totals the winning terminal event carried; null means "sum the resource events". */
  success_count: number | null;
  failure_count: number | null;
}

/**
 * The projection's bookkeeping, stored beside the public fields (un-indexed) so that the next batch can be merged
 * into the document exactly as if every event had been projected at once. Together with the public fields it is
 * the state of a join-semilattice: every member is a set union or a min/max by event order.
 */
export interface ProjectionState {
  /** Bumped on any incompatible change of this shape. */
  version: 1;
  /** event_ids of the applied created, started, succeeded and failed events, sorted. */
  lifecycle_ids: string[];
  /** event_id → `count` of every applied resource_succeeded event; the ids dedupe, the counts are summed. */
  resource_succeeded: Record<string, number>;
  /** event_id → `count` of every applied resource_failed event. */
  resource_failed: Record<string, number>;
  /** Key of the earliest created event: the one whose descriptive fields the document shows. */
  created: EventKey | null;
  /** Key of the earliest started event. */
  started: EventKey | null;
  /** The latest terminal event. */
  terminal: TerminalState | null;
  /** Sort key of each entry of the public `errors`, index for index. */
  error_keys: ErrorKey[];
}
