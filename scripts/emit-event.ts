// Sends job-task events (JSON objects given as arguments or one per stdin line) to the events topic,
// keyed by their job_task_id, for demos and manual checks: npm run -s emit -- '{"event_id": …}'
import { loadProjectorConfig } from '@app/config';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createInterface } from 'node:readline';

async function readEvents(): Promise<string[]> {
  const args = process.argv.slice(2);
  if (args.length > 0) return args;
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin }))
    if (line.trim()) lines.push(line);
  return lines;
}

async function main(): Promise<void> {
  const config = loadProjectorConfig();
  const events = await readEvents();
  const producer = new Kafka({ brokers: config.kafka.brokers, logLevel: logLevel.WARN }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const messages = events.map((value) => {
      const parsed = JSON.parse(value) as { job_task_id?: unknown };
      return { key: typeof parsed.job_task_id === 'string' ? parsed.job_task_id : null, value };
    });
    await producer.send({ topic: config.kafka.topic, acks: -1, messages });
    process.stderr.write(`sent ${messages.length} event(s) to ${config.kafka.topic}\n`);
  } finally {
    await producer.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
