import {
  credentials,
  type GrpcObject,
  loadPackageDefinition,
  Metadata,
  type ServiceClientConstructor,
  type ServiceError,
  type CallOptions as CallOptionsOfGrpc,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type {
  JobTaskQueryMessage,
  JobTasksInfoMessage,
  JobTaskStatQueryMessage,
  StructMessage,
} from '../../src/grpc/job-task.messages';
import {
  JOB_TASK_PROTO,
  locateProtoRoot,
  PROTO_LOADER_OPTIONS,
} from '../../src/grpc/proto-files.locator';

type Callback = (error: ServiceError | null, answer?: unknown) => void;
type Unary = (
  request: object,
  metadata: Metadata,
  options: CallOptionsOfGrpc,
  callback: Callback,
) => void;

export interface CallOptions {
  apiKey?: string;
  requestId?: string;
  /** Sent as given, each pair a value of its own (so a key may be repeated). */
  metadata?: readonly (readonly [string, string])[];
  /** Milliseconds from now. */
  deadlineMs?: number;
}

/** Walks a loaded package ("a.b.C") down to a service client constructor. */
export function serviceClient(root: GrpcObject, name: string): ServiceClientConstructor {
  const found = name.split('.').reduce<unknown>((node, part) => (node as GrpcObject)[part], root);
  if (typeof found !== 'function') throw new Error(`${name} is not a service`);
  return found as ServiceClientConstructor;
}

/** The raw @grpc/grpc-js JobTask client, from the project's own .proto files, over plaintext. */
export function jobTaskServiceClient(address: string): InstanceType<ServiceClientConstructor> {
  const definition = loadSync(JOB_TASK_PROTO, {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [locateProtoRoot()],
  });
  const JobTask = serviceClient(
    loadPackageDefinition(definition),
    'spaceone.api.power_scheduler.v1.JobTask',
  );
  return new JobTask(address, credentials.createInsecure());
}

/** A plain @grpc/grpc-js client of JobTask, built from the project's own .proto files. */
export class JobTaskGrpcClient {
  private readonly client: InstanceType<ServiceClientConstructor>;

  constructor(address: string) {
    this.client = jobTaskServiceClient(address);
  }

  list(request: JobTaskQueryMessage, options: CallOptions = {}): Promise<JobTasksInfoMessage> {
    return this.call('list', request, options) as Promise<JobTasksInfoMessage>;
  }

  stat(request: JobTaskStatQueryMessage, options: CallOptions = {}): Promise<StructMessage> {
    return this.call('stat', request, options) as Promise<StructMessage>;
  }

  /** Sends `bytes` as the request message of `method` as they are, and returns the answer's bytes. */
  raw(method: 'list' | 'stat', bytes: Buffer, options: CallOptions = {}): Promise<Buffer> {
    const identity = (b: Buffer): Buffer => b;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        `/spaceone.api.power_scheduler.v1.JobTask/${method}`,
        identity,
        identity,
        bytes,
        metadataOf(options),
        callOptionsOf(options),
        (error, answer) => (error ? reject(error) : resolve(answer as Buffer)),
      );
    });
  }

  close(): void {
    this.client.close();
  }

  private call(method: 'list' | 'stat', request: object, options: CallOptions): Promise<unknown> {
    const unary = (this.client as unknown as Record<'list' | 'stat', Unary>)[method];
    return new Promise((resolve, reject) => {
      unary.call(
        this.client,
        request,
        metadataOf(options),
        callOptionsOf(options),
        (error, answer) => (error ? reject(error) : resolve(answer)),
      );
    });
  }
}

function metadataOf(options: CallOptions): Metadata {
  const metadata = new Metadata();
  if (options.apiKey) metadata.set('authorization', `Bearer ${options.apiKey}`);
  if (options.requestId) metadata.set('x-request-id', options.requestId);
  for (const [key, value] of options.metadata ?? []) metadata.add(key, value);
  return metadata;
}

function callOptionsOf(options: CallOptions): CallOptionsOfGrpc {
  return options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs };
}

/** The failure of a call that is expected to fail, for assertions on code, details and trailers. */
export async function grpcFailure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded');
}
