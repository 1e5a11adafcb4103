import type { PackageDefinition, ServiceDefinition } from '@grpc/proto-loader';
import { MalformedRequestError } from '../errors/api-error';

/**
 * What a handler receives instead of its request when the bytes did not decode. grpc-js answers a
 * deserializer that throws with INTERNAL ("Error deserializing request") before any handler or
 * filter runs: a client mistake would be a 5xx, unlogged and uncounted, and it would come before
 * the API key is checked. Handing the handler this marker keeps the order of the REST routes
 * (authenticate, then validate) and makes it the 400 a REST body that is not JSON gets.
 */
export class UndecodableRequest {
  constructor(
    readonly messageType: string,
    readonly reason: string,
  ) {}

  toError(): MalformedRequestError {
    return new MalformedRequestError(
      `The request is not a valid ${this.messageType} message. (key = request, reason = ${this.reason})`,
    );
  }
}

/**
 * Makes every method of `service` in `definition` hand an UndecodableRequest to its handler instead
 * of throwing. protobufjs refuses truncated or mistyped bytes and any message nested more than 100
 * levels (protoc's limit; a google.protobuf.Struct spends two per JSON level).
 */
export function tolerateUndecodableRequests(definition: PackageDefinition, service: string): void {
  const methods = definition[service] as ServiceDefinition | undefined;
  if (!methods) throw new Error(`${service} is not in the package definition`);
  for (const method of Object.values(methods)) {
    const decode = method.requestDeserialize;
    const messageType = (method.requestType.type as { name?: string }).name ?? 'request';
    method.requestDeserialize = (bytes: Buffer) => {
      try {
        return decode(bytes);
      } catch (error) {
        return new UndecodableRequest(messageType, reasonOf(error));
      }
    };
  }
}

/** A request as handed to a handler: refuses one that did not decode. */
export function decoded<T extends object>(request: T | UndecodableRequest): T {
  if (request instanceof UndecodableRequest) throw request.toError();
  return request;
}

// protobufjs's messages ("index out of range: 3 + 10 > 5", "invalid wire type 7 at offset 2") name
// only offsets in what the client sent; anything longer is cut so the details stay a line.
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
