import { ConfigError, loadApiConfig, loadProjectorConfig } from '@app/config';

describe('loadApiConfig', () => {
  it('should apply the documented defaults to an empty environment', () => {
    const sut = loadApiConfig({});
    expect(sut.kafka).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'jobtask-read-model',
      topic: 'power_scheduler.job_task.events',
      dlqTopic: 'power_scheduler.job_task.events.dlq',
      topicPartitions: 3,
    });
    expect(sut.elasticsearch.url).toBe('http://127.0.0.1:9200');
    expect(sut.elasticsearch.alias).toBe('job-tasks');
    expect(sut.elasticsearch.readModel).toEqual({ shards: 1, replicas: 0 });
    expect(sut.redis.url).toBe('redis://127.0.0.1:6379');
    expect(sut.api.port).toBe(3000);
    expect(sut.api.limits).toEqual({ maxLimit: 1000, maxUnpagedResults: 10000, maxGroups: 10000 });
    expect(sut.api.apiKeys.size).toBe(0);
  });

  it('should name every invalid variable in one error', () => {
    const attempt = () =>
      loadApiConfig({ API_PORT: 'eighty', ELASTICSEARCH_URL: 'nope', MAX_PAGE_LIMIT: '-1' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/API_PORT/);
    expect(attempt).toThrow(/ELASTICSEARCH_URL/);
    expect(attempt).toThrow(/MAX_PAGE_LIMIT/);
  });

  it('should say what each invalid variable must be and what it was set to', () => {
    const attempt = () =>
      loadApiConfig({
        API_PORT: 'eighty',
        MAX_PAGE_LIMIT: '2.5',
        READ_MODEL_REPLICAS: '9',
        CACHE_ENABLED: 'maybe',
        LOG_LEVEL: 'verbose',
        KAFKA_BROKERS: 'localhost',
        EVENTS_TOPIC: '   ',
      });
    expect(attempt).toThrow(
      'API_PORT: must be a port number, a whole number from 1 to 65535 (got "eighty")',
    );
    expect(attempt).toThrow('MAX_PAGE_LIMIT: must be a whole number of 1 or more (got "2.5")');
    expect(attempt).toThrow('READ_MODEL_REPLICAS: must be a whole number from 0 to 8 (got "9")');
    expect(attempt).toThrow(
      'CACHE_ENABLED: must be one of true, false, 1, 0, yes, no (got "maybe")',
    );
    expect(attempt).toThrow('LOG_LEVEL: must be one of debug, info, warn, error (got "verbose")');
    expect(attempt).toThrow(
      'KAFKA_BROKERS.0: each broker must be host:port, with a port from 1 to 65535 (got "localhost")',
    );
    expect(attempt).toThrow('EVENTS_TOPIC: must not be blank (got "   ")');
  });

  it('should quote a bad URL without its credentials, and never an API key', () => {
    const attempt = () =>
      loadApiConfig({
        REDIS_URL: 'redis://:hunter2-secret@ cache:6379',
        API_KEYS: 'hunter2-secret-key',
      });
    expect(attempt).toThrow(
      'REDIS_URL: must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (got "redis://***@ cache:6379")',
    );
    expect(attempt).toThrow(/API_KEYS: entry 1 must be/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('should read the read-model index layout and reject impossible shard counts', () => {
    const sut = loadApiConfig({ READ_MODEL_SHARDS: '3', READ_MODEL_REPLICAS: '1' });
    expect(sut.elasticsearch.readModel).toEqual({ shards: 3, replicas: 1 });
    expect(() => loadApiConfig({ READ_MODEL_SHARDS: '0' })).toThrow(/READ_MODEL_SHARDS/);
    expect(() => loadApiConfig({ READ_MODEL_REPLICAS: '-1' })).toThrow(/READ_MODEL_REPLICAS/);
  });

  it('should treat empty assignments as unset', () => {
    expect(loadApiConfig({ DLQ_TOPIC: '', API_PORT: '' }).api.port).toBe(3000);
  });

  it('should derive the dead-letter topic from a custom event topic', () => {
    expect(loadApiConfig({ EVENTS_TOPIC: 'events' }).kafka.dlqTopic).toBe('events.dlq');
  });

  it('should parse API keys into per-key domain grants', () => {
    const sut = loadApiConfig({
      API_KEYS: 'reader-key-0123456789=domain-a|domain-b, admin-key-0123456789ab=*',
    });
    expect(sut.api.apiKeys.get('reader-key-0123456789')).toEqual(new Set(['domain-a', 'domain-b']));
    expect(sut.api.apiKeys.get('admin-key-0123456789ab')).toBe('all');
  });

  it('should reject short API keys by their position, without echoing any of them', () => {
    const attempt = () =>
      loadApiConfig({ API_KEYS: 'reader-key-0123456789=domain-a,short=domain-a' });
    expect(attempt).toThrow(/API_KEYS: entry 2 must be/);
    expect(attempt).not.toThrow(/short|reader-key/);
  });
});

describe('loadProjectorConfig', () => {
  it('should reject a malformed broker list', () => {
    expect(() => loadProjectorConfig({ KAFKA_BROKERS: 'localhost' })).toThrow(/KAFKA_BROKERS/);
  });

  it('should read the projector settings', () => {
    const sut = loadProjectorConfig({ PROJECTOR_GROUP_ID: 'g1', MAX_EVENT_BYTES: '2048' });
    expect(sut.projector.groupId).toBe('g1');
    expect(sut.projector.maxEventBytes).toBe(2048);
    expect(sut.projector.port).toBe(3001);
  });

  it('should read the write-behind window settings, with defaults', () => {
    const sut = loadProjectorConfig({ PROJECTOR_FLUSH_INTERVAL_MS: '100' });
    expect(sut.window).toMatchObject({
      flushIntervalMs: 100,
      flushMaxDocs: 50_000,
      behindAfterMs: 5_000,
      behindBacklogMs: 1_000,
      bulkConcurrency: 2,
    });
    expect(() => loadProjectorConfig({ PROJECTOR_CACHE_MAX_DOCS: '0' })).toThrow(
      /PROJECTOR_CACHE_MAX_DOCS/,
    );
  });

  it('should bound the heap growing factor, 50 % by default and 0 for V8 own heuristic', () => {
    expect(loadProjectorConfig({}).projector.heapGrowingPercent).toBe(50);
    expect(
      loadProjectorConfig({ PROJECTOR_HEAP_GROWING_PERCENT: '0' }).projector.heapGrowingPercent,
    ).toBe(0);
    expect(() => loadProjectorConfig({ PROJECTOR_HEAP_GROWING_PERCENT: '-5' })).toThrow(
      /PROJECTOR_HEAP_GROWING_PERCENT/,
    );
    expect(() => loadProjectorConfig({ PROJECTOR_HEAP_GROWING_PERCENT: '301' })).toThrow(
      /PROJECTOR_HEAP_GROWING_PERCENT/,
    );
  });
});
