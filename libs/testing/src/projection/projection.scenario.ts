import {
  projectJobTask,
  type JobTaskDocument,
  type JobTaskEvent,
  type JobTaskInfo,
  type ProjectionResult,
} from '@app/domain';

/** What Elasticsearch hands back: the document after a JSON round trip. */
export function stored(document: JobTaskDocument): JobTaskDocument {
  return JSON.parse(JSON.stringify(document)) as JobTaskDocument;
}

export function publicView(document: JobTaskDocument): JobTaskInfo {
  const { projection: _bookkeeping, ...info } = document;
  return info;
}

export interface ProjectionOutcome {
  /** The `when` events changed the document; each named field equals `expected` exactly (others unchecked). */
  then(expected: Partial<JobTaskInfo>): JobTaskDocument;
  /** The `when` events were all recognised as duplicates and the document is unchanged. */
  thenNotUpdated(): void;
}

export interface ProjectionScenario {
  when(...events: JobTaskEvent[]): ProjectionOutcome;
}

/**
 * `given(history…).when(events…).then(fields)` over the pure projection. The history is projected and stored
 * (JSON round trip), then the `when` events are projected into it. `then` also checks that projecting everything
 * at once, in reverse order, gives the same document, so every scenario doubles as an order-insensitivity test.
 */
export function given(...history: JobTaskEvent[]): ProjectionScenario {
  return {
    when: (...events) => {
      const before = history.length === 0 ? null : stored(projectJobTask(null, history).document);
      const result = projectJobTask(before, events);
      return {
        then: (expected) => thenUpdated(history, events, result, expected),
        thenNotUpdated: () => {
          expect(result.applied).toEqual([]);
          expect(result.duplicates).toHaveLength(events.length);
          expect(result.document).toEqual(before);
        },
      };
    },
  };
}

function thenUpdated(
  history: JobTaskEvent[],
  events: JobTaskEvent[],
  result: ProjectionResult,
  expected: Partial<JobTaskInfo>,
): JobTaskDocument {
  expect(result.applied.length).toBeGreaterThan(0);
  const info = publicView(result.document);
  const named = Object.fromEntries(
    Object.keys(expected).map((field) => [field, info[field as keyof JobTaskInfo]]),
  );
  expect(named).toEqual(expected);
  const allAtOnce = projectJobTask(null, [...history, ...events].reverse()).document;
  expect(allAtOnce).toEqual(result.document);
  return result.document;
}
