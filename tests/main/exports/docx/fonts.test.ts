import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectOfficialFonts, parseFcList } from '../../../../src/main/core/exports/docx/fonts';
import { fontFamilyNames } from '../../../../src/main/core/exports/docx/fontNames';

/** A minimal OpenType face whose 'name' table declares the given family names (Windows, UTF-16BE). */
function fontFace(names: string[], faceOffset = 0): Buffer {
  const strings = names.map((name) => Buffer.from(name, 'utf16le').swap16());
  const headerSize = 12 + 16;
  const nameTable = Buffer.alloc(6 + names.length * 12 + strings.reduce((sum, s) => sum + s.length, 0));
  nameTable.writeUInt16BE(0, 0);
  nameTable.writeUInt16BE(names.length, 2);
  nameTable.writeUInt16BE(6 + names.length * 12, 4);
  let stringOffset = 0;
  strings.forEach((s, i) => {
    const at = 6 + i * 12;
    nameTable.writeUInt16BE(3, at); // Windows
    nameTable.writeUInt16BE(1, at + 2); // Unicode BMP
    nameTable.writeUInt16BE(0x0804, at + 4); // zh-CN
    nameTable.writeUInt16BE(1, at + 6); // family
    nameTable.writeUInt16BE(s.length, at + 8);
    nameTable.writeUInt16BE(stringOffset, at + 10);
    s.copy(nameTable, 6 + names.length * 12 + stringOffset);
    stringOffset += s.length;
  });
  const header = Buffer.alloc(headerSize);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(1, 4);
  header.write('name', 12, 'latin1');
  header.writeUInt32BE(faceOffset + headerSize, 20); // offsets count from the file start
  header.writeUInt32BE(nameTable.length, 24);
  return Buffer.concat([header, nameTable]);
}

function collection(names: string[]): Buffer {
  const head = Buffer.alloc(16);
  head.write('ttcf', 0, 'latin1');
  head.writeUInt32BE(0x00010000, 4);
  head.writeUInt32BE(1, 8);
  head.writeUInt32BE(16, 12);
  return Buffer.concat([head, fontFace(names, 16)]);
}

describe('font detection', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'luoshi-fonts-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'FSGB2312.TTF'), fontFace(['仿宋_GB2312', 'FangSong_GB2312']));
    await writeFile(join(dir, 'sub', 'simkai.ttc'), collection(['楷体', 'KaiTi']));
    await writeFile(join(dir, 'broken.ttf'), Buffer.from('not a font'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads family names from TTF and TTC files and ignores broken ones', async () => {
    expect(await fontFamilyNames(join(dir, 'FSGB2312.TTF'))).toEqual(['仿宋_GB2312', 'FangSong_GB2312']);
    expect(await fontFamilyNames(join(dir, 'sub', 'simkai.ttc'))).toEqual(['楷体', 'KaiTi']);
    expect(await fontFamilyNames(join(dir, 'broken.ttf'))).toEqual([]);
  });

  it('scans font folders when fc-list is missing, and maps what is missing to installed fallbacks', async () => {
    const report = await detectOfficialFonts({
      listFamilies: () => Promise.resolve(null),
      fontDirs: [dir, join(dir, 'absent')],
    });
    expect(report.source).toBe('font-folders');
    const byRole = Object.fromEntries(report.roles.map((role) => [role.role, role]));
    expect(byRole.fangsong).toMatchObject({ installed: true, use: '仿宋_GB2312' });
    expect(byRole.kaiti).toMatchObject({ installed: false, use: '楷体' });
    expect(byRole.heiti).toMatchObject({ installed: false, use: null });
    expect(report.allInstalled).toBe(false);
    expect(report.suggested).toEqual({
      xiaobiaosong: '方正小标宋简体',
      fangsong: '仿宋_GB2312',
      heiti: '黑体',
      kaiti: '楷体',
    });
    expect(report.warnings).toHaveLength(3);
    expect(report.warnings.find((line) => line.includes('楷体_GB2312'))).toContain('将改用“楷体”');
  });

  it('uses fc-list when present, matching names in any of their spellings', async () => {
    const fcList = [
      'FZXiaoBiaoSong-B05S,方正小标宋简体',
      'SimHei,黑体',
      'FangSong,仿宋',
      'KaiTi_GB2312,楷体_GB2312',
      'Noto Sans CJK SC,Noto Sans CJK SC Regular',
    ].join('\n');
    const report = await detectOfficialFonts({ listFamilies: () => Promise.resolve(fcList) });
    expect(report.source).toBe('fc-list');
    expect(report.roles.filter((role) => !role.installed).map((role) => role.role)).toEqual(['fangsong']);
    expect(report.suggested.fangsong).toBe('仿宋');
    expect(report.suggested.kaiti).toBe('楷体_GB2312');
    expect(report.warnings).toEqual([expect.stringContaining('仿宋_GB2312')]);
  });

  it('reports source none when nothing can be read', async () => {
    const report = await detectOfficialFonts({
      listFamilies: () => Promise.resolve(null),
      fontDirs: [join(dir, 'absent')],
    });
    expect(report.source).toBe('none');
    expect(report.roles.every((role) => !role.installed && role.use === null)).toBe(true);
  });

  it('parses fc-list escapes', () => {
    expect(parseFcList('Noto Serif CJK SC,Noto Serif CJK SC\\-Bold\n')).toEqual(
      new Set(['Noto Serif CJK SC', 'Noto Serif CJK SC-Bold']),
    );
  });
});
