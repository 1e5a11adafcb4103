import { Client } from '@elastic/elasticsearch';
import { testStack, uniqueName } from '@app/testing';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';

describe('the local stack', () => {
  it('should carry a message from a producer to a consumer group on the real Kafka', async () => {
    const kafka = new Kafka({ brokers: testStack.kafkaBrokers, logLevel: logLevel.NOTHING });
    const topic = uniqueName('stack-roundtrip');
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: uniqueName('stack-group') });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'k1', value: 'hello' }] });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<{ key: string; value: string }>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            resolve({ key: String(message.key), value: String(message.value) });
            return Promise.resolve();
          },
        });
      });
      expect(received).toEqual({ key: 'k1', value: 'hello' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('should index a document and find it by search on the real Elasticsearch', async () => {
    const es = new Client({ node: testStack.elasticsearchUrl });
    const index = uniqueName('stack-index');
    try {
      await es.index({ index, id: 'a', document: { name: 'alpha' }, refresh: 'wait_for' });
      const found = await es.search<{ name: string }>({
        index,
        query: { term: { name: 'alpha' } },
      });
      expect(found.hits.hits.map((h) => h._source)).toEqual([{ name: 'alpha' }]);
    } finally {
      await es.indices.delete({ index }).catch(() => undefined);
      await es.close();
    }
  });

  it('should set and get a value on the real Redis', async () => {
    const redis = new Redis(testStack.redisUrl);
    const key = uniqueName('stack-key');
    try {
      await redis.set(key, 'v', 'EX', 30);
      await expect(redis.get(key)).resolves.toBe('v');
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
