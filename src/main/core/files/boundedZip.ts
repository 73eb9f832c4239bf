import { crc32 } from 'node:zlib';
import { UnzipInflate } from 'fflate';
import { LuoshiError } from '../../../shared/errors';

/**
 * Bounded reading of an uploaded zip (.xlsx, .docx): every part is inflated here, in small steps,
 * with its inflated size counted, before exceljs or mammoth (both JSZip underneath) ever see the
 * bytes. JSZip inflates each part whole into memory, so a 4 MB part that inflates to gigabytes
 * would exhaust the heap; here the first byte over a limit stops the reading.
 *
 * The parts are found as JSZip finds them: through the central directory (last end-of-central-
 * directory record), each part's data right after its local header, its length the central
 * directory's compressed size. Anything JSZip would read differently from what was checked here
 * is refused: a local header that disagrees with its central record, parts that overlap or sit
 * inside one another, bytes before the archive, Zip64, encryption, compression other than stored
 * and deflate, a size that differs from what the data inflates to, a wrong CRC.
 */
interface ZipLimits {
  /** Inflated bytes one part may hold. */
  maxEntryBytes: number;
  /** Inflated bytes all parts together may hold. */
  maxTotalBytes: number;
  maxEntries: number;
}

const defaultZipLimits: ZipLimits = {
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  maxEntries: 5000,
};

export interface BoundedZipOptions {
  /** Named in every refusal. */
  fileName: string;
  limits?: Partial<ZipLimits>;
  /** Parts whose inflated bytes are kept and returned; every other part is inflated, counted and dropped. */
  keep?: (name: string) => boolean;
  /** Refusals carry this field name. */
  field?: string;
}

export interface BoundedZip {
  names: string[];
  /** The kept parts, by name. */
  parts: Map<string, Uint8Array>;
  totalBytes: number;
}

/** Compressed input handed to the inflater per step: deflate expands at most ~1032×, so one step yields at most ~4 MB. */
const stepBytes = 4 * 1024;

const sig = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, zip64Locator: 0x07064b50 } as const;

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
}

/** True when the bytes start like a zip archive (local header, or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  );
}

/**
 * Reads the whole archive within the limits, or throws LuoshiError('invalid_input') naming the
 * file, the part and the limit at the first problem.
 */
