import { JOB_TASKS_SETTINGS } from '@app/platform';
import { READ_MODEL_MAX_REGEX_LENGTH } from '@app/query';

describe('the read model settings the query translation relies on', () => {
  it('should allow regexps as long as the literal substring translation may send', () => {
    expect(JOB_TASKS_SETTINGS.max_regex_length).toBe(READ_MODEL_MAX_REGEX_LENGTH);
  });
});
