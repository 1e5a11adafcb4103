import { credentials, loadPackageDefinition, Metadata } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer } from '@grpc/proto-loader';
import { DOMAIN } from './grpc/job-task.fixture';
import { serviceClient } from './grpc/job-task-grpc.client';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import {
  decodeFile,
  definedTypes,
  descriptorSetOf,
  type FileDescriptor,
  referencedTypes,
} from './grpc/descriptor-set';
import { ReflectionClient } from './grpc/reflection.client';

const SERVICE = 'spaceone.api.power_scheduler.v1.JobTask';

describe('gRPC server reflection', () => {
  let suite: GrpcSuite;
  let reflection: ReflectionClient;
  beforeAll(async () => {
    suite = await startGrpcSuite();
    reflection = new ReflectionClient(suite.api.grpcAddress);
  });
  afterAll(async () => {
    reflection?.close();
    await stopGrpcSuite(suite);
  });

  it('should list the JobTask service', async () => {
    await expect(reflection.listServices()).resolves.toContain(SERVICE);
  });

  it('should describe list and stat with their message types', async () => {
    const [file] = (await reflection.fileContainingSymbol(SERVICE)).map(decodeFile);
    const service = file?.service?.find((s) => s.name === 'JobTask');
    expect(service?.method.map((m) => [m.name, m.inputType, m.outputType])).toEqual([
      [
        'list',
        '.spaceone.api.power_scheduler.v1.JobTaskQuery',
        '.spaceone.api.power_scheduler.v1.JobTasksInfo',
      ],
      ['stat', '.spaceone.api.power_scheduler.v1.JobTaskStatQuery', '.google.protobuf.Struct'],
    ]);
  });

  it('should send descriptors that link as protoc would: declared, resolvable dependencies', async () => {
    const files = (await reflection.fileContainingSymbol(SERVICE)).map(decodeFile);
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const file of files) {
      const visible = new Set([
        ...definedTypes(file),
        ...(file.dependency ?? []).flatMap((d) => definedTypes(byName.get(d) as FileDescriptor)),
      ]);
      expect(referencedTypes(file).filter((t) => !visible.has(t))).toEqual([]);
    }
  });

  it('should answer file_by_filename for every dependency, as grpcurl asks', async () => {
    const [root] = (await reflection.fileContainingSymbol(SERVICE)).map(decodeFile);
    for (const dependency of root?.dependency ?? []) {
      const [file] = (await reflection.fileByFilename(dependency)).map(decodeFile);
      expect(file?.name).toBe(dependency);
    }
    expect(root?.dependency).toEqual(['google_protobuf.proto', 'spaceone_api_core_v1.proto']);
  });

  it('should be enough for a client without the .proto files to call list', async () => {
    const set = descriptorSetOf(await reflection.fileContainingSymbol(SERVICE));
    const definition = loadFileDescriptorSetFromBuffer(set, { keepCase: true, enums: String });
    const JobTask = serviceClient(loadPackageDefinition(definition), SERVICE);
    const client = new JobTask(suite.api.grpcAddress, credentials.createInsecure());
    try {
      type Answer = { total_count?: number };
      type Unary = (r: object, m: Metadata, done: (e: Error | null, a: Answer) => void) => void;
      const list = (client as unknown as { list: Unary }).list;
      const answer = await new Promise<Answer>((resolve, reject) => {
        list.call(client, { domain_id: DOMAIN }, new Metadata(), (error, a) =>
          error ? reject(error) : resolve(a),
        );
      });
      expect(answer.total_count).toBe(6);
    } finally {
      client.close();
    }
  });
});
