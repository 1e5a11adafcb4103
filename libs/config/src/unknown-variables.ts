import { API_VARIABLES, PROJECTOR_VARIABLES } from './app-config';

/** The prefixes of this project's variables: a name with one of them that no app reads is most likely a typo. */
const PREFIXES = [
  'API_',
  'CACHE_',
  'DLQ_',
  'ELASTICSEARCH_',
  'EVENTS_',
  'JOB_TASKS_',
  'KAFKA_',
  'MAX_',
  'PROJECTOR_',
  'READ_MODEL_',
  'REDIS_',
];

/*
 * Both apps' variables count as known: one .env serves both (scripts/dev.sh), so the API must not warn about
 * PROJECTOR_PORT. Only a warning: a name like KAFKA_HOME may belong to something else on the host.
 */
const KNOWN = new Set([...PROJECTOR_VARIABLES, ...API_VARIABLES]);

/** Set variables that look like ours but that no app reads (`PROJECTOR_FLUSH_INTERVALMS`), sorted. */
export function unknownVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(env)
    .filter((name) => PREFIXES.some((prefix) => name.startsWith(prefix)) && !KNOWN.has(name))
    .sort();
}
