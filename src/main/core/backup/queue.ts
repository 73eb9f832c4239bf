/**
 * Backups run one at a time within a process: the daily timer, the close hook and an
 * administrator's "back up now" may fire together, and two snapshots of one connection at once
 * gain nothing.
 */
let tail: Promise<unknown> = Promise.resolve();

export function runExclusive<T>(task: () => Promise<T>): Promise<T> {
  const result = tail.then(task, task);
  tail = result.catch(() => undefined);
  return result;
}