export function readBoundedZip(bytes: Uint8Array, options: BoundedZipOptions): BoundedZip {
  const limits = { ...defaultZipLimits, ...options.limits };
  const refuse = (what: string): never => {
    throw new LuoshiError('invalid_input', `文件「${options.fileName}」${what}`, options.field);
  };
  const broken = (what: string): never =>
    refuse(`的压缩结构异常（${what}），不是正常保存的文件，已拒绝读取。请用 Excel、WPS 或 Word 重新保存后再上传。`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at, true) : broken('文件被截断'));
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at, true) : broken('文件被截断'));

  // The last end record, as JSZip takes it; it must end the file exactly.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 5 && bytes[at + 3] === 6) {
      end = at;
      break;
    }
  }
  if (end < 0) refuse('不是有效的压缩包（找不到目录），可能已损坏或不是 Office 文件。');
  if (end + 22 + u16(end + 20) !== bytes.length) broken('目录之后有多余内容');
  if (end >= 20 && u32(end - 20) === sig.zip64Locator) broken('Zip64 格式');
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0) broken('分卷压缩');
  const count = u16(end + 10);
  if (u16(end + 8) !== count) broken('目录条目数不一致');
  const centralSize = u32(end + 12);
  const centralOffset = u32(end + 16);
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) broken('Zip64 格式');
  if (centralOffset + centralSize !== end) broken('目录位置与记录不符');
  if (count > limits.maxEntries) refuse(`含有 ${count} 个部件，超过 ${limits.maxEntries} 个的上限，已拒绝读取。`);

  const entries: CentralEntry[] = [];
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8');
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== sig.central) broken('目录条目损坏');
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (at + 46 + nameLength > end) broken('目录条目越界');
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const entry: CentralEntry = {
      name,
      flags: u16(at + 8),
      method: u16(at + 10),
      crc: u32(at + 16),
      compressedSize: u32(at + 20),
      size: u32(at + 24),
      localOffset: u32(at + 42),
    };
    if (u16(at + 34) !== 0) broken('分卷压缩');
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
      broken('Zip64 格式');
    if (name === '' || name.includes('\0')) broken('部件名称无效');
    if (names.has(name)) broken(`部件「${name}」重复出现`);
    names.add(name);
    if ((entry.flags & 0x41) !== 0) refuse(`的部件「${name}」已加密，无法读取。请取消文件密码后再上传。`);
    if (entry.method !== 0 && entry.method !== 8)
      refuse(
        `的部件「${name}」使用了不支持的压缩方式（编号 ${entry.method}），无法读取。请用 Excel、WPS 或 Word 重新保存后再上传。`,
      );
    if (entry.size > limits.maxEntryBytes) refuse(tooLargeEntry(name, limits.maxEntryBytes));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== end) broken('目录长度与记录不符');

  // Each part's bytes: after its local header, which must agree with the central record; no overlap.
  const spans = entries
    .map((entry) => {
      const local = entry.localOffset;
      if (u32(local) !== sig.local) broken(`部件「${entry.name}」的位置记录错误`);
      const nameLength = u16(local + 26);
      const localName = decoder.decode(bytes.subarray(local + 30, local + 30 + nameLength));
      if (
        localName !== entry.name ||
        u16(local + 8) !== entry.method ||
        (u16(local + 6) & 0x41) !== (entry.flags & 0x41)
      ) {
        broken(`部件「${entry.name}」的两处记录不一致`);
      }
      const start = local + 30 + nameLength + u16(local + 28);
      return { entry, local, start, stop: start + entry.compressedSize };
    })
    .sort((a, b) => a.local - b.local);
  let previousStop = 0;
  for (const span of spans) {
    if (span.local < previousStop) broken(`部件「${span.entry.name}」与其他部件重叠`);
    if (span.stop > centralOffset) broken(`部件「${span.entry.name}」越界`);
    previousStop = span.stop;
  }

  const keep = options.keep ?? (() => false);
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  for (const { entry, start, stop } of spans) {
    const kept: Uint8Array[] | null = keep(entry.name) ? [] : null;
    let size = 0;
    let crc = 0;
    const take = (data: Uint8Array): void => {
      size += data.length;
      total += data.length;
      if (size > limits.maxEntryBytes) refuse(tooLargeEntry(entry.name, limits.maxEntryBytes));
      if (size > entry.size) broken(`部件「${entry.name}」记录的大小与实际不符`);
      if (total > limits.maxTotalBytes)
        refuse(
          `解压后超过 ${megabytes(limits.maxTotalBytes)} 的上限（在读到部件「${entry.name}」时超出），已拒绝读取。正常的填报表或工作方案远小于此，请确认文件来源。`,
        );
      crc = crc32(data, crc);
      kept?.push(data);
    };
    if (entry.method === 0) {
      for (let from = start; from < stop; from += stepBytes)
        take(bytes.subarray(from, Math.min(stop, from + stepBytes)));
    } else {
      if (start === stop) broken(`部件「${entry.name}」的压缩数据不完整`);
      const inflater = new UnzipInflate();
      inflater.ondata = (error, data) => {
        // A refusal thrown by take() comes back here through fflate's catch: pass it on as it is.
        if (error instanceof LuoshiError) throw error;
        if (error) broken(`部件「${entry.name}」的压缩数据损坏或不完整`);
        take(data);
      };
      for (let from = start; from < stop; from += stepBytes) {
        const to = Math.min(stop, from + stepBytes);
        inflater.push(bytes.subarray(from, to), to === stop);
      }
    }
    if (size !== entry.size) broken(`部件「${entry.name}」记录的大小与实际不符`);
    if (crc >>> 0 !== entry.crc) broken(`部件「${entry.name}」的校验码不符`);
    if (kept) parts.set(entry.name, concat(kept, size));
  }
  return { names: entries.map((e) => e.name), parts, totalBytes: total };
}

function tooLargeEntry(name: string, limit: number): string {
  return `的部件「${name}」解压后超过 ${megabytes(limit)} 的上限，已拒绝读取。正常的填报表或工作方案远小于此，请确认文件来源。`;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
