import type { Client } from '@elastic/elasticsearch';
import type { Kafka } from 'kafkajs';
import type { AppBuild } from './app-build';
import type { BenchOptions } from './bench-options';
import type { RunNames } from './run-names';

/** What every figure needs: options, the run's names, the compiled apps and the bench's own clients. */
export interface BenchContext {
  options: BenchOptions;
  names: RunNames;
  build: AppBuild;
  es: Client;
  kafka: Kafka;
  /** Scratch directory of this run (inside bench/.build, git-ignored), deleted at the end. */
  workDir: string;
}
