import { ConfigError, loadApiConfig, loadProjectorConfig } from '@app/config';

/** The message of the ConfigError `load` throws, or a failure naming what it returned instead. */
function refusal(load: () => unknown): string {
  try {
    const config = load();
    return `accepted: ${JSON.stringify(config, (_k, v: unknown) => (v instanceof Map ? [...v] : v))}`;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

describe('number variables', () => {
  it.each(['1e3', '0x10', ' 5', '5 ', '+5', '-5', '5ms', '5_000', '  ', 'Infinity', '1.0'])(
    'should refuse %j instead of reading it as some number',
    (value) => {
      expect(refusal(() => loadProjectorConfig({ PROJECTOR_MAX_BATCH_EVENTS: value }))).toContain(
        `PROJECTOR_MAX_BATCH_EVENTS: must be a whole number of 1 or more (got ${JSON.stringify(value)})`,
      );
    },
  );

  it('should refuse a blank where 0 is allowed, rather than read it as 0', () => {
    expect(refusal(() => loadApiConfig({ READ_MODEL_REPLICAS: ' ' }))).toContain(
      'READ_MODEL_REPLICAS: must be a whole number from 0 to 8 (got " ")',
    );
  });

  it('should still read plain digits, leading zeros included', () => {
    expect(
      loadProjectorConfig({ PROJECTOR_MAX_BATCH_EVENTS: '0250' }).projector.maxBatchEvents,
    ).toBe(250);
  });

  it.each([
    'ELASTICSEARCH_REQUEST_TIMEOUT_MS',
    'PROJECTOR_RETRY_MAX_MS',
    'PROJECTOR_FLUSH_INTERVAL_MS',
    'PROJECTOR_BEHIND_AFTER_MS',
    'PROJECTOR_BEHIND_BACKLOG_MS',
  ])('should refuse a %s longer than a timer can wait (it would fire after 1 ms)', (variable) => {
    // The bounds above the flush interval go up with it: this is about one variable at a time.
    const longest = {
      PROJECTOR_FLUSH_MAX_INTERVAL_MS: '2147483647',
      PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS: '2147483647',
    };
    expect(refusal(() => loadProjectorConfig({ ...longest, [variable]: '2147483648' }))).toContain(
      `${variable}: must be a whole number of milliseconds from 1 to 2147483647 (got "2147483648")`,
    );
    expect(() => loadProjectorConfig({ ...longest, [variable]: '2147483647' })).not.toThrow();
  });
});

describe('ports and brokers', () => {
  it('should refuse a port out of range', () => {
    expect(refusal(() => loadApiConfig({ API_PORT: '65536' }))).toContain(
      'API_PORT: must be a port number, a whole number from 1 to 65535 (got "65536")',
    );
  });

  it.each(['kafka:0', 'kafka:99999', 'kafka:9092,', 'kafka:9092,,kafka-2:9092'])(
    'should refuse the broker list %j',
    (value) => {
      expect(refusal(() => loadProjectorConfig({ KAFKA_BROKERS: value }))).toMatch(
        /KAFKA_BROKERS\.\d: each broker must be host:port, with a port from 1 to 65535/,
      );
    },
  );

  it('should read a broker list with blanks around the commas', () => {
    expect(loadProjectorConfig({ KAFKA_BROKERS: 'k1:9092, k2:9093' }).kafka.brokers).toEqual([
      'k1:9092',
      'k2:9093',
    ]);
  });
});

describe('URLs', () => {
  it.each([
    ['ELASTICSEARCH_URL', 'localhost:9200', 'must be a http:// or https:// URL'],
    ['ELASTICSEARCH_URL', 'redis://127.0.0.1:9200', 'must be a http:// or https:// URL'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'must be a redis:// or rediss:// URL'],
    ['REDIS_URL', '127.0.0.1:6379', 'must be a redis:// or rediss:// URL'],
  ])('should refuse %s=%s, which no client of that kind can use', (variable, value, message) => {
    expect(refusal(() => loadApiConfig({ [variable]: value }))).toContain(
      `${variable}: ${message}`,
    );
  });

  it('should accept https and rediss', () => {
    const sut = loadApiConfig({
      ELASTICSEARCH_URL: 'https://es.internal:9243',
      REDIS_URL: 'rediss://cache.internal:6380',
    });
    expect([sut.elasticsearch.url, sut.redis.url]).toEqual([
      'https://es.internal:9243',
      'rediss://cache.internal:6380',
    ]);
  });

  it.each([
    [
      'a password with a slash',
      'redis://:pa/ss-word-secret@ cache:6379',
      'redis://***@ cache:6379',
    ],
    [
      'a password with an @',
      'redis://user:p@ss-word-secret@ cache:6379',
      'redis://***@ cache:6379',
    ],
    ['a leading blank', ' redis://:pass-word-secret@cache:6379', ' redis://***@cache:6379'],
    ['one slash', 'redis:/:pass-word-secret@cache:6379', 'redis:/***@cache:6379'],
    [
      'a password parameter',
      'redis:// cache:6379/?password=pass-word-secret',
      'redis:// cache:6379/?password=***',
    ],
  ])('should not repeat a URL password in the error, with %s', (_case, value, shown) => {
    const message = refusal(() => loadApiConfig({ REDIS_URL: value }));
    expect(message).toContain(`(got ${JSON.stringify(shown)})`);
    expect(message).not.toContain('secret');
  });
});

describe('names', () => {
  it.each(['Job-Tasks', '_job-tasks', 'job tasks', 'job/tasks', 'a'.repeat(201)])(
    'should refuse the alias %j, which Elasticsearch refuses',
    (value) => {
      expect(refusal(() => loadApiConfig({ JOB_TASKS_ALIAS: value }))).toContain(
        'JOB_TASKS_ALIAS: must be an Elasticsearch alias name',
      );
    },
  );

  it.each([
    ['EVENTS_TOPIC', 'job task events'],
    ['EVENTS_TOPIC', 'events/v1'],
    ['DLQ_TOPIC', 'dlq:1'],
    ['EVENTS_TOPIC', 'e'.repeat(250)],
  ])('should refuse %s=%j, which Kafka refuses', (variable, value) => {
    expect(refusal(() => loadProjectorConfig({ [variable]: value }))).toContain(
      `${variable}: must be a Kafka topic name`,
    );
  });

  it('should say only once that a blank name is blank', () => {
    expect(refusal(() => loadProjectorConfig({ EVENTS_TOPIC: '  ' }))).toBe(
      'Invalid configuration:\n  - EVENTS_TOPIC: must not be blank (got "  ")',
    );
  });
});

describe('settings that contradict each other', () => {
  it('should refuse a dead-letter topic that is the events topic', () => {
    expect(
      refusal(() => loadProjectorConfig({ EVENTS_TOPIC: 'events', DLQ_TOPIC: 'events' })),
    ).toContain(
      'DLQ_TOPIC: must differ from EVENTS_TOPIC: dead letters would be consumed again as events (got "events")',
    );
  });

  it('should refuse one port for both HTTP and gRPC', () => {
    expect(refusal(() => loadApiConfig({ API_PORT: '50051' }))).toContain(
      'API_GRPC_PORT: must differ from API_PORT (50051): both are listened on at once (its default is 50051)',
    );
  });

  it('should refuse a flush bound below the flush interval, naming a default it collides with', () => {
    expect(refusal(() => loadProjectorConfig({ PROJECTOR_FLUSH_INTERVAL_MS: '20000' }))).toContain(
      'PROJECTOR_FLUSH_MAX_INTERVAL_MS: must be at least PROJECTOR_FLUSH_INTERVAL_MS (20000) (its default is 10000)',
    );
    expect(
      refusal(() =>
        loadProjectorConfig({
          PROJECTOR_FLUSH_INTERVAL_MS: '500',
          PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS: '100',
        }),
      ),
    ).toContain(
      'PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS: must be at least PROJECTOR_FLUSH_INTERVAL_MS (500) (got "100")',
    );
  });

  it('should accept bounds equal to what they bound', () => {
    expect(
      loadProjectorConfig({
        PROJECTOR_FLUSH_INTERVAL_MS: '10000',
        PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS: '10000',
      }).window.flushMaxIntervalMs,
    ).toBe(10_000);
  });
});
