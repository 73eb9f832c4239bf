import { z } from 'zod';
import { defineMethod } from './define';

/** One backup file in the data folder's `backups/`. */
export const backupFileSchema = z.object({
  /** File name, e.g. `luoshi-20251008-140312.luoshibak`. */
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** ISO time the backup was made. */
  createdAt: z.string(),
  /** True for backups named by Luoshi; only these are deleted when more than `keep` exist. */
  automatic: z.boolean(),
});
export type BackupFileView = z.infer<typeof backupFileSchema>;

/** How many automatic backups to keep. */
export const backupSettingsViewSchema = z.object({
  keep: z.number().int().min(1, '至少保留 1 份备份').max(365, '最多保留 365 份备份'),
});
export type BackupSettingsView = z.infer<typeof backupSettingsViewSchema>;

export const backupMethods = {
  /** The backups in the data folder, newest first, with where they live and how many are kept. */
  'backup.list': defineMethod({
    summary: '备份列表（最新在前）、备份目录与保留份数',
    access: 'user',
    input: z.object({}),
    output: z.object({
      directory: z.string(),
      keep: z.number().int(),
      backups: z.array(backupFileSchema),
    }),
  }),
  /** Back up now into the backups folder (administrators only); older automatic backups beyond `keep` are deleted. */
  'backup.create': defineMethod({
    summary: '立即备份数据库与附件（仅管理员）',
    access: 'user',
    input: z.object({}),
    output: backupFileSchema.extend({ pruned: z.number().int().nonnegative() }),
  }),
  /** The backup settings. */
  'backup.settings': defineMethod({
    summary: '备份设置：保留份数',
    access: 'user',
    input: z.object({}),
    output: backupSettingsViewSchema,
  }),
  /** Change the backup settings (administrators only); takes effect at the next backup. */
  'backup.setSettings': defineMethod({
    summary: '修改备份保留份数（仅管理员）',
    access: 'user',
    input: backupSettingsViewSchema,
    output: backupSettingsViewSchema,
  }),
};
