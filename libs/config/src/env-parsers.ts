import { z } from 'zod';

/** Small zod building blocks for environment variables, which always arrive as strings. */

/*
 * Digits only. `Number()` also reads "1e3", "0x10", " 5", "5 " and "+5", and a blank as 0, so a typo or a stray
 * space would start the app with some other number instead of stopping it.
 */
const DIGITS = /^\d+$/;

/** setTimeout's ceiling (2^31 - 1 ms, ~24.8 days): a longer delay fires after 1 ms, i.e. at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A whole number in [min, max], with one message that says so whatever is wrong (text, a fraction, the range). */
function integer(min: number, max: number, fallback: number, message: string) {
  const error = { error: message };
  return z
    .string(error)
    .regex(DIGITS, error)
    .transform(Number)
    .pipe(z.number().min(min, error).max(max, error))
    .default(fallback);
}

export const port = (fallback: number) =>
  integer(1, 65535, fallback, 'must be a port number, a whole number from 1 to 65535');

export const positiveInt = (fallback: number) =>
  integer(1, Number.MAX_SAFE_INTEGER, fallback, 'must be a whole number of 1 or more');

export const boundedInt = (min: number, max: number, fallback: number) =>
  integer(min, max, fallback, `must be a whole number from ${min} to ${max}`);

/** Milliseconds that end up in a timer, so bounded by what a timer can wait. */
export const durationMs = (fallback: number) =>
  integer(
    1,
    MAX_TIMER_MS,
    fallback,
    `must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`,
  );

/** Text that is not only blanks (an empty assignment already means "unset": see withoutEmpty). */
export const text = () => z.string().trim().min(1, { error: 'must not be blank', abort: true });

export const nonEmpty = (fallback: string) => text().default(fallback);

/*
 * Kafka's own rule for topic names: a wrong one would only fail when the projector creates the topic, and then
 * again on every retry of that start-up step, never at start.
 */
const topic = () =>
  text().regex(/^[A-Za-z0-9._-]{1,249}$/, {
    error: 'must be a Kafka topic name: up to 249 letters, digits, ".", "_" or "-"',
  });

export const topicName = (fallback: string) => topic().default(fallback);

/** A topic whose default derives from another setting (DLQ_TOPIC from EVENTS_TOPIC). */
export const optionalTopicName = () => topic().optional();

/*
 * Elasticsearch's rule for index and alias names (lower case, no separators, not starting with "-", "_", "+" or
 * "."), with room left for the "-v<N>" of the concrete indices behind the alias.
 */
export const aliasName = (fallback: string) =>
  text()
    .regex(/^[a-z0-9][a-z0-9._+-]{0,199}$/, {
      error:
        'must be an Elasticsearch alias name: up to 200 lower-case letters, digits, ".", "_", "+" or "-", starting with a letter or digit',
    })
    .default(fallback);

/** An absolute URL of one of `protocols` (without the colon), with a host. */
export const url = (fallback: string, protocols: readonly [string, ...string[]]) => {
  const error = `must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL such as ${fallback}`;
  // The URL parser forgives blanks around a URL; the client given the raw value may not.
  return z
    .string()
    .regex(/^\S+$/, { error, abort: true })
    .pipe(z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`), hostname: /./, error }))
    .default(fallback);
};

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: 'must be one of true, false, 1, 0, yes, no',
    })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const BROKER = /^[^\s:,]+:(\d{1,5})$/;

function isBroker(broker: string): boolean {
  const port = Number(BROKER.exec(broker)?.[1]);
  return port >= 1 && port <= 65535;
}

/** Comma-separated host:port list. */
export const brokerList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((b) => b.trim()))
    .pipe(
      z
        .array(
          z.string().refine(isBroker, {
            error: 'each broker must be host:port, with a port from 1 to 65535',
          }),
        )
        .min(1),
    );

export const logLevel = z
  .enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
  .default('info');
