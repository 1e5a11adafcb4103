import type { JsonLogger } from '@app/platform';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { DLQ_RECORD_HEADROOM_BYTES } from '../projector.settings';

/** Kafka's largest max.message.bytes (an int). */
const KAFKA_INT_MAX = 2_147_483_647;

export interface DeadLetterTopicSpec {
  topic: string;
  dlqTopic: string;
  partitions: number;
  /** Whether the dead-letter topic is there already (then it is only checked). */
  exists: boolean;
}

/**
 * Makes the dead-letter topic take any record the events topic takes plus what dead-lettering adds
 * (DLQ_RECORD_HEADROOM_BYTES): a record it refused would stop its partition until an operator raised the limit.
 * Creates it so when missing; an existing one is only checked, and a smaller limit is logged with the command that
 * fixes it (changing an operator's topic is theirs to decide). A cluster that will not say its limits (no
 * DescribeConfigs right) or will not take the setting (a managed Kafka's cap) gets the topic anyway, with a
 * warning: start-up must not wait on a check. Resolves whether the topic was created here.
 */
export async function ensureDeadLetterTopicFits(
  admin: Admin,
  spec: DeadLetterTopicSpec,
  logger: JsonLogger,
): Promise<boolean> {
  const eventsLimit = await maxMessageBytes(admin, spec.topic, logger);
  const needs =
    eventsLimit === null ? null : Math.min(KAFKA_INT_MAX, eventsLimit + DLQ_RECORD_HEADROOM_BYTES);
  const created = spec.exists ? false : await createSized(admin, spec, needs, logger);
  if (needs === null) return created;
  const dlqLimit = await maxMessageBytes(admin, spec.dlqTopic, logger);
  if (dlqLimit !== null && dlqLimit < needs) {
    logger.event(
      'warn',
      'dead-letter topic max.message.bytes is too small for copies of the largest events',
      {
        topic: spec.topic,
        dlqTopic: spec.dlqTopic,
        eventsMaxMessageBytes: eventsLimit,
        dlqMaxMessageBytes: dlqLimit,
        fix: `kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${spec.dlqTopic} --add-config max.message.bytes=${needs}`,
      },
    );
  }
  return created;
}

async function createSized(
  admin: Admin,
  spec: DeadLetterTopicSpec,
  needs: number | null,
  logger: JsonLogger,
): Promise<boolean> {
  const create = (configEntries: { name: string; value: string }[]) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: spec.dlqTopic, numPartitions: spec.partitions, configEntries }],
    });
  if (needs === null) return create([]);
  try {
    return await create([{ name: 'max.message.bytes', value: String(needs) }]);
  } catch (error) {
    if (!refusesTheSetting(error)) throw error;
    logger.event('warn', 'the cluster refused max.message.bytes for the dead-letter topic', {
      dlqTopic: spec.dlqTopic,
      maxMessageBytes: needs,
      error: error instanceof Error ? error.message : String(error),
    });
    return create([]);
  }
}

/** A topic's effective max.message.bytes (its own setting, else the broker's message.max.bytes); null if unreadable. */
async function maxMessageBytes(
  admin: Admin,
  topic: string,
  logger: JsonLogger,
): Promise<number | null> {
  try {
    const { resources } = await describeOnceVisible(admin, topic);
    const entry = resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes');
    const value = Number(entry?.configValue);
    if (Number.isSafeInteger(value)) return value;
    return unreadable(
      topic,
      `no max.message.bytes in the answer (${JSON.stringify(entry ?? null)})`,
    );
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return unreadable(topic, error instanceof Error ? error.message : String(error));
  }

  function unreadable(name: string, why: string): null {
    logger.event('warn', 'cannot read max.message.bytes; the dead-letter topic is not sized', {
      topic: name,
      error: why,
    });
    return null;
  }
}

/**
 * Waits before each new try when the broker asked does not know the topic yet. The topic exists (it was listed, or
 * created here or by a racing starter), but a creation reaches a broker's metadata a moment after the controller
 * took it, and kafkajs's describeConfigs gives up at once on UNKNOWN_TOPIC_OR_PARTITION. After ~3 s the error fails
 * the step.
 */
export const TOPIC_VISIBILITY_WAITS_MS = [50, 100, 200, 400, 800, 1600];

async function describeOnceVisible(
  admin: Admin,
  topic: string,
): ReturnType<Admin['describeConfigs']> {
  const describe = () =>
    admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] },
      ],
    });
  for (const waitMs of TOPIC_VISIBILITY_WAITS_MS) {
    try {
      return await describe();
    } catch (error) {
      if ((error as { type?: unknown }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  return describe();
}

const SETTING_REFUSALS = new Set(['INVALID_CONFIG', 'POLICY_VIOLATION', 'INVALID_REQUEST']);

/** kafkajs reports a topic the broker would not create as an aggregate of per-topic protocol errors. */
function refusesTheSetting(error: unknown): boolean {
  const errors = (error as { errors?: unknown }).errors;
  const all = Array.isArray(errors) ? errors : [error];
  return all.some((e) => SETTING_REFUSALS.has(String((e as { type?: unknown }).type)));
}

/**
 * The broker's own "no" (an authorization failure, an unsupported request): asking again will not change it.
 * Anything else, a broker out of reach among them, fails the step, which start-up retries like every other.
 */
function isRefusal(error: unknown): boolean {
  const { type, retriable } = error as { type?: unknown; retriable?: unknown };
  return typeof type === 'string' && retriable === false;
}
