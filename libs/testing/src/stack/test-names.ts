import { randomBytes } from 'node:crypto';

const RUN_ID = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
let counter = 0;

/**
 * Topic, group, index and key names unique to this test run, so suites can share a stack that is
 * also serving the developer's default names. Lower-case: Elasticsearch index names must be.
 */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${RUN_ID}-${counter}`.toLowerCase();
}
