import { clusterUp } from './cluster-stack';

/** The cluster tier brings up its own 3-node Elasticsearch and Kafka (cluster-stack.ts). */
export default async function clusterGlobalSetup(): Promise<void> {
  await clusterUp();
}
