import { startBenchCluster, type BenchCluster } from '../../src/main/bench/pgCluster';

/**
 * A throwaway PostgreSQL cluster for tests: the bench's (src/main/bench/pgCluster.ts: initdb in a
 * temp folder, pg_ctl on a free port on 127.0.0.1, as the `postgres` user when run as root,
 * removed afterwards), without fsync, since a test's data dies with the run.
 */
export type TestCluster = BenchCluster;

export function startTestCluster(): Promise<TestCluster> {
  return startBenchCluster({ durable: false });
}
