import { z } from 'zod';
import { defineMethod } from './define';

/** One backup file in the data folder's `backups/`. */
const backupFileSchema = z.object({
  /** File name, e.g. `luoshi-20251008-140312.luoshibak`. */
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** ISO time the backup was made. */
  createdAt: z.string(),
  /** True for backups named by Luoshi; only these are deleted when more than `keep` exist. */
  automatic: z.boolean(),
});
export type BackupFileView = z.infer<typeof backupFileSchema>;

/** How many automatic backups to keep, and how often the running app makes one. */
const backupSettingsViewSchema = z.object({
  keep: z.number().int().min(1, '至少保留 1 份备份').max(365, '最多保留 365 份备份'),
  /** Hours between automatic backups (24 = daily); left out, it stays as it was. */
  intervalHours: z.number().int().min(1, '备份间隔至少 1 小时').max(720, '备份间隔最多 720 小时（30 天）').optional(),
});

/** What a restore of one backup would find. */
const backupCheckSchema = z.object({
  name: z.string(),
  /** What the backup holds, in lines (when made, by which version, how many attachments). */
  description: z.string(),
  /** Why the audit trail in the backup fails its check; a restore is refused unless accepted. */
  auditRefusal: z.string().nullable(),
  /** What about the audit trail could not be checked (a restore goes ahead). */
  auditWarning: z.string().nullable(),
});
export type BackupCheckView = z.infer<typeof backupCheckSchema>;

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
    summary: '备份设置：保留份数与自动备份间隔',
    access: 'user',
    input: z.object({}),
    output: backupSettingsViewSchema,
  }),
  /** Change the backup settings (administrators only); takes effect at the next backup. */
  'backup.setSettings': defineMethod({
    summary: '修改备份保留份数与自动备份间隔（仅管理员）',
    access: 'user',
    input: backupSettingsViewSchema,
    output: backupSettingsViewSchema,
  }),
  /** Check a backup in the backups folder as a restore would (sha256 of every entry, integrity_check, the audit trail), changing nothing (administrators only). */
  'backup.check': defineMethod({
    summary: '检查备份能否恢复：逐项校验、数据库完整性与审计记录（仅管理员，不改动数据）',
    access: 'user',
    input: z.object({ name: z.string().min(1, '请选择备份文件') }),
    output: backupCheckSchema,
  }),
  /**
   * Replace the data with a backup's (administrators only), with the same checks as `luoshi restore`.
   * A backup whose audit trail fails its check is refused unless `acceptUnverifiedAudit`.
   * The replaced database and attachments are kept beside the new ones.
   */
  'backup.restore': defineMethod({
    summary: '从备份恢复数据库与附件（仅管理员；审计记录未通过校验时拒绝，除非明确确认）',
    access: 'user',
    input: z.object({ name: z.string().min(1, '请选择备份文件'), acceptUnverifiedAudit: z.boolean().default(false) }),
    output: z.object({
      name: z.string(),
      /** When the restored backup was made. */
      backupCreatedAt: z.string(),
      auditWarning: z.string().nullable(),
      previousDatabase: z.string().nullable(),
      previousAttachments: z.string().nullable(),
    }),
  }),
};
