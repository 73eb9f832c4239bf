import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { diskFullError, isDiskFull } from './diskFull';

/**
 * Policy: a file the app keeps (an attachment) appears under its final name whole or not at all.
 * It is written to a temporary file in the same folder (`.partial-<name>-<pid>-<random>`), flushed
 * to disk, read back and checked against its sha256, and only then renamed over the final name;
 * the folder is flushed so the rename survives a power cut. A write that fails (a full disk, a
 * killed process) leaves at most a temporary file, which `sweepPartialFiles` removes later.
 */

export const partialPrefix = '.partial-';
const chunkBytes = 1024 * 1024;

/** The calls a write makes; tests replace them to inject a full disk or stop a write midway. */
interface FileIo {
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: (fd: number) => void;
}

const realIo: FileIo = {
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
};

export interface WholeFileOptions {
  /** What is being saved, for messages: 附件「报告.docx」. */
  what: string;
  /** Checked against the bytes on disk before the rename. */
  sha256?: string;
  io?: Partial<FileIo>;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256 of a file on disk, read in steps; null when it cannot be read. */
export function sha256OfFile(path: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

export function writeFileWhole(path: string, bytes: Uint8Array, options: WholeFileOptions): void {
  const io: FileIo = { ...realIo, ...options.io };
  const folder = dirname(path);
  const temp = join(folder, `${partialPrefix}${basename(path)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      for (let offset = 0; offset < bytes.length;) {
        offset += io.writeSync(fd, bytes, offset, Math.min(chunkBytes, bytes.length - offset));
      }
      io.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (options.sha256 !== undefined && sha256OfFile(temp) !== options.sha256) {
      throw new LuoshiError(
        'internal',
        `${options.what}写入磁盘后读回的内容与原文件不符（文件夹 ${folder}），未保存。请检查磁盘后重试。`,
      );
    }
    fs.renameSync(temp, path);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (isDiskFull(error)) throw diskFullError(options.what, folder);
    throw error;
  }
  syncFolder(folder);
}

/** Flush a folder's entries (the rename) to disk; not every platform can open a folder for this. */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = fs.openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; its renames are durable enough for this purpose.
  } finally {
    fs.closeSync(fd);
  }
}

/** Is the process that owns a leftover still running? (EPERM: it runs as another user.) */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
