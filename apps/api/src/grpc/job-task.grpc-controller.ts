import type { ApiConfig } from '@app/config';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { API_CONFIG } from '../api.tokens';
import { type Caller, identifyCaller } from '../auth/domain-access';
import { JobTasksService } from '../job-tasks/job-tasks.service';
import { GrpcRequestInterceptor } from '../metrics/grpc-request.interceptor';
import { GrpcExceptionFilter } from './grpc-exception.filter';
import { metadataTexts } from './grpc-metadata.reader';
import type {
  JobTaskQueryMessage,
  JobTasksInfoMessage,
  JobTaskStatQueryMessage,
  StructMessage,
} from './job-task.messages';
import { jobTaskQueryToBody } from './job-task-query.converter';
import { toJobTasksInfoMessage, toStatStruct } from './job-tasks-info.converter';
import { jobTaskStatQueryToBody } from './statistics-query.converter';
import { decoded, type UndecodableRequest } from './undecodable-request';

/** The grpc-js call Nest passes a handler third, as far as the handler reads it. */
type CancellableCall = Pick<ServerUnaryCall<unknown, unknown>, 'cancelled' | 'once' | 'off'>;

/**
 * Runs `work` with a signal that aborts when the call is cancelled: grpc-js raises 'cancelled' when the
 * client cancels, its connection goes, or the deadline passes. (It raises it after every answer too, by
 * then with nothing left to abort, hence the listener is dropped when the work ends.) Aborted without a
 * reason of its own, as the REST signal (caller-gone.signal.ts) is.
 */
async function whileCallLasts<T>(
  call: CancellableCall | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (call?.cancelled) abort();
  else call?.once('cancelled', abort);
  try {
    return await work(controller.signal);
  } finally {
    call?.off('cancelled', abort);
  }
}

/** spaceone.api.power_scheduler.v1.JobTask over gRPC: the REST routes' service, other encoding. */
@Controller()
@UseFilters(GrpcExceptionFilter)
// Bound here, not globally: a hybrid app's global enhancers do not reach its microservice.
@UseInterceptors(GrpcRequestInterceptor)
export class JobTaskGrpcController {
  constructor(
    private readonly jobTasks: JobTasksService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @GrpcMethod('JobTask', 'list')
  async list(
    query: JobTaskQueryMessage | UndecodableRequest,
    metadata: Metadata,
    call?: CancellableCall,
  ): Promise<JobTasksInfoMessage> {
    const caller = this.callerOf(metadata);
    const body = jobTaskQueryToBody(decoded(query));
    const answer = await whileCallLasts(call, (signal) => this.jobTasks.list(body, caller, signal));
    return toJobTasksInfoMessage(answer);
  }

  @GrpcMethod('JobTask', 'stat')
  async stat(
    query: JobTaskStatQueryMessage | UndecodableRequest,
    metadata: Metadata,
    call?: CancellableCall,
  ): Promise<StructMessage> {
    const caller = this.callerOf(metadata);
    const body = jobTaskStatQueryToBody(decoded(query));
    return toStatStruct(
      await whileCallLasts(call, (signal) => this.jobTasks.stat(body, caller, signal)),
    );
  }

  // Authentication comes first, as with the HTTP guard: a bad key is a 401 whatever the body says.
  // Every value is passed, so that a call repeating the key is refused as a REST request is.
  private callerOf(metadata: Metadata): Caller {
    return identifyCaller(metadataTexts(metadata, 'authorization'), this.config.api.apiKeys);
  }
}
