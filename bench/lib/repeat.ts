import { log } from './log';
import { stackPids, waitForElasticsearch } from './stack';

const EXTRA_ATTEMPTS = 2;

export interface Attempted<T> {
  results: T[];
  /** Attempts thrown away: an error, or a stack service restarted under the measurement. */
  discarded: string[];
}

/**
 * Runs a measurement `reps` times. An attempt during which Elasticsearch or Kafka was restarted (another
 * engineer's fault test) or that failed is discarded and run again, at most EXTRA_ATTEMPTS times in all.
 */
export async function repeat<T>(
  label: string,
  reps: number,
  attempt: (rep: number) => Promise<T>,
): Promise<Attempted<T>> {
  const results: T[] = [];
  const discarded: string[] = [];
  for (let n = 0; results.length < reps && n < reps + EXTRA_ATTEMPTS; n += 1) {
    await waitForElasticsearch();
    const before = await stackPids();
    try {
      const result = await attempt(n);
      const after = await stackPids();
      if (before.elasticsearch !== after.elasticsearch || before.kafka !== after.kafka) {
        throw new Error('a stack service was restarted during the measurement');
      }
      results.push(result);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      discarded.push(`${label} #${n + 1}: ${reason}`);
      log(`${label} #${n + 1} discarded: ${reason}`);
    }
  }
  if (results.length === 0)
    throw new Error(`${label}: every attempt failed (${discarded.join('; ')})`);
  return { results, discarded };
}
