// The dead-letter workflow for operators (docs/operations.md): summarise, inspect and replay the DLQ topic.
import { loadProjectorConfig } from '@app/config';
import { JsonLogger, createKafka } from '@app/platform';
import { readDeadLetters } from './dead-letter.reader';
import { DlqArgsError, parseDlqArgs, USAGE, type DlqCommand } from './dlq-args';
import { checkOffsets, coordinates, planReplay, selectForReplay } from './dlq-replay';
import { formatDeadLetter, selectForShow } from './dlq-show';
import { formatSummary, summarise } from './dlq-summary';
import { replayDeadLetters } from './replay.runner';
import { inspectTopics } from './topic-layout';

async function run(command: DlqCommand): Promise<void> {
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadProjectorConfig();
  const { dlqTopic, topic } = config.kafka;
  // stdout is the report (operators redirect it); kafkajs's retry lines belong with the errors.
  const kafka = createKafka(
    { ...config.kafka, clientId: `${config.kafka.clientId}-dlq` },
    new JsonLogger('error', 'dlq', (line) => process.stderr.write(`${line}\n`)),
  );
  const spans = await inspectTopics(kafka, {
    brokers: config.kafka.brokers,
    dlqTopic,
    eventsTopic: command.command === 'replay' ? topic : null,
  });
  if (command.command === 'replay' && 'offsets' in command.select)
    checkOffsets(dlqTopic, spans, command.select.offsets);
  const records = await readDeadLetters(kafka, dlqTopic, spans);
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
      const { send, copies } = planReplay(
        dlqTopic,
        records,
        selectForReplay(records, command.select),
      );
      const skipped =
        copies.length === 0
          ? ''
          : ` (${command.dryRun ? 'skipping' : 'skipped'} ${copies.length} ${copies.length === 1 ? 'copy' : 'copies'} of them)`;
      if (command.dryRun) {
        for (const r of send)
          process.stdout.write(
            `would replay ${coordinates(r)} ${r.reason} key=${r.key?.toString() ?? 'null'}\n`,
          );
        for (const { record, of } of copies)
          process.stdout.write(
            `would skip ${coordinates(record)} (a copy of ${coordinates(of)})\n`,
          );
        process.stdout.write(
          `dry run: ${send.length} record(s) would be replayed from ${dlqTopic} to ${topic}${skipped}\n`,
        );
        return;
      }
      const sent = send.length === 0 ? 0 : await replayDeadLetters(kafka, dlqTopic, topic, send);
      process.stdout.write(`replayed ${sent} record(s) from ${dlqTopic} to ${topic}${skipped}\n`);
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
  // A bad setting exits 1 like every other app (docs/operations.md); 2 is for a mistyped command line.
  const usage = error instanceof DlqArgsError;
  const code =
    typeof (error as { code?: unknown }).code === 'string'
      ? `${(error as { code: string }).code}: `
      : '';
  process.stderr.write(`${code}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(usage ? 2 : 1);
});
