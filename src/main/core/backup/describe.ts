import type { BackupManifest } from './manifest';
import { attachmentsPrefix } from './manifest';

/** A one-line summary of a backup for the command line. */
export function describeManifest(manifest: BackupManifest, size: number): string {
  const attachments = manifest.entries.filter((entry) => entry.path.startsWith(attachmentsPrefix)).length;
  return (
    `备份时间 ${manifest.createdAt}，落实通 ${manifest.appVersion}，数据库版本 ${manifest.schemaVersion}，` +
    `附件 ${attachments} 个，文件大小 ${formatSize(size)}`
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
