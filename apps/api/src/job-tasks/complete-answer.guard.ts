import { ApiError } from '../errors/api-error';

/** What every search, count and point-in-time response says about the shards that answered it. */
export interface ShardsHeader {
  total: number;
  successful: number;
  failed: number;
  skipped?: number;
}

export interface AnswerCompleteness {
  _shards?: ShardsHeader;
  timed_out?: boolean;
}

/**
 * Elasticsearch answered from part of the read model only. A 503, never a 200: the part that is
 * missing would make totals, pages and aggregations silently wrong, and retrying once the cluster
 * has promoted a replica or brought the shard back gives the full answer.
 */
export class IncompleteAnswerError extends ApiError {
  readonly code = 'ERROR_UNAVAILABLE';
  readonly status = 503;
  constructor(reason: string) {
    super(`Elasticsearch answered from part of the read model only (${reason}); retry later.`);
  }
}

/**
 * Throws unless every shard of the index took part: none failed, none timed out, and the ones that
 * succeeded or were skipped (a shard that provably holds no match) add up to all of them. A response
 * without a shard header cannot prove it is complete, so it is refused too.
 */
export function assertCompleteAnswer(response: AnswerCompleteness): void {
  if (response.timed_out === true) throw new IncompleteAnswerError('the search timed out');
  const shards = response._shards;
  if (shards === undefined) throw new IncompleteAnswerError('no shard statistics in the response');
  if (shards.failed > 0) {
    throw new IncompleteAnswerError(`${shards.failed} of ${shards.total} shards failed`);
  }
  const answered = shards.successful + (shards.skipped ?? 0);
  if (answered < shards.total) {
    throw new IncompleteAnswerError(`${answered} of ${shards.total} shards answered`);
  }
}
