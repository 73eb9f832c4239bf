import { open } from 'node:fs/promises';

/**
 * Reads the family names a font file declares (OpenType 'name' table, IDs 1 and 16), for TTF, OTF
 * and TTC collections. Only the table directory and the name table are read, not the glyphs, so
 * scanning a Fonts folder of several hundred files stays quick.
 */

const familyIds = new Set([1, 4, 16]);

function decodeName(bytes: Buffer, platformId: number): string {
  if (platformId === 0 || platformId === 3) {
    // UTF-16BE.
    const swapped = Buffer.alloc(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      swapped[i] = bytes[i + 1] ?? 0;
      swapped[i + 1] = bytes[i] ?? 0;
    }
    return swapped.toString('utf16le');
  }
  return bytes.toString('latin1');
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function namesOfFace(handle: Awaited<ReturnType<typeof open>>, offset: number): Promise<string[]> {
  const header = await readAt(handle, offset, 12);
  if (header.length < 12) return [];
  const tableCount = header.readUInt16BE(4);
  const directory = await readAt(handle, offset + 12, tableCount * 16);
  for (let i = 0; i + 16 <= directory.length; i += 16) {
    if (directory.toString('latin1', i, i + 4) !== 'name') continue;
    const tableOffset = directory.readUInt32BE(i + 8);
    const tableLength = Math.min(directory.readUInt32BE(i + 12), 1 << 20);
    const table = await readAt(handle, tableOffset, tableLength);
    if (table.length < 6) return [];
    const count = table.readUInt16BE(2);
    const stringsAt = table.readUInt16BE(4);
    const names = new Set<string>();
    for (let record = 0; record < count; record += 1) {
      const at = 6 + record * 12;
      if (at + 12 > table.length) break;
      const platformId = table.readUInt16BE(at);
      const nameId = table.readUInt16BE(at + 6);
      const length = table.readUInt16BE(at + 8);
      const start = stringsAt + table.readUInt16BE(at + 10);
      if (!familyIds.has(nameId) || start + length > table.length) continue;
      // Mac Roman names of CJK fonts are often legacy-encoded junk; keep the Unicode ones.
      if (platformId === 1 && table.subarray(start, start + length).some((byte) => byte > 0x7f)) continue;
      const name = decodeName(table.subarray(start, start + length), platformId)
        .replaceAll('\u0000', '')
        .trim();
      if (name) names.add(name);
    }
    return [...names];
  }
  return [];
}

/** Family (and full) names declared by the font file; empty for anything unreadable. */
export async function fontFamilyNames(path: string): Promise<string[]> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const head = await readAt(handle, 0, 12);
    if (head.length < 12) return [];
    if (head.toString('latin1', 0, 4) === 'ttcf') {
      const faces = Math.min(head.readUInt32BE(8), 64);
      const offsets = await readAt(handle, 12, faces * 4);
      const names = new Set<string>();
      for (let i = 0; i + 4 <= offsets.length; i += 4) {
        for (const name of await namesOfFace(handle, offsets.readUInt32BE(i))) names.add(name);
      }
      return [...names];
    }
    return await namesOfFace(handle, 0);
  } catch {
    return [];
  } finally {
    await handle?.close();
  }
}
