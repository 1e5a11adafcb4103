import { loadSync, type ServiceDefinition } from '@grpc/proto-loader';
import { nestedObject } from '../../test/grpc/wire-bytes';
import { toJobTasksInfoMessage, toStatStruct } from './job-tasks-info.converter';
import { AnswerTooDeepError, assertStructFits, structLevels } from './message-depth.guard';
import { JOB_TASK_PROTO, locateProtoRoot, PROTO_LOADER_OPTIONS } from './proto-files.locator';

const service = loadSync(JOB_TASK_PROTO, {
  ...PROTO_LOADER_OPTIONS,
  includeDirs: [locateProtoRoot()],
})['spaceone.api.power_scheduler.v1.JobTask'] as ServiceDefinition;
const encodeList = (message: object) => service.list?.responseSerialize(message);
const encodeStat = (message: object) => service.stat?.responseSerialize(message);

const listWith = (additional: unknown) => ({
  results: [
    { job_task_id: 't1', errors: [{ error_code: 'E', message: 'm', additional }] } as never,
  ],
  total_count: 1,
});

describe(structLevels.name, () => {
  it('should count the Struct and two levels per nested object or list', () => {
    expect(structLevels({})).toBe(1);
    expect(structLevels({ a: 1 })).toBe(2);
    expect(structLevels({ a: { b: 1 } })).toBe(4);
    expect(structLevels({ a: [[]] })).toBe(5);
    expect(structLevels({ a: new Date(0) })).toBe(2);
  });
});

const throws = (work: () => unknown): boolean => {
  try {
    work();
    return false;
  } catch {
    return true;
  }
};
const DEPTHS = [44, 45, 46, 47, 48, 49, 50, 51, 52];

// The guard's line is protobufjs's: what it lets through encodes, what it stops would not.
describe(assertStructFits.name, () => {
  it('should stop exactly the additionals that protobufjs cannot encode', () => {
    const outcomes = DEPTHS.map((d) => ({
      guard: throws(() => toJobTasksInfoMessage(listWith(nestedObject(d)))),
      encoder: throws(() => encodeList({ results: [{ errors: [{ additional: deepStruct(d) }] }] })),
    }));
    expect(outcomes.map((o) => o.guard)).toEqual(outcomes.map((o) => o.encoder));
    expect(new Set(outcomes.map((o) => o.guard))).toEqual(new Set([true, false]));
    expect(() => toJobTasksInfoMessage(listWith(nestedObject(60)))).toThrow(AnswerTooDeepError);
    expect(() => encodeList(toJobTasksInfoMessage(listWith(nestedObject(49))))).not.toThrow();
  });

  it('should stop exactly the stat answers that protobufjs cannot encode', () => {
    const row = (struct: object) => ({ structValue: { fields: { m: { structValue: struct } } } });
    const outcomes = DEPTHS.map((d) => ({
      guard: throws(() => toStatStruct({ results: [{ m: nestedObject(d) }] })),
      encoder: throws(() =>
        encodeStat({ fields: { results: { listValue: { values: [row(deepStruct(d))] } } } }),
      ),
    }));
    expect(outcomes.map((o) => o.guard)).toEqual(outcomes.map((o) => o.encoder));
    expect(new Set(outcomes.map((o) => o.guard))).toEqual(new Set([true, false]));
  });

  it('should name the task and error whose additional is too deep', () => {
    expect(() => toJobTasksInfoMessage(listWith(nestedObject(60)))).toThrow(
      'results[0] (job_task_id t1) errors[0].additional reaches protobuf message level',
    );
  });

  it('should place the Struct at the given level', () => {
    expect(() => assertStructFits({ a: 1 }, 99, 'x')).not.toThrow();
    expect(() => assertStructFits({ a: 1 }, 100, 'x')).toThrow(
      'x reaches protobuf message level 101',
    );
  });
});

/** A Struct message `{a: {a: … "x"}}` with `depth` Structs, built without the guarded converters. */
function deepStruct(depth: number): object {
  let struct: object = { fields: { a: { stringValue: 'x' } } };
  for (let i = 1; i < depth; i++) struct = { fields: { a: { structValue: struct } } };
  return struct;
}
