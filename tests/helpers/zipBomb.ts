import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';

/** One part of a zip as it will be written: its deflated bytes, its inflated size and CRC. */
export interface ZipPart {
  name: string;
  method: 0 | 8;
  data: Uint8Array;
  size: number;
  crc: number;
}

export function deflatedPart(name: string, content: Uint8Array | string): ZipPart {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  return { name, method: 8, data: deflateRawSync(bytes, { level: 9 }), size: bytes.length, crc: crc32(bytes) };
}

/** Writes a zip from parts exactly as given (sizes and CRCs are not recomputed, so tests can lie). */
export function writeZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(part.data));
    centrals.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const bombs = new Map<string, ZipPart>();

/**
 * An XML part whose body is one comment of `mebibytes` MiB of 'a', deflated without ever holding
 * it: a 1 MiB block deflated with a full flush (no back-references across it) is the same bytes
 * each time, so the stream is that block repeated. 3,900 MiB deflate to about 4 MB.
 */
export function bombPart(
  name: string,
  mebibytes = 3900,
  prefix = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><!--',
  suffix = '--></worksheet>',
): ZipPart {
  const key = `${name}|${mebibytes}|${prefix}|${suffix}`;
  const cached = bombs.get(key);
  if (cached) return cached;
  const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  const block = Buffer.alloc(1 << 20, 0x61);
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  const deflatedBlock = deflateRawSync(block, flush);
  const pieces: Buffer[] = [deflateRawSync(head, flush)];
  let crc = crc32(head);
  for (let i = 0; i < mebibytes; i++) {
    pieces.push(deflatedBlock);
    crc = crc32(block, crc);
  }
  pieces.push(deflateRawSync(tail, { level: 9 }));
  crc = crc32(tail, crc);
  const part: ZipPart = {
    name,
    method: 8,
    data: Buffer.concat(pieces),
    size: head.length + mebibytes * block.length + tail.length,
    crc,
  };
  bombs.set(key, part);
  return part;
}

/** An existing zip with one part replaced by a bomb (other parts re-deflated as they were). */
export function withBomb(zip: Uint8Array, partName: string, mebibytes?: number): Buffer {
  const files = unzipSync(zip);
  if (!(partName in files)) throw new Error(`no part ${partName} in the zip`);
  return writeZip(
    Object.entries(files).map(([name, bytes]) =>
      name === partName ? bombPart(name, mebibytes) : deflatedPart(name, bytes),
    ),
  );
}

/** A .docx whose document.xml is a bomb. */
export function docxBomb(mebibytes?: number): Buffer {
  return writeZip([
    deflatedPart(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    deflatedPart(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    bombPart(
      'word/document.xml',
      mebibytes,
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><!--',
      '--></w:body></w:document>',
    ),
  ]);
}

/** A minimal .xlsx whose first sheet is a bomb. */
export function xlsxBomb(mebibytes?: number): Buffer {
  return writeZip([
    deflatedPart(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    deflatedPart(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflatedPart(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    deflatedPart(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    bombPart('xl/worksheets/sheet1.xml', mebibytes),
  ]);
}
