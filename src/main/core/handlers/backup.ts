import { basename } from 'node:path';
import type { BackupFileView } from '../../../shared/contract/backup';
import { backupToFolder, listBackups, readBackupSettings, writeBackupSettings, type BackupFileInfo } from '../backup';
import { LuoshiError } from '../../../shared/errors';
import { actionRules, authorize } from '../policy';
import { describeManifest } from '../backup/describe';
import type { LuoshiCore } from '../core';
import { formatChinaDateTime } from '../../../shared/time';
import type { HandlerEnv, Handlers } from './types';

/** Backups copy every record; making them and changing how many are kept is for administrators. */
function requireAdmin(
  env: HandlerEnv,
  action: 'backup.create' | 'backup.setSettings' | 'backup.check' | 'backup.restore',
): void {
  if (!env.actor) throw new LuoshiError('forbidden', `只有管理员可以${actionRules[action].what}。`);
  authorize(env.actor, action);
}

const view = (backup: Pick<BackupFileInfo, 'name' | 'size' | 'createdAt' | 'automatic'>): BackupFileView => ({
  name: backup.name,
  size: backup.size,
  createdAt: backup.createdAt.toISOString(),
  automatic: backup.automatic,
});

/** A backup by its name in the backups folder; names only, so no path outside it can be given. */
function backupNamed(core: LuoshiCore, name: string): BackupFileInfo {
  const found = listBackups(core.paths.backups).find((backup) => backup.name === name);
  if (!found)
    throw new LuoshiError(
      'not_found',
      `备份目录 ${core.paths.backups} 中没有名为「${name}」的备份文件，请刷新备份列表后重试。`,
    );
  return found;
}

export const backupHandlers = {
  'backup.list': (_input, { core }) => ({
    directory: core.paths.backups,
    keep: readBackupSettings(core.paths).keep,
    backups: listBackups(core.paths.backups).map(view),
  }),
  'backup.create': async (_input, env) => {
    requireAdmin(env, 'backup.create');
    const result = await backupToFolder(env.core);
    return {
      ...view({
        name: basename(result.file),
        size: result.size,
        createdAt: new Date(result.manifest.createdAt),
        automatic: true,
      }),
      pruned: result.pruned.length,
    };
  },
  'backup.settings': (_input, { core }) => readBackupSettings(core.paths),
  'backup.setSettings': (input, env) => {
    requireAdmin(env, 'backup.setSettings');
    const current = readBackupSettings(env.core.paths);
    return writeBackupSettings(env.core.paths, {
      keep: input.keep,
      intervalHours: input.intervalHours ?? current.intervalHours,
    });
  },
  'backup.check': async ({ name }, env) => {
    requireAdmin(env, 'backup.check');
    const backup = backupNamed(env.core, name);
    const result = await env.core.restoreFromBackup(backup.file, { checkOnly: true });
    return {
      name,
      // The command line prints ISO times; the screen shows China time like everywhere else.
      description: describeManifest(result.manifest, backup.size).replace(
        result.manifest.createdAt,
        formatChinaDateTime(result.manifest.createdAt),
      ),
      auditRefusal: result.auditRefusal,
      auditWarning: result.auditWarning,
    };
  },
  'backup.restore': async ({ name, acceptUnverifiedAudit }, env) => {
    requireAdmin(env, 'backup.restore');
    const backup = backupNamed(env.core, name);
    const result = await env.core.restoreFromBackup(backup.file, { acceptUnverifiedAudit }).catch((error: unknown) => {
      // The core's message names the command-line flag; on this screen the choice is a checkbox.
      if (error instanceof LuoshiError && error.message.includes('--accept-unverified-audit')) {
        throw new LuoshiError(
          error.code,
          error.message.replace(
            /如确需恢复.*$/,
            '如确需恢复（例如只为取回数据），请勾选“审计记录未通过校验仍然恢复”后重试。',
          ),
        );
      }
      throw error;
    });
    return {
      name,
      backupCreatedAt: result.manifest.createdAt,
      auditWarning: result.auditWarning,
      previousDatabase: result.previousDatabase,
      previousAttachments: result.previousAttachments,
    };
  },
} satisfies Partial<Handlers>;
