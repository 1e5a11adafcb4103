import type { ApiConfig } from '@app/config';
import { parseJobTaskListRequest, parseStatRequest, runJobTaskList, runStat } from '@app/query';
import { Inject, Injectable } from '@nestjs/common';
import { API_CLOCK, API_CONFIG, type Clock } from '../api.tokens';
import { assertMayRead, type Caller } from '../auth/domain-access';
import { AnswerCache } from '../cache/answer-cache';
import { JsonAnswer } from '../cache/json-answer';
import { JobTasksSearchRepository } from './job-tasks-search.repository';

@Injectable()
export class JobTasksService {
  constructor(
    private readonly repository: JobTasksSearchRepository,
    private readonly cache: AnswerCache,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(API_CLOCK) private readonly clock: Clock,
  ) {}

  // `signal` aborts when the caller has gone (see JobTasksSearchRepository.forDomain); without one a
  // request runs to its end.
  async list(raw: unknown, caller: Caller, signal?: AbortSignal) {
    return (await this.listAnswer(raw, caller, signal)).value();
  }

  async stat(raw: unknown, caller: Caller, signal?: AbortSignal) {
    return (await this.statAnswer(raw, caller, signal)).value();
  }

  /** The answer with its JSON text, so REST sends a cache hit without parsing and re-serialising it. */
  async listAnswer(raw: unknown, caller: Caller, signal?: AbortSignal) {
    const limits = this.config.api.limits;
    const request = parseJobTaskListRequest(raw, limits);
    assertMayRead(caller, request.domainId);
    const run = () =>
      runJobTaskList(
        request,
        this.repository.forDomain(request.domainId, signal),
        limits,
        this.clock(),
      );
    if (request.dependsOnClock) return JsonAnswer.of(await run());
    return this.cache.through(request.domainId, 'list', request, run);
  }

  async statAnswer(raw: unknown, caller: Caller, signal?: AbortSignal) {
    const limits = this.config.api.limits;
    const request = parseStatRequest(raw, limits);
    assertMayRead(caller, request.domainId);
    // More primaries configured: a single-shard plan would only cost a request thrown away.
    const singleShardPlans = this.config.elasticsearch.readModel.shards === 1;
    const run = () =>
      runStat(
        request,
        this.repository.forDomain(request.domainId, signal),
        { ...limits, singleShardPlans },
        this.clock(),
      );
    if (request.dependsOnClock) return JsonAnswer.of(await run());
    return this.cache.through(request.domainId, 'stat', request, run);
  }
}
