import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The gRPC package whose services this app serves. */
export const JOB_TASK_PACKAGE = 'spaceone.api.power_scheduler.v1';

/** Relative to the proto root, which is also the import root of every project .proto file. */
export const JOB_TASK_PROTO = 'spaceone/api/power_scheduler/v1/job_task.proto';

/**
 * How both the server and our clients turn protobuf messages into JS objects: proto field names
 * (SpaceONE serialises snake_case), enum names, int64 as strings, and only the fields that were on
 * the wire, so converters see proto3's "unset" instead of invented defaults. The well-known types
 * (google/protobuf/struct.proto, timestamp.proto) come bundled with protobufjs.
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: true,
  enums: String,
  longs: String,
  defaults: false,
  oneofs: false,
} as const;

/**
 * The project's `proto/` directory. The compiled app runs from `dist/apps/api/…` and the sources
 * from `apps/api/src/…`, so both the working directory and every ancestor of this file are tried.
 */
export function locateProtoRoot(start: string = __dirname, cwd: string = process.cwd()): string {
  const candidates = [join(cwd, 'proto')];
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir))
    candidates.push(join(dir, 'proto'));
  const found = candidates.find((root) => existsSync(join(root, JOB_TASK_PROTO)));
  if (!found) {
    throw new Error(`${JOB_TASK_PROTO} not found under any of: ${candidates.join(', ')}`);
  }
  return found;
}
