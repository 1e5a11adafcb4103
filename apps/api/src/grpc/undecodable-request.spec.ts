import { loadSync } from '@grpc/proto-loader';
import type { ServiceDefinition } from '@grpc/proto-loader';
import { MalformedRequestError } from '../errors/api-error';
import { JOB_TASK_PROTO, locateProtoRoot, PROTO_LOADER_OPTIONS } from './proto-files.locator';
import { decoded, tolerateUndecodableRequests, UndecodableRequest } from './undecodable-request';
import { field, listRequestWithFilter, nestedStructValue } from '../../test/grpc/wire-bytes';

const SERVICE = 'spaceone.api.power_scheduler.v1.JobTask';

function loadService(): Record<'list' | 'stat', ServiceDefinition[string]> {
  const definition = loadSync(JOB_TASK_PROTO, {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [locateProtoRoot()],
  });
  tolerateUndecodableRequests(definition, SERVICE);
  const { list, stat } = definition[SERVICE] as ServiceDefinition;
  if (!list || !stat) throw new Error(`${SERVICE} lacks list or stat`);
  return { list, stat };
}

describe(tolerateUndecodableRequests.name, () => {
  const service = loadService();

  it('should still decode a valid request', () => {
    const bytes = service.list.requestSerialize({ domain_id: 'd' });
    expect(service.list.requestDeserialize(bytes)).toEqual({ domain_id: 'd' });
  });

  it('should hand truncated bytes on as an UndecodableRequest naming the message type', () => {
    const request = service.list.requestDeserialize(Buffer.from([0x0a, 0xff, 0xff, 0x01]));
    expect(request).toBeInstanceOf(UndecodableRequest);
    expect(request).toMatchObject({ messageType: 'JobTaskQuery' });
    const stat = service.stat.requestDeserialize(Buffer.from([0x0a, 0x05]));
    expect(stat).toMatchObject({ messageType: 'JobTaskStatQuery' });
  });

  it("should hand a message nested past protobufjs's depth limit on too", () => {
    const filter = Buffer.concat([field(1, 'errors'), field(3, nestedStructValue(60))]);
    expect(service.list.requestDeserialize(listRequestWithFilter(filter, 'd'))).toMatchObject({
      reason: 'maximum nesting depth exceeded',
    });
  });

  it('should refuse to wrap a service the definition does not have', () => {
    const definition = loadSync(JOB_TASK_PROTO, { includeDirs: [locateProtoRoot()] });
    expect(() => tolerateUndecodableRequests(definition, 'no.Such')).toThrow('no.Such');
  });
});

describe(decoded.name, () => {
  it('should pass a decoded request through', () => {
    const request = { domain_id: 'd' };
    expect(decoded(request)).toBe(request);
  });

  it('should refuse an undecodable one as a malformed request (400), naming type and reason', () => {
    const refuse = () => decoded(new UndecodableRequest('JobTaskQuery', 'index out of range'));
    expect(refuse).toThrow(MalformedRequestError);
    expect(refuse).toThrow(
      'The request is not a valid JobTaskQuery message. (key = request, reason = index out of range)',
    );
  });
});
