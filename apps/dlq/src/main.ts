// The dead-letter workflow for operators (docs/operations.md): summarise, inspect and replay the DLQ topic.
import { ConfigError, loadProjectorConfig } from '@app/config';
import { JsonLogger, createKafka } from '@app/platform';
import { readDeadLetters } from './dead-letter.reader';
import { DlqArgsError, parseDlqArgs, USAGE, type DlqCommand } from './dlq-args';
import { selectForReplay } from './dlq-replay';
import { formatDeadLetter, selectForShow } from './dlq-show';
import { formatSummary, summarise } from './dlq-summary';
import { replayDeadLetters } from './replay.runner';

async function run(command: DlqCommand): Promise<void> {
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadProjectorConfig();
  const { dlqTopic, topic } = config.kafka;
  const kafka = createKafka(
    { ...config.kafka, clientId: `${config.kafka.clientId}-dlq` },
    new JsonLogger('error', 'dlq'),
  );
  const records = await readDeadLetters(kafka, dlqTopic);
  switch (command.command) {
    case 'summary':
      process.stdout.write(formatSummary(summarise(dlqTopic, records)));
      return;
    case 'show': {
      const shown = selectForShow(records, command.reason, command.limit);
      for (const record of shown) process.stdout.write(formatDeadLetter(record));
      const matching =
        command.reason === null
          ? records.length
          : records.filter((r) => r.reason === command.reason).length;
      process.stdout.write(
        `shown ${shown.length} of ${matching} matching dead letter(s) in ${dlqTopic}\n`,
      );
      return;
    }
    case 'replay': {
      const selected = selectForReplay(records, command.select);
      if (command.dryRun) {
        for (const r of selected)
          process.stdout.write(
            `would replay ${r.partition}:${r.offset} ${r.reason} key=${r.key?.toString() ?? 'null'}\n`,
          );
        process.stdout.write(
          `dry run: ${selected.length} record(s) would be replayed from ${dlqTopic} to ${topic}\n`,
        );
        return;
      }
      const sent =
        selected.length === 0 ? 0 : await replayDeadLetters(kafka, dlqTopic, topic, selected);
      process.stdout.write(`replayed ${sent} record(s) from ${dlqTopic} to ${topic}\n`);
      return;
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unreachable)}`);
    }
  }
}

async function main(): Promise<void> {
  await run(parseDlqArgs(process.argv.slice(2)));
}

main().catch((error: unknown) => {
  const usage = error instanceof DlqArgsError || error instanceof ConfigError;
  const code =
    typeof (error as { code?: unknown }).code === 'string'
      ? `${(error as { code: string }).code}: `
      : '';
  process.stderr.write(`${code}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(usage ? 2 : 1);
});
