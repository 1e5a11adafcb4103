// Sends job-task events (JSON objects given as arguments or one per stdin line) to the events topic through the
// emitter library (libs/emitter): each is checked with the projector's own rules first, and one that would be
// dead-lettered stops the run before anything is sent (exit 2). npm run -s emit -- '{"event_id": …}'
import { ConfigError, loadProjectorConfig } from '@app/config';
import { EventRejectedError, JobTaskEmitter } from '@app/emitter';
import { asksForHelp, JsonLogger, createKafka } from '@app/platform';
import type { Kafka } from 'kafkajs';
import { createInterface } from 'node:readline';

type EmitCliCode = 'EMIT.BAD_ARGUMENTS' | 'EMIT.KAFKA_UNREACHABLE' | 'EMIT.TOPIC_NOT_FOUND';

/** A failure the user can act on: printed as `<code>: <message>`, exit 2 for bad input, 1 for the cluster. */
class EmitCliError extends Error {
  constructor(
    readonly code: EmitCliCode,
    message: string,
  ) {
    super(message);
    this.name = 'EmitCliError';
  }
}

const USAGE = `usage: npm run -s emit -- '<event JSON>' ['<event JSON>' ...]
       ... | npm run -s emit           (one event per line of stdin)
Every event is checked with the projector's rules first; one that would be dead-lettered stops the run before
anything is sent (exit 2). The topic and brokers come from the environment (EVENTS_TOPIC, KAFKA_BROKERS) and,
for what it does not set, from .env as for every npm script that starts our programs (JOBTASK_ENV_FILE names
another file; scripts/env-file.sh).`;

async function readEvents(args: string[]): Promise<string[]> {
  if (args.length > 0) return args;
  if (process.stdin.isTTY)
    process.stderr.write('reading events from stdin, one per line (Ctrl-D ends)\n');
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin }))
    if (line.trim()) lines.push(line);
  return lines;
}

function parseAll(texts: string[]): unknown[] {
  return texts.map((text, i) => {
    // An event is a JSON object; `--topic` or `-v` is someone expecting options this command does not have.
    if (text.startsWith('-'))
      throw new EmitCliError(
        'EMIT.BAD_ARGUMENTS',
        `unknown option ${text}: events are JSON objects; the topic and brokers come from EVENTS_TOPIC and KAFKA_BROKERS (npm run -s emit -- --help)`,
      );
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new EmitCliError(
        'EMIT.BAD_ARGUMENTS',
        `event ${i} is not JSON: ${(error as Error).message} (npm run -s emit -- --help for the usage)`,
      );
    }
  });
}

/*
 * The broker does not create topics on a produce (auto.create.topics.enable=false), and kafkajs would retry the
 * metadata request for ~20 s and end with "This server does not host this topic-partition", which names neither
 * the topic nor the variable.
 */
async function checkTopic(kafka: Kafka, topic: string, brokers: readonly string[]): Promise<void> {
  const where = brokers.join(',');
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new EmitCliError(
      'EMIT.KAFKA_UNREACHABLE',
      `cannot reach Kafka at ${where} (KAFKA_BROKERS): ${detail}; is the stack up (npm run stack:status)?`,
    );
  }
  try {
    if (!(await admin.listTopics()).includes(topic))
      throw new EmitCliError(
        'EMIT.TOPIC_NOT_FOUND',
        `the events topic ${topic} does not exist on ${where} (EVENTS_TOPIC); the projector creates it when it starts (npm start), so start it first or fix EVENTS_TOPIC`,
      );
  } finally {
    await admin.disconnect();
  }
}

async function main(args: string[]): Promise<void> {
  if (asksForHelp(args)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadProjectorConfig();
  const events = parseAll(await readEvents(args));
  // kafkajs's lines are diagnostics, not output: they go to stderr with the error they lead to.
  const kafka = createKafka(
    { ...config.kafka, clientId: `${config.kafka.clientId}-emit` },
    new JsonLogger('warn', 'emit', (line) => process.stderr.write(`${line}\n`)),
  );
  await checkTopic(kafka, config.kafka.topic, config.kafka.brokers);
  const emitter = new JobTaskEmitter({
    kafka,
    topic: config.kafka.topic,
    maxEventBytes: config.projector.maxEventBytes,
  });
  try {
    await emitter.emitAll(events);
    process.stderr.write(`sent ${events.length} event(s) to ${config.kafka.topic}\n`);
  } finally {
    await emitter.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const refused =
    (error instanceof EmitCliError && error.code === 'EMIT.BAD_ARGUMENTS') ||
    error instanceof EventRejectedError ||
    error instanceof ConfigError;
  const code = (error as { code?: unknown }).code;
  const prefix = typeof code === 'string' ? `${code}: ` : '';
  process.stderr.write(`${prefix}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(refused ? 2 : 1);
});
