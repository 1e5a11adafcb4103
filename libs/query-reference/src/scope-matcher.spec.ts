import { ErrorInfo, JobTaskInfo } from '@app/domain';
import { parseQueryScope } from '@app/query';
import { matchesScope } from './scope-matcher';

const NOW = new Date('2026-11-28T10:30:00.000Z');

function task(overrides: Partial<JobTaskInfo> = {}): JobTaskInfo {
  return {
    job_task_id: 'task-1',
    domain_id: 'd',
    status: 'SUCCESS',
    success_count: 2,
    failure_count: 0,
    errors: [],
    job_id: null,
    secret_id: null,
    provider: null,
    service_account_id: null,
    project_id: null,
    created_at: null,
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

const error = (error_code: string, message = 'm'): ErrorInfo => ({
  error_code,
  message,
  additional: {},
});
const matches = (doc: JobTaskInfo, k: string, o: string, v: unknown) =>
  matchesScope(doc, parseQueryScope({ filter: [{ k, v, o }] }, 'query'), NOW);

const withJob = task({ job_id: 'Job-10' });
const noJob = task();
const twoErrors = task({ errors: [error('E1', 'disk full'), error('E2', 'Timeout: 30s')] });
const noErrors = task();
const created = (iso: string) => task({ created_at: iso });

describe('matchesScope', () => {
  it.each<[string, JobTaskInfo, string, string, unknown, boolean]>([
    ['eq is case-sensitive', withJob, 'job_id', 'eq', 'job-10', false],
    ['eq exact', withJob, 'job_id', 'eq', 'Job-10', true],
    ['eq null matches missing', noJob, 'job_id', 'eq', null, true],
    ['eq null misses present', withJob, 'job_id', 'eq', null, false],
    ['not matches missing', noJob, 'job_id', 'not', 'Job-10', true],
    ['not null matches present', withJob, 'job_id', 'not', null, true],
    ['lt compares code points', withJob, 'job_id', 'lt', 'Job-9', true],
    ['lt misses missing', noJob, 'job_id', 'lt', 'zzz', false],
    ['upper-case sorts before lower-case', withJob, 'job_id', 'lt', 'job', true],
    [
      'astral beyond BMP private use',
      task({ job_id: '\u{1F600}' }),
      'job_id',
      'gt',
      '\uFFFF',
      true,
    ],
    ['integer lt fraction', task({ success_count: 2 }), 'success_count', 'lt', 2.5, true],
    ['integer eq fraction', task({ success_count: 2 }), 'success_count', 'eq', 2.5, false],
    [
      'date lt ISO',
      created('2026-11-28T10:00:00.000Z'),
      'created_at',
      'lt',
      '2026-11-28T10:00:00.001Z',
      true,
    ],
    [
      'date lt sub-ms',
      created('2026-11-28T10:00:00.000Z'),
      'created_at',
      'lt',
      '2026-11-28T10:00:00.0001Z',
      true,
    ],
    [
      'date eq offset form',
      created('2026-11-28T01:00:00.000Z'),
      'created_at',
      'eq',
      '2026-11-28T10:00:00+09:00',
      true,
    ],
    [
      'date gte date-only',
      created('2026-11-28T00:00:00.000Z'),
      'created_at',
      'datetime_gte',
      '2026-11-28',
      true,
    ],
    ['datetime_gt misses null', task(), 'created_at', 'datetime_gt', '2000-01-01', false],
    [
      'timediff_gte now/d - 7d boundary',
      created('2026-11-21T00:00:00.000Z'),
      'created_at',
      'timediff_gte',
      'now/d - 7d',
      true,
    ],
    [
      'timediff_gt now/d - 7d boundary',
      created('2026-11-21T00:00:00.000Z'),
      'created_at',
      'timediff_gt',
      'now/d - 7d',
      false,
    ],
    [
      'timediff_lt now-1h',
      created('2026-11-28T09:29:59.999Z'),
      'created_at',
      'timediff_lt',
      'now-1h',
      true,
    ],
    [
      'timediff_lte now/w (Monday)',
      created('2026-11-23T00:00:00.000Z'),
      'created_at',
      'timediff_lte',
      'now/w',
      true,
    ],
    [
      'timediff_lt now/m',
      created('2026-11-01T00:00:00.000Z'),
      'created_at',
      'timediff_lt',
      'now/m',
      false,
    ],
    ['exists true', withJob, 'job_id', 'exists', true, true],
    ['exists false on missing', noJob, 'job_id', 'exists', false, true],
    ['contain ignores case', withJob, 'job_id', 'contain', 'JOB-1', true],
    ['contain is literal', task({ job_id: 'a.b' }), 'job_id', 'contain', '.', true],
    ['contain star is literal', task({ job_id: 'ab' }), 'job_id', 'contain', '*', false],
    ['contain empty string', task({ job_id: '' }), 'job_id', 'contain', '', true],
    ['contain misses missing', noJob, 'job_id', 'contain', '', false],
    ['contain non-ASCII case', task({ job_id: 'CAFÉ' }), 'job_id', 'contain', 'café', true],
    ['not_contain matches missing', noJob, 'job_id', 'not_contain', 'x', true],
    ['in []', withJob, 'job_id', 'in', [], false],
    ['not_in []', noJob, 'job_id', 'not_in', [], true],
    ['in with null matches missing', noJob, 'job_id', 'in', ['x', null], true],
    ['not_in matches missing', noJob, 'job_id', 'not_in', ['x'], true],
    ['not_in with null misses missing', noJob, 'job_id', 'not_in', ['x', null], false],
    ['contain_in any', withJob, 'job_id', 'contain_in', ['zz', 'b-1'], true],
    ['not_contain_in is an OR', withJob, 'job_id', 'not_contain_in', ['job', 'zz'], true],
    ['not_contain_in all contained', withJob, 'job_id', 'not_contain_in', ['job', '10'], false],
    ['regex unanchored, case-insensitive', withJob, 'job_id', 'regex', 'B-1', true],
    ['regex anchored', withJob, 'job_id', 'regex', '^b-1', false],
    [
      'regex $ before final line feed',
      task({ job_id: 'line1\n' }),
      'job_id',
      'regex',
      'line1$',
      true,
    ],
    ['regex . skips line feed', task({ job_id: 'line1\nline2' }), 'job_id', 'regex', '1.l', false],
    ['regex class ignores case', withJob, 'job_id', 'regex', '^[a-j]ob', true],
    ['regex negated class ignores case', withJob, 'job_id', 'regex', '^[^j]', false],
    ['regex \\W has no case alternatives', task({ job_id: 'ſ' }), 'job_id', 'regex', '^\\W$', true],
    ['regex \\s is ASCII', task({ job_id: '\u00a0' }), 'job_id', 'regex', '\\s', false],
    ['regex_in any', withJob, 'job_id', 'regex_in', ['^x', '0$'], true],
    ['regex misses missing', noJob, 'job_id', 'regex', '', false],
    // errors.* array semantics
    ['errors eq some', twoErrors, 'errors.error_code', 'eq', 'E2', true],
    ['errors not: none equal', twoErrors, 'errors.error_code', 'not', 'E2', false],
    ['errors not without errors', noErrors, 'errors.error_code', 'not', 'E2', true],
    ['errors eq null without errors', noErrors, 'errors.error_code', 'eq', null, true],
    ['errors eq null with errors', twoErrors, 'errors.message', 'eq', null, false],
    ['errors not null with errors', twoErrors, 'errors.message', 'not', null, true],
    ['errors exists', twoErrors, 'errors', 'exists', true, true],
    ['errors.x exists false', noErrors, 'errors.error_code', 'exists', false, true],
    ['errors in with null', noErrors, 'errors.error_code', 'in', ['E9', null], true],
    ['errors not_in', twoErrors, 'errors.error_code', 'not_in', ['E3'], true],
    ['errors contain some', twoErrors, 'errors.message', 'contain', 'timeout', true],
    [
      'errors not_contain: none contains',
      twoErrors,
      'errors.message',
      'not_contain',
      'full',
      false,
    ],
    [
      'errors not_contain_in: OR of none-contains',
      twoErrors,
      'errors.message',
      'not_contain_in',
      ['full', 'zzz'],
      true,
    ],
    ['errors lt some', twoErrors, 'errors.error_code', 'lt', 'E2', true],
    ['errors regex some', twoErrors, 'errors.message', 'regex', '^disk', true],
    [
      'match one error with both pairs',
      twoErrors,
      'errors',
      'match',
      { error_code: 'E1', message: 'disk full' },
      true,
    ],
    [
      'match pairs across errors',
      twoErrors,
      'errors',
      'match',
      { error_code: 'E1', message: 'Timeout: 30s' },
      false,
    ],
    ['match is case-sensitive', twoErrors, 'errors', 'match', { error_code: 'e1' }, false],
    ['match {} needs an error', noErrors, 'errors', 'match', {}, false],
    ['errors eq null (key errors)', noErrors, 'errors', 'eq', null, true],
  ])('%s', (_name, doc, key, op, value, expected) => {
    expect(matches(doc, key, op, value)).toBe(expected);
  });

  it('should AND filter with the OR of filter_or and keyword tokens', () => {
    const scope = parseQueryScope(
      {
        filter: [{ k: 'status', v: 'SUCCESS', o: 'eq' }],
        filter_or: [{ k: 'job_id', v: 'nope', o: 'eq' }],
        keyword: 'TASK-1',
      },
      'q',
    );
    expect(matchesScope(task(), scope, NOW)).toBe(true);
    expect(matchesScope(task({ status: 'FAILURE' }), scope, NOW)).toBe(false);
    expect(matchesScope(task({ job_task_id: 'other' }), scope, NOW)).toBe(false);
    expect(matchesScope(task({ job_task_id: 'other', job_id: 'my-task-1' }), scope, NOW)).toBe(
      true,
    );
  });

  it('should match everything for an empty scope', () => {
    expect(matchesScope(task(), { filter: [], filterOr: [], keywordTokens: [] }, NOW)).toBe(true);
  });
});
