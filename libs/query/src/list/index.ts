export * from './list-request';
export { parseJobTaskListRequest } from './list-request.parser';
export { parseSort } from './sort.parser';
export { runJobTaskList } from './job-task-list.runner';
export type { JobTasksInfo } from './job-task-list.runner';
export {
  buildEsSort,
  MISSING_DATE_SORT_VALUE,
  MISSING_INTEGER_SORT_VALUE,
} from './es-sort.builder';
export { toJobTaskInfo, projectJobTaskInfo } from './job-task-info.mapper';
export {
  jobTaskQuerySchema,
  listQuerySchema,
  filterConditionSchema,
  sortSchema,
  pageSchema,
  SHORTCUT_FIELDS,
} from './job-task-query.schema';
export type { JobTaskQueryInput, ListQueryInput } from './job-task-query.schema';
export { RESULT_WINDOW, PIT_KEEP_ALIVE } from './search-window';
