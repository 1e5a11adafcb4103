import type { Message } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StackClients } from './stack.clients';

/** Produces `messages` over about `durationMs`, in slices, so faults can be injected mid-stream. */
export async function producePaced(
  stack: StackClients,
  messages: readonly Message[],
  durationMs: number,
): Promise<void> {
  const slices = 20;
  const size = Math.ceil(messages.length / slices);
  for (let i = 0; i < messages.length; i += size) {
    await stack.produce(messages.slice(i, i + size));
    await sleep(durationMs / slices);
  }
}

/** Polls until `condition` holds; throws with `describe()` after the timeout. */
export async function eventually(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) return;
    await sleep(200);
  }
  throw new Error(`condition not met within ${timeoutMs} ms: ${describe()}`);
}

/** Sum of the group's committed offsets on the events topic (-1 for "none" counts as 0). */
export async function committedTotal(
  stack: StackClients,
  groupId: string,
  topic: string,
): Promise<number> {
  const admin = await stack.kafkaAdmin();
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}
