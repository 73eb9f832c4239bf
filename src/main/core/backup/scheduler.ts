import { statSync } from 'node:fs';
import type { BackupSource } from './createBackup';
import { listBackups } from './files';
import { backupToFolder, type FolderBackupResult } from './folderBackup';
import { readBackupSettings } from './settings';

export interface BackupSchedulerOptions {
  /** How old the newest backup may grow before the next automatic one (default: the backup settings, daily unless changed). */
  intervalMs?: number;
  /** How often to look while the app runs (default one hour). */
  checkEveryMs?: number;
  /** Automatic backups never stop the app; failures are reported here (default console.error). */
  onError?: (error: unknown) => void;
  onBackup?: (result: FolderBackupResult) => void;
}

const hour = 60 * 60 * 1000;

/**
 * Automatic backups for a running app (desktop or `luoshi serve`): one when the newest backup
 * is a day old, checked hourly, and one on clean shutdown if the database changed since the
 * last backup. The clean-close backup is VS Code's habit for its state database; skipping it
 * when nothing changed keeps N unchanged copies from pushing out older, different ones.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private fingerprintAtLastBackup: string;
  private readonly intervalMs: number | null;
  private readonly checkEveryMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly source: BackupSource,
    private readonly options: BackupSchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? null;
    this.checkEveryMs = options.checkEveryMs ?? hour;
    this.onError = options.onError ?? ((error) => console.error('自动备份失败：', error));
    // Changes made before this session were backed up when that session closed.
    this.fingerprintAtLastBackup = this.fingerprint();
  }

  /** Start the hourly check and look once right away. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runQuietly(() => this.backupIfDue()), this.checkEveryMs);
    // The timer must not keep a CLI process or a closing app alive.
    this.timer.unref();
    void this.runQuietly(() => this.backupIfDue());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Back up if there is no backup yet or the newest is older than the interval. */
  async backupIfDue(): Promise<FolderBackupResult | null> {
    const newest = listBackups(this.source.paths.backups)[0];
    const age = newest ? this.source.clock.now().getTime() - newest.createdAt.getTime() : Infinity;
    // Read at each check, so an administrator's change applies without a restart.
    const interval = this.intervalMs ?? readBackupSettings(this.source.paths).intervalHours * hour;
    if (age < interval) return null;
    return this.backupNow();
  }

  /** Back up into the backups folder now and prune to the configured number. */
  async backupNow(): Promise<FolderBackupResult> {
    // Taken before the snapshot: a write during the backup makes the next shutdown back up again.
    const fingerprint = this.fingerprint();
    const result = await backupToFolder(this.source);
    this.fingerprintAtLastBackup = fingerprint;
    this.options.onBackup?.(result);
    return result;
  }

  /**
   * Stop the timer and, if the database changed since the scheduler started or last backed up,
   * back up once more. Await it before closing the database. Never throws.
   */
  async shutdown(): Promise<FolderBackupResult | null> {
    this.stop();
    if (this.fingerprintAtLastBackup === this.fingerprint()) return null;
    return this.runQuietly(() => this.backupNow());
  }

  private async runQuietly<T>(task: () => Promise<T>): Promise<T | null> {
    try {
      return await task();
    } catch (error) {
      this.onError(error);
      return null;
    }
  }

  /** Size and modification time of the database and its WAL: they move with every commit. */
  private fingerprint(): string {
    const { database } = this.source.paths;
    return [database, `${database}-wal`]
      .map((file) => {
        try {
          const stats = statSync(file);
          return `${stats.size}:${stats.mtimeMs}`;
        } catch {
          return '-';
        }
      })
      .join('|');
  }
}

/** Create and start the scheduler; call `shutdown()` on it before closing the core. */
export function startAutomaticBackups(source: BackupSource, options: BackupSchedulerOptions = {}): BackupScheduler {
  const scheduler = new BackupScheduler(source, options);
  scheduler.start();
  return scheduler;
}
