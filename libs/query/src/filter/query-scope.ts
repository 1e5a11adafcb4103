import { conditionDependsOnClock, FilterCondition } from './condition.types';

export type { FilterCondition } from './condition.types';

/** Which documents a list or stat request covers (always further confined to one domain). */
export interface QueryScope {
  filter: FilterCondition[];
  filterOr: FilterCondition[];
  keywordTokens: string[];
}

/** `keyword` tokens match these fields by case-insensitive substring (SpaceONE's keyword filter). */
export const KEYWORD_FIELDS = ['job_task_id', 'job_id'] as const;

/** Whether the scope's answer depends on when it is evaluated (read from the parsed conditions). */
export function scopeDependsOnClock(scope: QueryScope): boolean {
  return [...scope.filter, ...scope.filterOr].some(conditionDependsOnClock);
}
