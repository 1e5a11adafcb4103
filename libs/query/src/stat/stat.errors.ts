import { invalidParameter } from '../errors/messages';
import type { QueryError } from '../errors/query-error';

export {
  invalidParameter as invalidParam,
  invalidParameterType as invalidType,
} from '../errors/messages';
export { issueToError, joinPath, parseWith } from '../errors/zod-issue.mapper';

export function tooManyGroups(maxGroups: number, what = 'groups'): QueryError {
  return invalidParameter(
    'query.aggregate',
    `the result has more than ${maxGroups} ${what}; narrow the filter or group by fewer keys`,
  );
}
