// Tests against real servers include restarts of Elasticsearch and consumer-group rebalances.
jest.setTimeout(180_000);
