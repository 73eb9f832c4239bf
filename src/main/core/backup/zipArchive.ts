import {
  createReadStream,
  createWriteStream,
  openSync,
  closeSync,
  fstatSync,
  readSync,
  type ReadStream,
} from 'node:fs';
import { once } from 'node:events';
import { Inflate, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * Backups as zip archives through fflate, streamed both ways: one file's chunks at a time, never
 * a whole attachment or database in memory.
 *
 * Reading goes through the central directory, as unzip and JSZip do, so backups written by
 * earlier versions (JSZip, stored entries with data descriptors) read the same as fflate's: each
 * entry's bytes are the range after its local header, `compressedSize` long, streamed from disk
 * and inflated in steps. The inflated size is bounded by the caller (the manifest's size): the
 * first byte over it stops the reading, so a small entry that inflates to gigabytes (a zip bomb)
 * costs one step.
 */

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  flags: number;
}

const sig = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 } as const;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const maxTail = 22 + 0xffff;
/** The central directory of a backup lists the database, attachments and the manifest. */
const maxCentralDirectory = 64 * 1024 * 1024;

export class ZipFormatError extends Error {
  /** The entry inflates beyond the size it may have. */
  tooLarge = false;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new ZipFormatError('文件不完整');
    done += n;
  }
  return buffer;
}

/** The entries of the archive's central directory, in order. */
export function listZipEntries(file: string): ZipEntryInfo[] {
  const fd = openSync(file, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize < 22) throw new ZipFormatError('文件太短');
    const tailLength = Math.min(fileSize, maxTail);
    const tail = readAt(fd, fileSize - tailLength, tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === sig.end) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new ZipFormatError('找不到压缩包目录');
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipFormatError('不支持 Zip64 格式');
    if (directorySize > maxCentralDirectory || directoryOffset + directorySize > fileSize)
      throw new ZipFormatError('压缩包目录超出文件范围');
    const directory = readAt(fd, directoryOffset, directorySize);
    const entries: ZipEntryInfo[] = [];
    let at = 0;
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== sig.central)
        throw new ZipFormatError('压缩包目录已损坏');
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const entry: ZipEntryInfo = {
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        size: directory.readUInt32LE(at + 24),
        localOffset: directory.readUInt32LE(at + 42),
        name: directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      };
      if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff)
        throw new ZipFormatError('不支持 Zip64 格式');
      if ((entry.flags & 1) !== 0) throw new ZipFormatError(`「${entry.name}」已加密`);
      if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`「${entry.name}」的压缩方式不受支持`);
      if (entry.localOffset + 30 + entry.compressedSize > directoryOffset)
        throw new ZipFormatError(`「${entry.name}」超出文件范围`);
      entries.push(entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** Where an entry's data starts: after its local header, whose name and extra field lengths are its own. */
function dataStartOf(file: string, entry: ZipEntryInfo): number {
  const fd = openSync(file, 'r');
  try {
    const header = readAt(fd, entry.localOffset, 30);
    if (header.readUInt32LE(0) !== sig.local) throw new ZipFormatError(`「${entry.name}」的文件头已损坏`);
    return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
}

/**
 * An entry's inflated bytes, chunk by chunk. Throws ZipFormatError when the data would inflate
 * beyond `maxBytes` (reading stops there) or ends before the deflate stream does.
 */
export async function* readZipEntry(file: string, entry: ZipEntryInfo, maxBytes: number): AsyncGenerator<Uint8Array> {
  const start = dataStartOf(file, entry);
  if (entry.compressedSize === 0) {
    if (entry.method === 8) throw new ZipFormatError(`「${entry.name}」的数据为空`);
    return;
  }
  const input: ReadStream = createReadStream(file, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 64 * 1024,
  });
  let produced = 0;
  const over = (): ZipFormatError => {
    const error = new ZipFormatError(`「${entry.name}」解压后超过清单记录的大小`);
    error.tooLarge = true;
    return error;
  };
  try {
    if (entry.method === 0) {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > maxBytes) throw over();
        yield chunk;
      }
      return;
    }
    const pending: Uint8Array[] = [];
    let ended = false;
    const inflate = new Inflate((chunk, final) => {
      produced += chunk.length;
      pending.push(chunk);
      if (final) ended = true;
    });
    for await (const chunk of input as AsyncIterable<Buffer>) {
      // Small steps: deflate expands at most ~1032×, so one step yields at most a few MB.
      for (let i = 0; i < chunk.length; i += 4096) {
        inflate.push(chunk.subarray(i, i + 4096), false);
        if (produced > maxBytes) throw over();
        while (pending.length > 0) yield pending.shift() as Uint8Array;
      }
    }
    if (!ended) inflate.push(new Uint8Array(0), true);
    if (produced > maxBytes) throw over();
    while (pending.length > 0) yield pending.shift() as Uint8Array;
  } finally {
    input.destroy();
  }
}

export interface ZipWriteEntry {
  name: string;
  /** Deflate (the database) or store (attachments, mostly compressed already). */
  compress: boolean;
  /** Chunks of the entry's content. */
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** Write the entries, in order, as one zip archive to `outFile`, one chunk at a time. */
export async function writeZip(outFile: string, entries: readonly ZipWriteEntry[], mtime: Date): Promise<void> {
  const out = createWriteStream(outFile, { mode: 0o600 });
  let failure: Error | null = null;
  let finished = false;
  const backlog: Uint8Array[] = [];
  out.on('error', (error) => {
    failure = error;
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else backlog.push(chunk);
    if (final) finished = true;
  });
  // Push fflate's output to the file, waiting for the file when it asks to.
  const flush = async (): Promise<void> => {
    while (backlog.length > 0) {
      if (failure) throw failure;
      if (!out.write(backlog.shift())) await once(out, 'drain');
    }
    if (failure) throw failure;
  };
  try {
    for (const entry of entries) {
      const file = entry.compress ? new ZipDeflate(entry.name, { level: 6 }) : new ZipPassThrough(entry.name);
      file.mtime = mtime;
      zip.add(file);
      for await (const chunk of entry.chunks) {
        file.push(chunk, false);
        await flush();
      }
      file.push(new Uint8Array(0), true);
      await flush();
    }
    zip.end();
    await flush();
    if (!finished) throw new Error('zip archive did not finish');
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
}
