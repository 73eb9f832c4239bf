import { strFromU8, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBoundedZip } from '../../../src/main/core/files/boundedZip';
import { LuoshiError } from '../../../src/shared/errors';
import { bombPart, deflatedPart, docxBomb, writeZip, xlsxBomb } from '../../helpers/zipBomb';

function refusal(run: () => unknown): LuoshiError {
  try {
    run();
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const options = { fileName: '填报表.xlsx' };

describe('bounded zip reading', () => {
  it('reads an ordinary zip and keeps only the parts asked for', () => {
    const zip = zipSync({
      'a.xml': strToU8('<a>一</a>'.repeat(1000)),
      'b.xml': strToU8('<b/>'),
      'dir/': new Uint8Array(0),
    });
    const read = readBoundedZip(zip, { ...options, keep: (name) => name === 'a.xml' });
    expect(read.names.sort()).toEqual(['a.xml', 'b.xml', 'dir/']);
    expect([...read.parts.keys()]).toEqual(['a.xml']);
    expect(strFromU8(read.parts.get('a.xml')!)).toBe('<a>一</a>'.repeat(1000));
    expect(read.totalBytes).toBe(strToU8('<a>一</a>'.repeat(1000)).length + 4);
  });

  it('refuses a 4 MB .xlsx bomb at the entry limit, naming the file, the part and the limit', () => {
    const bomb = xlsxBomb();
    expect(bomb.length).toBeGreaterThan(3_500_000);
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    const error = refusal(() => readBoundedZip(bomb, options));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('填报表.xlsx');
    expect(error.message).toContain('xl/worksheets/sheet1.xml');
    expect(error.message).toContain('50 MB');
  });

  it('refuses a .docx bomb, and the total limit counts across parts', () => {
    expect(refusal(() => readBoundedZip(docxBomb(), { fileName: '方案.docx' })).message).toMatch(
      /方案\.docx.*word\/document\.xml.*50 MB/,
    );
    const twoParts = writeZip([bombPart('a.xml', 30), bombPart('b.xml', 30)]);
    const error = refusal(() =>
      readBoundedZip(twoParts, {
        fileName: 'x.xlsx',
        limits: { maxEntryBytes: 40 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024 },
      }),
    );
    expect(error.message).toContain('解压后超过 50 MB');
    expect(error.message).toContain('b.xml');
  });

  it('refuses a part that inflates to more than its recorded size, without reading on', () => {
    const honest = bombPart('x.xml', 20);
    const lying = { ...honest, size: 1000 };
    expect(refusal(() => readBoundedZip(writeZip([lying]), options)).message).toContain('记录的大小与实际不符');
    const short = { ...deflatedPart('y.xml', 'hello world'), size: 5000 };
    expect(refusal(() => readBoundedZip(writeZip([short]), options)).message).toContain('记录的大小与实际不符');
  });

  it('refuses a wrong CRC, unsupported compression, encryption, and too many parts', () => {
    const part = deflatedPart('y.xml', 'hello world');
    expect(refusal(() => readBoundedZip(writeZip([{ ...part, crc: part.crc ^ 1 }]), options)).message).toContain(
      '校验码不符',
    );
    const bzip = writeZip([part]);
    bzip.writeUInt16LE(12, 8); // local header method
    bzip.writeUInt16LE(12, bzip.indexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 10); // central method
    expect(refusal(() => readBoundedZip(bzip, options)).message).toContain('不支持的压缩方式（编号 12）');
    const encrypted = writeZip([part]);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    encrypted.writeUInt16LE(0x0801, central + 8);
    expect(refusal(() => readBoundedZip(encrypted, options)).message).toContain('已加密');
    const many = writeZip(Array.from({ length: 20 }, (_, i) => deflatedPart(`p${i}.xml`, 'x')));
    expect(refusal(() => readBoundedZip(many, { ...options, limits: { maxEntries: 10 } })).message).toContain(
      '超过 10 个的上限',
    );
  });

  it('refuses parts hidden inside other parts, disagreeing headers, duplicates and bytes outside the archive', () => {
    // A stored part whose data holds a second local header that only the central directory points to.
    const inner = deflatedPart('hidden.xml', 'x'.repeat(100));
    const innerZip = writeZip([inner]);
    const innerLocal = innerZip.subarray(0, 30 + 10 + inner.data.length);
    const outer = { name: 'outer.bin', method: 0 as const, data: innerLocal, size: innerLocal.length, crc: 0 };
    const built = writeZip([{ ...outer, crc: crc(innerLocal) }]);
    // Add a central record for hidden.xml pointing inside outer.bin's data.
    const end = built.length - 22;
    const centralStart = built.readUInt32LE(end + 16);
    const centralOuter = built.subarray(centralStart, end);
    const innerCentral = innerZip.subarray(innerZip.readUInt32LE(innerZip.length - 22 + 16), innerZip.length - 22);
    const movedInner = Buffer.from(innerCentral);
    movedInner.writeUInt32LE(30 + 'outer.bin'.length, 42);
    const endRecord = Buffer.from(built.subarray(end));
    endRecord.writeUInt16LE(2, 8);
    endRecord.writeUInt16LE(2, 10);
    endRecord.writeUInt32LE(centralOuter.length + movedInner.length, 12);
    const overlapping = Buffer.concat([built.subarray(0, centralStart), centralOuter, movedInner, endRecord]);
    expect(refusal(() => readBoundedZip(overlapping, options)).message).toContain('重叠');

    const renamed = writeZip([deflatedPart('a.xml', 'x')]);
    renamed.write('b', 30);
    expect(refusal(() => readBoundedZip(renamed, options)).message).toContain('两处记录不一致');
    expect(
      refusal(() => readBoundedZip(writeZip([deflatedPart('a.xml', 'x'), deflatedPart('a.xml', 'y')]), options))
        .message,
    ).toContain('重复');
    const prefixed = Buffer.concat([Buffer.from('junk'), writeZip([deflatedPart('a.xml', 'x')])]);
    expect(refusal(() => readBoundedZip(prefixed, options)).message).toContain('压缩结构异常');
    expect(refusal(() => readBoundedZip(Buffer.from('not a zip at all'), options)).message).toContain(
      '不是有效的压缩包',
    );
    const truncated = writeZip([deflatedPart('a.xml', 'x'.repeat(5000))]);
    expect(refusal(() => readBoundedZip(truncated.subarray(0, truncated.length - 40), options)).code).toBe(
      'invalid_input',
    );
  });
});

function crc(bytes: Uint8Array): number {
  return deflatedPart('c', bytes).crc;
}
