import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, type ClientDuplexStream } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { serviceClient } from './job-task-grpc.client';

interface ReflectionRequest {
  list_services?: string;
  file_containing_symbol?: string;
  file_by_filename?: string;
}
interface ReflectionResponse {
  list_services_response?: { service?: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto?: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}

// The reflection protocol's own .proto ships inside @grpc/reflection.
const REFLECTION_PROTO = join(
  dirname(require.resolve('@grpc/reflection/package.json')),
  'build/proto/grpc/reflection/v1/reflection.proto',
);

/** Raw grpc.reflection.v1.ServerReflection/ServerReflectionInfo calls, one request per stream. */
export class ReflectionClient {
  private readonly client: InstanceType<ReturnType<typeof serviceClient>>;

  constructor(address: string) {
    const definition = loadSync(REFLECTION_PROTO, { keepCase: true, longs: String, enums: String });
    const ServerReflection = serviceClient(
      loadPackageDefinition(definition),
      'grpc.reflection.v1.ServerReflection',
    );
    this.client = new ServerReflection(address, credentials.createInsecure());
  }

  async listServices(): Promise<string[]> {
    const answer = await this.ask({ list_services: '*' });
    return (answer.list_services_response?.service ?? []).map((s) => s.name);
  }

  /** Encoded FileDescriptorProtos: the file that defines the symbol, then its dependencies. */
  async fileContainingSymbol(symbol: string): Promise<Buffer[]> {
    return this.files(await this.ask({ file_containing_symbol: symbol }));
  }

  async fileByFilename(name: string): Promise<Buffer[]> {
    return this.files(await this.ask({ file_by_filename: name }));
  }

  close(): void {
    this.client.close();
  }

  private files(answer: ReflectionResponse): Buffer[] {
    if (answer.error_response) throw new Error(answer.error_response.error_message);
    return answer.file_descriptor_response?.file_descriptor_proto ?? [];
  }

  private ask(request: ReflectionRequest): Promise<ReflectionResponse> {
    type Open = () => ClientDuplexStream<object, object>;
    const open = (this.client as unknown as { ServerReflectionInfo: Open }).ServerReflectionInfo;
    const stream = open.call(this.client);
    return new Promise((resolve, reject) => {
      stream.once('data', (answer: ReflectionResponse) => {
        resolve(answer);
        stream.end();
      });
      stream.once('error', reject);
      stream.write(request);
    });
  }
}
