/**
 * Small value pools shared by the document and request generators, so that conditions actually hit
 * documents: case variants, wildcard/regex metacharacters, a line feed, a few Latin-1 letters (whose
 * case pairs Java and JavaScript agree on), equal values for sort ties, and dates on the boundaries
 * timediff expressions resolve to.
 */
export const REFERENCE_NOW = new Date('2026-11-28T10:30:00.000Z');
export const REFERENCE_DOMAIN = 'domain-ref';

export const TEXT_VALUES = [
  'job-1',
  'JOB-1',
  'job-2',
  'Job-10',
  'a.b',
  'a*b',
  'x?y',
  'back\\slash',
  '',
  'z',
  'ZZ',
  'ab cd',
  '[x]',
  'café',
  'CAFÉ',
  'line1\nline2',
  'line1\n',
  'e1',
  'E1',
  'Timeout: 30s',
  'a_b',
] as const;

export const TASK_IDS = [
  'task-a',
  'TASK-A',
  'task-b',
  'task-01',
  'task-1',
  'task-job-1',
  'job-1',
  't',
  'T',
  'x?y',
  'a*b',
  'ab',
  'AB',
  'a.b',
  'zz',
  'task-é',
  'task-É',
  'task-10',
  'task-2',
  'task-20',
] as const;

export const STATUS_VALUES = [
  'JOB_TASK_STATE_NONE',
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILURE',
] as const;

export const TEXT_FRAGMENTS = [
  'job',
  'JOB-1',
  '1',
  '',
  '*',
  '?',
  '\\',
  '.',
  'É',
  'e',
  'line1\n',
  'task',
  'SUCC',
  'a b',
  ' ',
] as const;

export const COUNT_VALUES = [0, 1, 2, 3, 5, 100] as const;
export const COUNT_BOUNDS = [-1, 0, 1, 2, 2.5, 3, 99.9, 1e12] as const;

const DAY = 86_400_000;
const at = (ms: number) => new Date(REFERENCE_NOW.getTime() + ms).toISOString();
const startOfDay = Date.UTC(2026, 10, 28);
const startOfWeek = Date.UTC(2026, 10, 23);
const startOfMonth = Date.UTC(2026, 10, 1);
const iso = (ms: number) => new Date(ms).toISOString();

export const DATE_VALUES = [
  at(0),
  at(-1),
  at(-3_600_000),
  at(3_600_000),
  at(-30 * DAY),
  iso(startOfDay),
  iso(startOfDay - 1),
  iso(startOfDay - 7 * DAY),
  iso(startOfDay - 7 * DAY - 1),
  iso(startOfWeek),
  iso(startOfMonth),
  iso(startOfMonth - 1),
  '2020-01-01T00:00:00.000Z',
] as const;

/** Filter-side date spellings: the pool plus date-only, offset and sub-millisecond forms. */
export const DATE_FILTER_VALUES = [
  ...DATE_VALUES,
  '2026-11-28',
  '2026-11-28T19:30:00+09:00',
  '2026-11-28T00:00:00.0005Z',
  '2026-11',
] as const;

export const TIMEDIFF_VALUES = [
  'now',
  'now/d',
  'now/w',
  'now/m',
  'now/d - 7d',
  'now-1h',
  'now + 1h',
  'now/w-1w',
  'now - 30d',
  'now-1s',
] as const;

export const ERROR_CODES = ['E1', 'e1', 'TIMEOUT', 'ERROR_X'] as const;
export const ERROR_MESSAGES = [
  'boom',
  'BOOM',
  'Timeout: 30s',
  'line1\nline2',
  'line1\n',
  '',
  'a*b',
] as const;
