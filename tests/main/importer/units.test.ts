import { describe, expect, it } from 'vitest';
import { unitSpecSchema } from '../../../src/shared/domain/units';
import { defaultUnitDirectory } from '../../../src/main/core/importer';
import { UnitResolver } from '../../../src/main/core/importer/directory';
import { splitUnitList } from '../../../src/main/core/importer/units';
import { chineseNumeral, squeezeSpaces, tidySpacing } from '../../../src/main/core/importer/text/normalize';
import { splitParagraphs } from '../../../src/main/core/importer/text/paragraphs';

describe('splitUnitList', () => {
  it('splits on 、 and ， but not inside parentheses, and expands sub-unit lists', () => {
    expect(splitUnitList('区宣传部（文明办）、区党群工作部（工会、团工委、妇联）、区财政局(审计局)，各办事处')).toEqual(
      [
        '区宣传部（文明办）',
        '区党群工作部（工会）',
        '区党群工作部（团工委）',
        '区党群工作部（妇联）',
        '区财政局（审计局）',
        '各办事处',
      ],
    );
  });

  it('drops empty pieces and a closing 。', () => {
    expect(splitUnitList('区建设局、、区法院。')).toEqual(['区建设局', '区法院']);
  });
});

describe('the default unit directory', () => {
  const directory = defaultUnitDirectory();

  it('is valid, with unique names and aliases that point to one unit each', () => {
    for (const unit of directory) unitSpecSchema.parse(unit);
    const names = directory.flatMap((u) => [u.name, ...u.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has the sub-units of 区党群工作部 with their parent', () => {
    for (const sub of ['工会', '团工委', '妇联']) {
      expect(directory.find((u) => u.name === `区党群工作部（${sub}）`)?.parent).toBe('区党群工作部');
    }
  });

  it('has the groups 各办事处 and 各成员单位, whose members are canonical units', () => {
    const groups = directory.filter((u) => u.kind === 'group');
    expect(groups.map((g) => g.name)).toEqual(['各办事处', '各成员单位']);
    const names = new Set(directory.map((u) => u.name));
    for (const g of groups) for (const m of g.members) expect(names.has(m)).toBe(true);
  });
});

describe('UnitResolver', () => {
  it('resolves aliases and spellings to canonical names', () => {
    const r = new UnitResolver(defaultUnitDirectory());
    expect(r.resolve('区市场监管局', 1)).toBe('区市场监督管理局');
    expect(r.resolve('郑州市公安交管局交警十二支队', 1)).toBe('郑州市公安局交警十二支队');
    expect(r.resolve('区审计局', 1)).toBe('区财政局（审计局）');
    expect(r.resolve('区综合行政执法局(城市管理局)', 1)).toBe('区综合行政执法局（城市管理局）');
    expect(r.resolve('区 妇联', 1)).toBe('区党群工作部（妇联）');
    expect(r.warnings).toEqual([]);
  });

  it('adds an unknown name for review instead of merging it, and says where it was found', () => {
    const r = new UnitResolver(defaultUnitDirectory());
    expect(r.resolve('区卫生健康委', 12)).toBe('区卫生健康委');
    expect(r.resolve('区卫生健康委', 30)).toBe('区卫生健康委');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ line: 12, code: 'unknown_unit' });
    expect(r.directory().find((u) => u.name === '区卫生健康委')).toMatchObject({
      kind: 'unit',
      needsReview: true,
      parent: null,
    });
  });

  it('gives an unknown sub-unit its known parent, and an unknown collective the group kind', () => {
    const r = new UnitResolver(defaultUnitDirectory());
    r.resolve('区党群工作部（关工委）', 3);
    r.resolve('各有关单位', 4);
    const dir = r.directory();
    expect(dir.find((u) => u.name === '区党群工作部（关工委）')?.parent).toBe('区党群工作部');
    expect(dir.find((u) => u.name === '各有关单位')?.kind).toBe('group');
  });

  it('does not change the directory it was given', () => {
    const input = defaultUnitDirectory();
    const copy = structuredClone(input);
    new UnitResolver(input).resolve('新单位', 1);
    expect(input).toEqual(copy);
  });
});

describe('text normalisation', () => {
  it('closes up spaces around numbers but keeps spaces between Chinese words', () => {
    expect(tidySpacing('到 2025 年，掌握 1 - 2 项，“心中有祖国 心中有他人”，VI 系统')).toBe(
      '到2025年，掌握1-2项，“心中有祖国 心中有他人”，VI系统',
    );
    expect(squeezeSpaces('郑州经开区贯彻落实郑州市儿童友好 城市建设工作方案')).toBe(
      '郑州经开区贯彻落实郑州市儿童友好城市建设工作方案',
    );
  });

  it('reads Chinese ordinals', () => {
    expect([
      chineseNumeral('一'),
      chineseNumeral('十'),
      chineseNumeral('十二'),
      chineseNumeral('二十'),
      chineseNumeral('甲'),
    ]).toEqual([1, 10, 12, 20, null]);
  });

  it('joins a paragraph cut by a page break and keeps the line of each part', () => {
    const paragraphs = splitParagraphs(
      '3. 标题\n\n公共空间设计，在新建和改扩建公园、绿地等，优化\n\n公共空间设计。\n\n牵头单位：甲',
    );
    expect(paragraphs.map((p) => [p.text, p.line])).toEqual([
      ['3.标题', 1],
      ['公共空间设计，在新建和改扩建公园、绿地等，优化公共空间设计。', 3],
      ['牵头单位：甲', 7],
    ]);
    expect(paragraphs[1]?.starts).toEqual([
      { offset: 0, line: 3 },
      { offset: '公共空间设计，在新建和改扩建公园、绿地等，优化'.length, line: 5 },
    ]);
  });
});

describe('directoryForImport', () => {
  it('uses the seed directory on first run and the stored one afterwards', async () => {
    const { directoryForImport } = await import('../../../src/main/core/importer');
    expect(directoryForImport([])).toEqual(defaultUnitDirectory());
    const stored = [
      { name: '甲单位', kind: 'unit' as const, aliases: [], parent: null, members: [], needsReview: false },
    ];
    expect(directoryForImport(stored)).toEqual(stored);
  });
});
