import { JOB_TASK_FIELDS, JOB_TASK_INFO_KEYS } from './job-task-fields';

describe('JOB_TASK_FIELDS', () => {
  const sut = JOB_TASK_FIELDS;

  it('should name each field once', () => {
    const keys = sut.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should give each field its own place in the answer, without gaps', () => {
    expect(sut.map((f) => f.answerPosition).sort((a, b) => a - b)).toEqual(sut.map((_, i) => i));
  });

  it('should list JobTaskInfo in the order api.md gives', () => {
    expect(JOB_TASK_INFO_KEYS).toEqual([
      'job_task_id',
      'status',
      'success_count',
      'failure_count',
      'errors',
      'job_id',
      'secret_id',
      'provider',
      'service_account_id',
      'project_id',
      'domain_id',
      'created_at',
      'started_at',
      'finished_at',
    ]);
  });
});
