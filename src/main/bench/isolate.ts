import { fork } from 'node:child_process';
import { runJob, type BenchJob, type JobResult } from './jobs';
import { elapsedMs } from './stats';

/** How the bench runs a job: in a fresh child process (the real bench) or inline (tests). */
export interface Isolation {
  /** The script to fork: the CLI's entry, which routes `bench --child` to runChildJob. */
  entry: string | null;
}

export interface IsolatedResult extends JobResult {
  /** Wall time seen by the parent: process start, code loading and the job. */
  processMs: number;
  isolated: boolean;
}

export const childFlag = '--child';
const jobEnvVar = 'LUOSHI_BENCH_JOB';

export async function runIsolated(job: BenchJob, isolation: Isolation): Promise<IsolatedResult> {
  const start = process.hrtime.bigint();
  if (isolation.entry === null) {
    const result = await runJob(job);
    return { ...result, processMs: elapsedMs(start), isolated: false };
  }
  const entry = isolation.entry;
  const result = await new Promise<JobResult>((resolve, reject) => {
    const child = fork(entry, ['bench', childFlag], {
      env: { ...process.env, [jobEnvVar]: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: JobResult | null = null;
    let failure: string | null = null;
    child.on('message', (message: { ok: true; result: JobResult } | { ok: false; error: string }) => {
      if (message.ok) answer = message.result;
      else failure = message.error;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer) resolve(answer);
      else reject(new Error(`bench job ${job.kind} failed (exit ${code ?? 'signal'}): ${failure ?? 'no result'}`));
    });
  });
  return { ...result, processMs: elapsedMs(start), isolated: true };
}

/** In the child: run the job named by the environment and send the result to the parent. */
export async function runChildJob(): Promise<number> {
  const send = (message: unknown): Promise<void> =>
    new Promise((resolve) => {
      // Run by hand (no parent): print the result instead.
      if (!process.send) {
        process.stdout.write(`${JSON.stringify(message)}\n`);
        resolve();
      } else process.send(message, () => resolve());
    });
  try {
    const job = JSON.parse(process.env[jobEnvVar] ?? 'null') as BenchJob | null;
    if (!job) throw new Error(`${jobEnvVar} is not set`);
    await send({ ok: true, result: await runJob(job) });
    return 0;
  } catch (error) {
    await send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return 1;
  }
}
