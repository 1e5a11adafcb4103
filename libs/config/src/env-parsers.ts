import { z } from 'zod';

/** Small zod building blocks for environment variables, which always arrive as strings. */

/** A whole number in [min, max], with one message that says so whatever is wrong (text, a fraction, the range). */
function integer(min: number, max: number, fallback: number, message: string) {
  const error = { error: message };
  return z.coerce.number(error).int(error).min(min, error).max(max, error).default(fallback);
}

export const port = (fallback: number) =>
  integer(1, 65535, fallback, 'must be a port number, a whole number from 1 to 65535');

export const positiveInt = (fallback: number) =>
  integer(1, Number.MAX_SAFE_INTEGER, fallback, 'must be a whole number of 1 or more');

export const boundedInt = (min: number, max: number, fallback: number) =>
  integer(min, max, fallback, `must be a whole number from ${min} to ${max}`);

/** Text that is not only blanks (an empty assignment already means "unset": see withoutEmpty). */
export const text = () => z.string().trim().min(1, { error: 'must not be blank' });

export const nonEmpty = (fallback: string) => text().default(fallback);

export const url = (fallback: string) =>
  z.url({ error: 'must be an absolute URL such as http://host:port' }).default(fallback);

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: 'must be one of true, false, 1, 0, yes, no',
    })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Comma-separated host:port list. */
export const brokerList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((b) => b.trim()))
    .pipe(
      z
        .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, { error: 'each broker must be host:port' }))
        .min(1),
    );

export const logLevel = z
  .enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
  .default('info');
