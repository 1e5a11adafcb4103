import { ConfigError, loadProjectorConfig } from '@app/config';
import { asksForHelp, JsonLogger, createKafka } from '@app/platform';
import { simulateScheduler } from './scheduler.simulator';
import { parseSimulateArgs, SIMULATE_USAGE, SimulateArgsError } from './simulate-args.parser';
import { produceSimulated } from './simulated-events.producer';

async function main(argv: readonly string[]): Promise<void> {
  if (asksForHelp(argv)) {
    process.stdout.write(`${SIMULATE_USAGE}\n`);
    return;
  }
  const args = parseSimulateArgs(argv);
  const config = loadProjectorConfig();
  const kafkaConfig = {
    ...config.kafka,
    clientId: `${config.kafka.clientId}-simulator`,
    ...(args.topic && { topic: args.topic }),
    ...(args.brokers && { brokers: args.brokers }),
  };
  const kafka = createKafka(kafkaConfig, new JsonLogger('warn', 'simulator'));
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The broker does not auto-create topics; the projector would create it too, but may not have run yet.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: kafkaConfig.topic, numPartitions: kafkaConfig.topicPartitions }],
    });
  } finally {
    await admin.disconnect();
  }
  const { messages, summary } = simulateScheduler({
    tasks: args.tasks,
    seed: args.seed,
    ...(args.domains !== undefined && { domains: args.domains }),
  });
  process.stderr.write(`sending ${messages.length} events to ${kafkaConfig.topic}…\n`);
  const elapsedMs = await produceSimulated(kafka, kafkaConfig.topic, messages, args.rate);
  const perSecond = Math.round((messages.length * 1_000) / Math.max(1, elapsedMs));
  process.stdout.write(
    `${JSON.stringify({ topic: kafkaConfig.topic, seed: args.seed, rate: args.rate, elapsedMs, perSecond, ...summary }, null, 2)}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof SimulateArgsError || error instanceof ConfigError;
  process.stderr.write(
    `${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(known ? 2 : 1);
});
