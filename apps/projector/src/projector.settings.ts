/*
 * Tuning that libs/config does not (yet) expose. Each is a candidate environment variable, listed in
 * docs/projector.md; the values suit one projector per 3–12 partitions on a small box.
 */

/** A member that stops heartbeating is evicted after this long, so a killed projector's partitions move quickly. */
export const KAFKA_SESSION_TIMEOUT_MS = 10_000;
export const KAFKA_HEARTBEAT_INTERVAL_MS = 1_000;
/** How long a fetch waits on the broker for data; bounds the latency of an idle projector. */
export const KAFKA_MAX_WAIT_MS = 500;
/** Per-partition fetch size: ~2,500 events of ~400 bytes, about one maxBatchEvents chunk. */
export const KAFKA_MAX_BYTES_PER_PARTITION = 1_048_576;
/** How often an eachBatch waiting on Elasticsearch heartbeats, well inside the session timeout. */
export const HEARTBEAT_WHILE_WAITING_MS = 1_000;
/**
 * The most a dead-letter produce carries. kafkajs puts all of one send's messages for a partition into one record
 * batch, and the broker refuses a batch over its message.max.bytes (1 MB by default) as a whole: a window's
 * rejections sent at once would fail on every retry and stop the partition. A larger record goes alone (the broker
 * took it once already).
 */
export const DLQ_SEND_MAX_BYTES = 512 * 1024;
/**
 * What a dead-letter record may add to the record it copies: the five dlq.* headers, their message bounded by
 * DLQ_MESSAGE_MAX_CHARS, and framing. The dead-letter topic is created to accept the events topic's largest record
 * plus this, so that no record the events topic took can be refused there and stop its partition.
 */
export const DLQ_RECORD_HEADROOM_BYTES = 64 * 1024;
/** A longer dlq.message (a path through keys an emitter chose) is cut: it explains, the record itself is kept whole. */
export const DLQ_MESSAGE_MAX_CHARS = 2_048;
/** Read → fold → conditional write rounds per flush before the remaining tasks are retried with backoff. */
export const MAX_WRITE_ROUNDS = 16;

/** The index-creation lock: long enough to create an index and alias, short enough to recover from a crash. */
export const INDEX_LOCK_TTL_MS = 30_000;
/** How long a starter that lost the lock waits for the winner's alias before creating it idempotently itself. */
export const INDEX_LOCK_WAIT_MS = 10_000;
/** Redis never holds up start-up or projection longer than this. */
export const REDIS_DEADLINE_MS = 500;
/** Generation bumps of flushes this close together are merged into one Redis MULTI. */
export const GENERATION_COALESCE_MS = 20;
/** At most one "Redis is down" warning per this period, instead of one per batch. */
export const REDIS_WARNING_EVERY_MS = 30_000;
/** Start-up steps (topics, index) retry with this cap while a dependency is down, instead of exiting. */
export const STARTUP_RETRY_MAX_MS = 5_000;

/**
 * Priority of the index template that forbids auto-creating the read model's indices: only the highest-priority
 * template matching a name applies, so it must outrank any template an operator might add for these names.
 */
export const NO_AUTO_CREATE_TEMPLATE_PRIORITY = 1_000_000_000;
