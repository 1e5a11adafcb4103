import { loadSync } from '@grpc/proto-loader';
import { varint } from './wire-bytes';

export interface FieldDescriptor {
  name: string;
  typeName?: string;
}
export interface MessageDescriptor {
  name: string;
  field?: FieldDescriptor[];
  nestedType?: MessageDescriptor[];
  enumType?: { name: string }[];
}
export interface FileDescriptor {
  name: string;
  package?: string;
  dependency?: string[];
  messageType?: MessageDescriptor[];
  enumType?: { name: string }[];
  service?: { name: string; method: { name: string; inputType: string; outputType: string }[] }[];
}

const codec = loadSync('google/protobuf/descriptor.proto', { longs: String, enums: String })[
  'google.protobuf.FileDescriptorProto'
] as unknown as { deserialize(bytes: Buffer): FileDescriptor };

export const decodeFile = (bytes: Buffer): FileDescriptor => codec.deserialize(bytes);

/** Encoded FileDescriptorProtos → an encoded FileDescriptorSet (`repeated file = 1`). */
export function descriptorSetOf(files: readonly Buffer[]): Buffer {
  return Buffer.concat(files.flatMap((file) => [Buffer.from([0x0a]), varint(file.length), file]));
}

/** Every type a file defines, fully qualified (".pkg.Msg", ".pkg.Msg.Nested"). */
export function definedTypes(file: FileDescriptor): string[] {
  const scope = file.package ? `.${file.package}` : '';
  const ofMessage = (m: MessageDescriptor, prefix: string): string[] => {
    const name = `${prefix}.${m.name}`;
    return [
      name,
      ...(m.enumType ?? []).map((e) => `${name}.${e.name}`),
      ...(m.nestedType ?? []).flatMap((n) => ofMessage(n, name)),
    ];
  };
  return [
    ...(file.enumType ?? []).map((e) => `${scope}.${e.name}`),
    ...(file.messageType ?? []).flatMap((m) => ofMessage(m, scope)),
  ];
}

/** Every type a file refers to: field types and method input/output types. */
export function referencedTypes(file: FileDescriptor): string[] {
  const ofMessage = (m: MessageDescriptor): string[] => [
    ...(m.field ?? []).flatMap((f) => (f.typeName ? [f.typeName] : [])),
    ...(m.nestedType ?? []).flatMap(ofMessage),
  ];
  return [
    ...(file.messageType ?? []).flatMap(ofMessage),
    ...(file.service ?? []).flatMap((s) => s.method.flatMap((m) => [m.inputType, m.outputType])),
  ];
}
