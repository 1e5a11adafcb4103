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

/** kafkajs with its log lines routed into our JSON log. */
export function createKafka(config: SharedConfig['kafka'], logger: JsonLogger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
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
