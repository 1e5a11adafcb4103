// Sends job-task events (JSON objects given as arguments or one per stdin line) to the events topic through the
// emitter library (libs/emitter): each is checked with the projector's own rules first, and one that would be
// dead-lettered stops the run before anything is sent (exit 2). npm run -s emit -- '{"event_id": …}'
import { ConfigError, loadProjectorConfig } from '@app/config';
import { EmitterError, EventRejectedError, JobTaskEmitter } from '@app/emitter';
import { asksForHelp, JsonLogger, createKafka } from '@app/platform';
import { createInterface } from 'node:readline';

class BadInputError extends Error {}

const USAGE = `usage: npm run -s emit -- '<event JSON>' ['<event JSON>' ...]
       ... | npm run -s emit           (one event per line of stdin)
Every event is checked with the projector's rules first; one that would be dead-lettered stops the run before
anything is sent (exit 2). The topic and brokers come from the environment (EVENTS_TOPIC, KAFKA_BROKERS).`;

async function readEvents(args: string[]): Promise<string[]> {
  if (args.length > 0) return args;
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin }))
    if (line.trim()) lines.push(line);
  return lines;
}

function parseAll(texts: string[]): unknown[] {
  return texts.map((text, i) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new BadInputError(
        `event ${i} is not JSON: ${(error as Error).message} (npm run -s emit -- --help for the usage)`,
      );
    }
  });
}

async function main(args: string[]): Promise<void> {
  if (asksForHelp(args)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadProjectorConfig();
  const events = parseAll(await readEvents(args));
  const kafka = createKafka(
    { ...config.kafka, clientId: `${config.kafka.clientId}-emit` },
    new JsonLogger('warn', 'emit'),
  );
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
    error instanceof BadInputError ||
    error instanceof EventRejectedError ||
    error instanceof ConfigError;
  const code = error instanceof EmitterError ? `${error.code}: ` : '';
  process.stderr.write(`${code}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(refused ? 2 : 1);
});
