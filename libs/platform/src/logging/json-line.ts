/** The keys every line starts with: an entry's field of the same name is written as `field_<name>` instead. */
type Head = { time: string; level: string; app: string; msg: string };

/** An Error as a log field: JSON.stringify alone writes `{}` for one, losing the message and the code. */
export function errorFields(error: Error): Record<string, unknown> {
  const { code } = error as { code?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack,
  };
}

/**
 * One JSON object on one line, whatever the fields hold: an Error keeps its name, message and code, a bigint
 * becomes a string, and a value met again (a cycle, e.g. a client's error pointing back at its connection) is
 * written as "[Circular]" where JSON.stringify would throw at the caller.
 */
export function jsonLine(head: Head, fields: Readonly<Record<string, unknown>>): string {
  const entry: Record<string, unknown> = { ...head };
  for (const [key, value] of Object.entries(fields)) {
    entry[Object.hasOwn(head, key) ? `field_${key}` : key] = value;
  }
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(entry, (_key, value: unknown) => {
      if (typeof value === 'bigint') return value.toString();
      if (typeof value !== 'object' || value === null) return value;
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
      return value instanceof Error ? errorFields(value) : value;
    });
  } catch (error) {
    // A getter or toJSON that throws: the line still says what happened, without the fields.
    return JSON.stringify({
      ...head,
      log_error: error instanceof Error ? error.message : String(error),
    });
  }
}
