import { z } from 'zod';

/** Small zod building blocks for environment variables, which always arrive as strings. */

export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

export const boundedInt = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const nonEmpty = (fallback: string) => z.string().trim().min(1).default(fallback);

export const url = (fallback: string) => z.url().default(fallback);

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Comma-separated host:port list. */
export const brokerList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((b) => b.trim()))
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port')).min(1));

export const logLevel = z.enum(['debug', 'info', 'warn', 'error']).default('info');
