import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { type GrpcOptions, Transport } from '@nestjs/microservices';
import {
  JOB_TASK_PACKAGE,
  JOB_TASK_PROTO,
  locateProtoRoot,
  PROTO_LOADER_OPTIONS,
} from './proto-files.locator';
import { linkFileDependencies } from './reflection-descriptors.linker';
import { tolerateUndecodableRequests } from './undecodable-request';

/** MAX_BODY_BYTES's default: REST answers a larger body with 413. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;

/**
 * The gRPC side of the hybrid app: the JobTask service on `host:port`, plus server reflection so
 * that grpcurl and GUI clients need no local copy of the protos.
 *
 * Requests are capped as REST bodies are, not at grpc-js's 4 MiB: decoding is far costlier per byte
 * than JSON.parse (a 4 MiB ListValue is a million objects, seconds of blocked event loop), so the
 * larger cap would let one gRPC call stall every other request.
 */
export function jobTaskGrpcOptions(
  port: number,
  host = '0.0.0.0',
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
): GrpcOptions {
  const protoRoot = locateProtoRoot();
  return {
    transport: Transport.GRPC,
    options: {
      url: `${host}:${port}`,
      maxReceiveMessageLength: maxMessageBytes,
      package: JOB_TASK_PACKAGE,
      protoPath: JOB_TASK_PROTO,
      loader: { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot] },
      // Finish in-flight calls on shutdown instead of cutting them off.
      gracefulShutdown: true,
      // Called before grpc-js builds the service from `definition`, so the wrapped deserializers serve.
      onLoadPackageDefinition: (definition: PackageDefinition, server: unknown) => {
        tolerateUndecodableRequests(definition, `${JOB_TASK_PACKAGE}.JobTask`);
        new ReflectionService(linkFileDependencies(definition)).addToServer(
          server as Parameters<ReflectionService['addToServer']>[0],
        );
      },
    },
  };
}
