import type { SharedConfig } from '@app/config';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { JsonLogger } from '../logging/json-logger';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

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
        logger.event(LEVELS[level] ?? 'info', String(message), {
          source: 'kafkajs',
          label,
          ...fields,
        });
      },
  });
}
