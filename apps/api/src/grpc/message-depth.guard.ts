/**
 * protobufjs, like protoc and most protobuf runtimes, refuses to encode or decode a message nested
 * more than 100 levels deep. A google.protobuf.Struct spends two levels per JSON level (Struct or
 * ListValue, then Value), so free-form data (an ErrorInfo's `additional`, stat rows) can pass it.
 */
export const MAX_MESSAGE_DEPTH = 100;

/**
 * An answer that REST can send but protobuf cannot carry. Left to grpc-js, its encoder fails after
 * the handler has returned: the client gets INTERNAL "Error serializing response", nothing is
 * logged and the call is counted as OK. Raised before that, it is logged with what and where.
 */
export class AnswerTooDeepError extends Error {
  constructor(where: string, depth: number) {
    super(
      `The answer cannot be sent over gRPC: ${where} reaches protobuf message level ${depth}, past the ${MAX_MESSAGE_DEPTH} protobuf runtimes accept; REST can serve it.`,
    );
  }
}

/**
 * Throws AnswerTooDeepError when a Struct holding `json`, placed at message level `level` (the
 * top-level message is 0), would have a message deeper than MAX_MESSAGE_DEPTH.
 */
export function assertStructFits(
  json: Record<string, unknown>,
  level: number,
  where: string,
): void {
  const deepest = level + structLevels(json) - 1;
  if (deepest > MAX_MESSAGE_DEPTH) throw new AnswerTooDeepError(where, deepest);
}

/** Message levels of a Struct holding `json`: the Struct, then its deepest Value. */
export function structLevels(json: Record<string, unknown>): number {
  return 1 + deepestValue(Object.values(json));
}

function valueLevels(json: unknown): number {
  if (Array.isArray(json)) return 2 + deepestValue(json);
  if (isPlainObject(json)) return 2 + deepestValue(Object.values(json));
  return 1;
}

function deepestValue(values: readonly unknown[]): number {
  let deepest = 0;
  for (const value of values) deepest = Math.max(deepest, valueLevels(value));
  return deepest;
}

// Dates and other objects with a toJSON travel as their JSON text: a string Value, one level.
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { toJSON?: unknown }).toJSON !== 'function';
