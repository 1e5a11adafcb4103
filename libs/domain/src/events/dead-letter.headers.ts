/**
 * The headers the projector adds to a dead-letter record (UTF-8 strings). One definition for the
 * projector that writes them, the dlq tool that reads them and the published contract.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'dlq.reason',
  message: 'dlq.message',
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
} as const;

/**
 * Set by `npm run dlq -- replay` on a record it re-publishes to the events topic: `<dlq topic>/<partition>/<offset>`
 * of the dead letter it came from. The projector ignores it (and keeps it, should the record be dead-lettered again).
 */
export const REPLAYED_FROM_HEADER = 'replayed-from';
