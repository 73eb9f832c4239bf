import { basename } from 'node:path';
import type { BackupFileView } from '../../../shared/contract/backup';
import { backupToFolder, listBackups, readBackupSettings, writeBackupSettings, type BackupFileInfo } from '../backup';
import { LuoshiError } from '../../../shared/errors';
import { actionRules, authorize } from '../policy';
import type { HandlerEnv, Handlers } from './types';

/** Backups copy every record; making them and changing how many are kept is for administrators. */
function requireAdmin(env: HandlerEnv, action: 'backup.create' | 'backup.setSettings'): void {
  if (!env.actor) throw new LuoshiError('forbidden', `只有管理员可以${actionRules[action].what}。`);
  authorize(env.actor, action);
}

const view = (backup: Pick<BackupFileInfo, 'name' | 'size' | 'createdAt' | 'automatic'>): BackupFileView => ({
  name: backup.name,
  size: backup.size,
  createdAt: backup.createdAt.toISOString(),
  automatic: backup.automatic,
});

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
    return writeBackupSettings(env.core.paths, input);
  },
} satisfies Partial<Handlers>;
