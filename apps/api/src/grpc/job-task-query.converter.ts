import type { JobTaskQueryMessage } from './job-task.messages';
import { compact, givenText } from './proto3-fields';
import { queryToJson } from './query.converter';

// The zero value of JobTaskStatus is proto3's "unset", so it can never be a status filter.
const UNSET_STATUS: ReadonlySet<unknown> = new Set(['JOB_TASK_STATE_NONE', 0]);

/**
 * JobTaskQuery message → the JSON body the REST routes receive, so both transports go through the
 * same validation. Empty shortcut fields are "not given"; an empty domain_id is left out and so
 * reported as the missing required parameter it is.
 */
export function jobTaskQueryToBody(message: JobTaskQueryMessage): Record<string, unknown> {
  const status = message.status;
  return compact({
    query: message.query ? queryToJson(message.query) : undefined,
    job_task_id: givenText(message.job_task_id),
    status: status == null || UNSET_STATUS.has(status) ? undefined : status,
    job_id: givenText(message.job_id),
    secret_id: givenText(message.secret_id),
    provider: givenText(message.provider),
    service_account_id: givenText(message.service_account_id),
    project_id: givenText(message.project_id),
    domain_id: givenText(message.domain_id),
  });
}
