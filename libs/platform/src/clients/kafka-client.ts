import type { SharedConfig } from '@app/config';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { JsonLogger, LogLevelName } from '../logging/json-logger';

const LEVELS: Record<number, LogLevelName> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs logs every failed broker response at ERROR before it hands the error to the caller, which retries it when
 * it is retriable (a coordinator still loading, a leader moving). Such a line is a warning; a failure that does not
 * heal surfaces through the caller (docs/operations.md, "Logs").
 */
const RESPONSE_FAILURE = /^Response /;

/** How one kafkajs log entry is written to our JSON log (its own level stays in `label`). */
export function kafkaLogLevel(entry: Pick<LogEntry, 'level' | 'log'>): LogLevelName {
  const level = LEVELS[entry.level] ?? 'info';
  return level === 'error' && RESPONSE_FAILURE.test(String(entry.log.message)) ? 'warn' : level;
}

/*
 * kafkajs's own defaults, written out because they are chosen (docs/operations.md, "Clients"): a broker that does
 * not accept a connection within 1 s is tried again; a request gets 30 s (a JoinGroup waits for the whole group);
 * a failed call is retried 5 times, 300 ms doubling with jitter up to 30 s between tries (~10 s in all against a
 * broker that refuses), after which the caller decides: the projector's start-up steps retry with their own
 * backoff, a consumer kafkajs gives up on is replaced (ProjectorRunner).
 */
export const KAFKA_CLIENT_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 30_000,
  // `retries` (5) is left to kafkajs: set here, it would apply to the idempotent dead-letter producer too, which
  // kafkajs then warns may lose its exactly-once guarantee.
  retry: { initialRetryTime: 300, maxRetryTime: 30_000 },
} as const;

/** kafkajs with its log lines routed into our JSON log. */
export function createKafka(config: SharedConfig['kafka'], logger: JsonLogger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: KAFKA_CLIENT_TIMEOUTS.connectionTimeout,
    requestTimeout: KAFKA_CLIENT_TIMEOUTS.requestTimeout,
    retry: { ...KAFKA_CLIENT_TIMEOUTS.retry },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, label, log }: LogEntry) => {
        const { message, ...fields } = log;
        logger.event(kafkaLogLevel({ level, log }), String(message), {
          source: 'kafkajs',
          label,
          ...fields,
        });
      },
  });
}
