/** The spec's event order: `occurred_at` (normalised, so text order is time order), then `sequence`, then `event_id`. */
export type EventKey = [occurred_at: string, sequence: number, event_id: string];

/** Where one ErrorInfo sits in the `errors` order: its event's key plus its position inside that event. */
export type ErrorKey = [occurred_at: string, sequence: number, event_id: string, position: number];

/** Any event's key fields; structural, so the order needs nothing of the event types (no import circle). */
export interface KeyedEvent {
  readonly occurred_at: string;
  readonly sequence: number;
  readonly event_id: string;
}

export function eventKeyOf(event: KeyedEvent): EventKey {
  return [event.occurred_at, event.sequence, event.event_id];
}

// Code-unit order (that of the default sort), not localeCompare: the result must not depend on the ICU data or
// locale of the host.
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function compareEventKeys(a: EventKey, b: EventKey): number {
  return compareText(a[0], b[0]) || a[1] - b[1] || compareText(a[2], b[2]);
}

export function compareErrorKeys(a: ErrorKey, b: ErrorKey): number {
  // Field by field rather than through compareEventKeys: a comparator runs in every sort, so it allocates nothing.
  return compareText(a[0], b[0]) || a[1] - b[1] || compareText(a[2], b[2]) || a[3] - b[3];
}

/**
 * Deterministic total order on any JSON-serialisable value, used only to break ties between two facts that claim
 * the same event key — which takes an emitter that reuses an event_id — so that merging stays commutative.
 */
export function compareCanonical(a: unknown, b: unknown): number {
  return compareText(JSON.stringify(a), JSON.stringify(b));
}
