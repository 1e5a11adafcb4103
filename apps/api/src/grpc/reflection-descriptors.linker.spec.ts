import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { JOB_TASK_PROTO, locateProtoRoot, PROTO_LOADER_OPTIONS } from './proto-files.locator';
import { linkFileDependencies, resolveTypeName } from './reflection-descriptors.linker';

interface Field {
  name: string;
  jsonName?: string;
  typeName?: string;
}
interface Message {
  name: string;
  field?: Field[];
  nestedType?: Message[];
}
interface File {
  name: string;
  dependency?: string[];
  messageType?: Message[];
  service?: { method: { inputType: string; outputType: string }[] }[];
}

const codec = loadSync('google/protobuf/descriptor.proto', { longs: String, enums: String })[
  'google.protobuf.FileDescriptorProto'
] as unknown as { deserialize(b: Buffer): File };

function filesOf(definition: PackageDefinition): Map<string, File> {
  const def = definition['spaceone.api.power_scheduler.v1.JobTaskInfo'] as {
    fileDescriptorProtos: Buffer[];
  };
  const files = def.fileDescriptorProtos.map((b) => codec.deserialize(b));
  return new Map(files.map((f) => [f.name, f]));
}

const allTypeNames = (file: File): string[] => {
  const ofMessage = (m: Message): string[] => [
    ...(m.field ?? []).flatMap((f) => (f.typeName ? [f.typeName] : [])),
    ...(m.nestedType ?? []).flatMap(ofMessage),
  ];
  const methods = (file.service ?? []).flatMap((s) => s.method);
  return [
    ...(file.messageType ?? []).flatMap(ofMessage),
    ...methods.flatMap((m) => [m.inputType, m.outputType]),
  ];
};

describe(linkFileDependencies.name, () => {
  const loaded = loadSync(JOB_TASK_PROTO, {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [locateProtoRoot()],
  });
  const files = filesOf(linkFileDependencies(loaded));

  it('should list the files each file takes types from', () => {
    expect(files.get('spaceone_api_power_scheduler_v1.proto')?.dependency).toEqual([
      'google_protobuf.proto',
      'spaceone_api_core_v1.proto',
    ]);
    expect(files.get('spaceone_api_core_v1.proto')?.dependency).toEqual(['google_protobuf.proto']);
    expect(files.get('google_protobuf.proto')?.dependency ?? []).toEqual([]);
  });

  it('should qualify every type name fully', () => {
    const names = [...files.values()].flatMap(allTypeNames);
    expect(names).toContain('.spaceone.api.core.v1.Query');
    expect(names).toContain('.google.protobuf.Struct');
    expect(names.filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('should name map entries and well-known fields as protoc does', () => {
    const google = files.get('google_protobuf.proto');
    const struct = google?.messageType?.find((m) => m.name === 'Struct');
    expect(struct?.nestedType?.map((n) => n.name)).toEqual(['FieldsEntry']);
    expect(struct?.field?.[0]?.typeName).toBe('.google.protobuf.Struct.FieldsEntry');
    const value = google?.messageType?.find((m) => m.name === 'Value');
    expect(value?.field?.map((f) => f.name)).toContain('number_value');
    expect(value?.field?.find((f) => f.name === 'number_value')?.jsonName).toBe('numberValue');
  });

  it('should leave the original definition untouched', () => {
    expect(filesOf(loaded).get('spaceone_api_core_v1.proto')?.dependency ?? []).toEqual([]);
  });
});

describe(resolveTypeName.name, () => {
  const known = new Map([
    ['.a.b.T', 1],
    ['.a.b.M.T', 1],
    ['.a.c.U', 1],
  ]);

  it.each([
    ['.a.c.U', '.a.b.M', '.a.c.U'],
    ['T', '.a.b.M', '.a.b.M.T'],
    ['T', '.a.b', '.a.b.T'],
    ['c.U', '.a.b.M', '.a.c.U'],
    ['X', '.a.b', undefined],
    ['.a.X', '.a', undefined],
  ])('should resolve %s from scope %s to %s', (name, scope, full) => {
    expect(resolveTypeName(name, scope, known)).toBe(full);
  });
});
