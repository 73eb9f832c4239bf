import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatChinaDateTime } from '../../../shared/time';
import { dataPaths } from '../paths';
import { listBackups, type BackupFileInfo } from './files';
import { inspectBackup } from './readBackup';
import { checkDatabaseFile } from './snapshot';

export interface DataFolderCheck {
  /** True when the database passes `integrity_check`, or when there is none yet (first run). */
  ok: boolean;
  /** What is wrong, in Chinese, naming the database file and the backup to restore from. */
  problem?: string;
  /** The newest backup that passed its own checks; offered when the database is damaged. */
  latestBackup?: BackupFileInfo;
}

/**
 * Run before opening the database for writing, in the desktop app and `luoshi serve`: a full
 * `integrity_check` (createCore only runs the quicker `quick_check`). If the database is damaged,
 * find the newest backup that is itself intact, so the shell can offer to restore it with
 * `restoreBackup(latestBackup.file, dataDir)`.
 */
export async function checkDataFolder(dataDir: string): Promise<DataFolderCheck> {
  const paths = dataPaths(resolve(dataDir));
  if (!existsSync(paths.database)) return { ok: true };
  const check = checkDatabaseFile(paths.database, { full: true });
  if (check.result === 'ok') return { ok: true };

  const latestBackup = await latestGoodBackup(paths.backups);
  const damaged = `数据库文件 ${paths.database} 已损坏（${truncate(check.result)}），为避免进一步损坏，未以写入方式打开。`;
  if (!latestBackup) {
    return { ok: false, problem: `${damaged}在 ${paths.backups} 中没有找到完好的备份，请联系管理员。` };
  }
  return {
    ok: false,
    latestBackup,
    problem: `${damaged}最近的完好备份是 ${latestBackup.file}（${formatChinaDateTime(latestBackup.createdAt.toISOString())}），可从它恢复：luoshi restore "${latestBackup.file}"`,
  };
}

/** The newest backup in `dir` whose manifest, hashes and schema version all check out. */
export async function latestGoodBackup(dir: string): Promise<BackupFileInfo | undefined> {
  for (const backup of listBackups(dir)) {
    try {
      await inspectBackup(backup.file);
      return backup;
    } catch {
      // A damaged or foreign file: try the next older one.
    }
  }
  return undefined;
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
