import { clusterDown } from './cluster-stack';

/** Stops what the set-up started: the cluster tier leaves no JVM behind in CI. */
export default async function clusterGlobalTeardown(): Promise<void> {
  await clusterDown();
}
