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

/**
 * The gRPC side of the hybrid app: the JobTask service on `host:port`, plus server reflection so
 * that grpcurl and GUI clients need no local copy of the protos.
 */
export function jobTaskGrpcOptions(port: number, host = '0.0.0.0'): GrpcOptions {
  const protoRoot = locateProtoRoot();
  return {
    transport: Transport.GRPC,
    options: {
      url: `${host}:${port}`,
      package: JOB_TASK_PACKAGE,
      protoPath: JOB_TASK_PROTO,
      loader: { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot] },
      // Finish in-flight calls on shutdown instead of cutting them off.
      gracefulShutdown: true,
      onLoadPackageDefinition: (definition: PackageDefinition, server: unknown) => {
        new ReflectionService(linkFileDependencies(definition)).addToServer(
          server as Parameters<ReflectionService['addToServer']>[0],
        );
      },
    },
  };
}
