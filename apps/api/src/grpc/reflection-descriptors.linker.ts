import { loadSync, type PackageDefinition } from '@grpc/proto-loader';

/** The parts of google.protobuf.FileDescriptorProto that linking reads (protobufjs's names). */
interface MessageDescriptor {
  name?: string;
  field?: { name?: string; jsonName?: string; typeName?: string }[];
  nestedType?: MessageDescriptor[];
  enumType?: { name?: string }[];
  options?: { mapEntry?: boolean };
}
interface MethodDescriptor {
  inputType?: string;
  outputType?: string;
}
interface FileDescriptor {
  name?: string;
  package?: string;
  dependency?: string[];
  messageType?: MessageDescriptor[];
  enumType?: { name?: string }[];
  service?: { name?: string; method?: MethodDescriptor[] }[];
}

interface Codec {
  serialize(value: object): Buffer;
  deserialize(bytes: Buffer): object;
}

// proto-loader registers descriptor.proto among protobufjs's bundled files, so no path is needed.
function fileDescriptorCodec(): Codec {
  const definition = loadSync('google/protobuf/descriptor.proto', { longs: String, enums: String });
  return definition['google.protobuf.FileDescriptorProto'] as unknown as Codec;
}

/**
 * proto-loader emits one FileDescriptorProto per package, with an empty `dependency` list and
 * type names relative to their scope (grpc-node issues 2595 and 3018). Strict reflection clients
 * such as grpcurl then fail on `google.protobuf.Struct` or `core.v1.Query`. This rewrites every
 * type name to its fully qualified form, lists the files defining them as dependencies, and
 * returns the definition with the re-encoded descriptors (only reflection needs them).
 */
export function linkFileDependencies(definition: PackageDefinition): PackageDefinition {
  const codec = fileDescriptorCodec();
  const buffers = new Set(Object.values(definition).flatMap(descriptorBuffers));
  const files = new Map([...buffers].map((b) => [b, codec.deserialize(b) as FileDescriptor]));
  const owners = new Map<string, string>();
  for (const file of files.values()) indexSymbols(file, owners);
  const relinked = new Map<Buffer, Buffer>();
  for (const [buffer, file] of files) {
    if (file.package === 'google.protobuf') file.messageType?.forEach(useProtoFieldNames);
    const used = qualifyTypeNames(file, owners);
    const dependency = [...used].flatMap((type) => {
      const owner = owners.get(type);
      return owner !== undefined && owner !== file.name ? [owner] : [];
    });
    relinked.set(buffer, codec.serialize({ ...file, dependency: [...new Set(dependency)].sort() }));
  }
  return Object.fromEntries(
    Object.entries(definition).map(([name, def]): [string, AnyDefinition] => [
      name,
      isTypeDefinition(def)
        ? {
            ...def,
            fileDescriptorProtos: def.fileDescriptorProtos.map((b) => relinked.get(b) ?? b),
          }
        : def,
    ]),
  );
}

type AnyDefinition = PackageDefinition[string];
type TypeDefinition = Extract<AnyDefinition, { format: string }>;

// Message and enum definitions carry the descriptors; a service definition maps method names.
function isTypeDefinition(def: AnyDefinition): def is TypeDefinition {
  return typeof (def as { format?: unknown }).format === 'string';
}

function descriptorBuffers(def: AnyDefinition): Buffer[] {
  return isTypeDefinition(def) ? def.fileDescriptorProtos : [];
}

function indexSymbols(file: FileDescriptor, owners: Map<string, string>): void {
  const add = (name: string | undefined, scope: string) => {
    if (name && file.name) owners.set(`${scope}.${name}`, file.name);
  };
  const visit = (message: MessageDescriptor, scope: string) => {
    add(message.name, scope);
    const inner = `${scope}.${message.name ?? ''}`;
    message.enumType?.forEach((e) => add(e.name, inner));
    message.nestedType?.forEach((nested) => visit(nested, inner));
  };
  const scope = packageScope(file);
  file.enumType?.forEach((e) => add(e.name, scope));
  file.messageType?.forEach((message) => visit(message, scope));
}

/** Rewrites the file's type references in place; returns the fully qualified names it uses. */
function qualifyTypeNames(file: FileDescriptor, owners: Map<string, string>): Set<string> {
  const used = new Set<string>();
  const qualify = (name: string | undefined, scope: string): string | undefined => {
    if (!name) return name;
    const full = resolveTypeName(name, scope, owners) ?? name;
    used.add(full);
    return full;
  };
  const visit = (message: MessageDescriptor, scope: string) => {
    const inner = `${scope}.${message.name ?? ''}`;
    message.field?.forEach((f) => (f.typeName = qualify(f.typeName, inner)));
    renameMapEntries(message, inner);
    message.nestedType?.forEach((nested) => visit(nested, inner));
  };
  const scope = packageScope(file);
  file.messageType?.forEach((message) => visit(message, scope));
  for (const method of (file.service ?? []).flatMap((s) => s.method ?? [])) {
    method.inputType = qualify(method.inputType, scope);
    method.outputType = qualify(method.outputType, scope);
  }
  return used;
}

/**
 * protobufjs names a map's entry type after the field ("Fields"); protoc and protobuf-go reject
 * any name but the one `map<K, V> fields` would get: "FieldsEntry". Entries have no other users.
 */
function renameMapEntries(message: MessageDescriptor, scope: string): void {
  for (const entry of message.nestedType ?? []) {
    if (!entry.options?.mapEntry) continue;
    const field = message.field?.find((f) => f.typeName === `${scope}.${entry.name ?? ''}`);
    if (!field?.name) continue;
    entry.name = `${field.name.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Entry`;
    field.typeName = `${scope}.${entry.name}`;
  }
}

/**
 * protobufjs's bundled well-known types name their fields in lowerCamelCase (`numberValue`);
 * reflection should show google/protobuf/struct.proto as written (`number_value`).
 */
function useProtoFieldNames(message: MessageDescriptor): void {
  for (const field of message.field ?? []) {
    const snake = field.name?.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snake === undefined || snake === field.name) continue;
    field.jsonName = field.name;
    field.name = snake;
  }
  message.nestedType?.forEach(useProtoFieldNames);
}

/** protobuf's C++-like scoping: try the innermost enclosing scope first, then each outer one. */
export function resolveTypeName(
  name: string,
  scope: string,
  known: ReadonlyMap<string, unknown>,
): string | undefined {
  if (name.startsWith('.')) return known.has(name) ? name : undefined;
  for (let s = scope; ; s = s.slice(0, Math.max(0, s.lastIndexOf('.')))) {
    if (known.has(`${s}.${name}`)) return `${s}.${name}`;
    if (s === '') return undefined;
  }
}

const packageScope = (file: FileDescriptor): string => (file.package ? `.${file.package}` : '');
