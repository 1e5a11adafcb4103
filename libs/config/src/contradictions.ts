/** A variable whose value is valid alone but not together with another one. */
export interface Contradiction {
  variable: string;
  message: string;
  /** What the app would have used, shown when the variable was left at its default. */
  effective: unknown;
}

type Settings = Readonly<Record<string, unknown>>;

/*
 * Each rule reads the variables it compares by name, so it applies to whichever app's settings hold both and is
 * skipped by the other app (the API has no window, the projector no gRPC port).
 */
const RULES: ((s: Settings) => Contradiction | null)[] = [
  (s) =>
    s.DLQ_TOPIC !== undefined && s.DLQ_TOPIC === s.EVENTS_TOPIC
      ? {
          variable: 'DLQ_TOPIC',
          message: 'must differ from EVENTS_TOPIC: dead letters would be consumed again as events',
          effective: s.DLQ_TOPIC,
        }
      : null,
  (s) =>
    s.API_GRPC_PORT !== undefined && s.API_GRPC_PORT === s.API_PORT
      ? {
          variable: 'API_GRPC_PORT',
          message: `must differ from API_PORT (${String(s.API_PORT)}): both are listened on at once`,
          effective: s.API_GRPC_PORT,
        }
      : null,
  atLeast('PROJECTOR_FLUSH_MAX_INTERVAL_MS', 'PROJECTOR_FLUSH_INTERVAL_MS'),
  atLeast('PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS', 'PROJECTOR_FLUSH_INTERVAL_MS'),
];

/** A bound that must not be below the setting it bounds (a max below its min). */
function atLeast(max: string, min: string) {
  return (s: Settings): Contradiction | null => {
    const [high, low] = [s[max], s[min]];
    if (typeof high !== 'number' || typeof low !== 'number' || high >= low) return null;
    return { variable: max, message: `must be at least ${min} (${low})`, effective: high };
  };
}

export function contradictions(settings: Settings): Contradiction[] {
  return RULES.map((rule) => rule(settings)).filter((c): c is Contradiction => c !== null);
}
