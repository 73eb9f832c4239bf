import { describe, expect, it } from 'vitest';
import { defaultUnitDirectory, parsePlanText } from '../../../src/main/core/importer';

/** A county plan in yet another common shape, written for this test. */
const lines = [
  '某某区人民政府办公室文件',
  '某政办〔2024〕5号',
  '某某区人民政府办公室关于印发某某区全民健身工作方案的通知',
  '各乡镇人民政府，区直各单位：',
  '现将《某某区全民健身工作方案》印发给你们，请认真贯彻落实。',
  '某某区全民健身工作方案',
  '一、总体目标',
  '到2026年，全区体育设施进一步完善。',
  '二、主要工作',
  '（一）完善场地设施',
  '1．建设社区健身中心。到２０２６年，全区新建社区健身中心不少于8个。（牵头单位：区体育局；责任单位：区住建局、各乡镇）',
  '2．改造公共体育场。完成公共体育场改造。(牵头单位:区体育局、区住建局 责任单位:区财政局)',
  '（二）丰富赛事活动',
  '1．举办全民健身运动会。每年举办全民健身运动会1次，参与人数达到5000人次以上。',
  '牵头单位：区体育局',
  '责任单位：区教育局、区市场监管局，各乡镇',
  '2．推广健身知识。持续开展健身知识进社区活动。',
  '三、保障措施',
  '加强组织领导。',
];
const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
const { plan, directory } = parsePlanText(lines.join('\n'), defaultUnitDirectory(), '全民健身.txt');

describe('a plan with units in （牵头单位：…；责任单位：…） and numbering per category', () => {
  it('reads the metadata', () => {
    expect(plan.meta).toEqual({
      issuer: '某某区人民政府办公室',
      docNumber: '某政办〔2024〕5号',
      title: '某某区全民健身工作方案',
    });
  });

  it('finds the tasks under 二、主要工作 and numbers them through, with a warning', () => {
    expect(plan.categories.map((c) => c.title)).toEqual(['完善场地设施', '丰富赛事活动']);
    expect(plan.tasks.map((t) => [t.no, t.category, t.title])).toEqual([
      [1, 1, '建设社区健身中心'],
      [2, 1, '改造公共体育场'],
      [3, 2, '举办全民健身运动会'],
      [4, 2, '推广健身知识'],
    ]);
    expect(plan.warnings.find((w) => w.code === 'task_renumbered')).toBeDefined();
  });

  it('reads units from inline labels and from label lines', () => {
    expect(plan.tasks.map((t) => [t.leadUnits, t.responsibleUnits])).toEqual([
      [['区体育局'], ['区住建局', '各乡镇']],
      // 区财政局 is another name of 区财政局（审计局） in the seed district's directory.
      [['区体育局', '区住建局'], ['区财政局（审计局）']],
      [['区体育局'], ['区教育局', '区市场监督管理局', '各乡镇']],
      [[], []],
    ]);
  });

  it('names the task without units, with its line', () => {
    expect(plan.warnings.find((w) => w.code === 'no_units')).toMatchObject({ line: lineOf('2．推广') });
  });

  it('flags the units it does not know, once each, where they first appear', () => {
    const added = directory.filter((u) => u.needsReview).map((u) => [u.name, u.kind]);
    expect(added).toEqual([
      ['区体育局', 'unit'],
      ['区住建局', 'unit'],
      ['各乡镇', 'group'],
      ['区教育局', 'unit'],
    ]);
    const unknown = plan.warnings.filter((w) => w.code === 'unknown_unit');
    expect(unknown.map((w) => w.line)).toEqual([
      lineOf('1．建设'),
      lineOf('1．建设'),
      lineOf('1．建设'),
      lineOf('责任单位：区教育局'),
    ]);
  });

  it('reads targets with the plan goal year when the task names none', () => {
    expect(plan.tasks[0]?.targets.map((g) => [g.metric, g.comparator, g.value, g.unit, g.year])).toEqual([
      ['新建社区健身中心', 'gte', 8, '个', 2026],
    ]);
    expect(plan.tasks[2]?.targets.map((g) => [g.metric, g.comparator, g.value, g.unit, g.year])).toEqual([
      ['参与人数', 'gte', 5000, '人次', 2026],
    ]);
  });
});

describe('units written in the title line', () => {
  it('reads （A、B负责） and (A牵头) wherever the task puts them, and keeps them out of the title', () => {
    const text = [
      '二、主要任务',
      '1. 促进文物回流（海关总署、文物局负责）',
      '2．促进跨境电商发展。支持企业开展业务。(商务部牵头，海关总署参与)',
    ].join('\n');
    const { plan } = parsePlanText(text, [], 'tasks.txt');
    expect(plan.tasks.map((t) => [t.no, t.title, t.leadUnits, t.responsibleUnits])).toEqual([
      [1, '促进文物回流', ['海关总署'], ['文物局']],
      [2, '促进跨境电商发展', ['商务部'], ['海关总署']],
    ]);
    expect(plan.meta.title).toBe('tasks');
  });
});

describe('targets it cannot pair up', () => {
  it('names "分别" with more subjects than values, with its line, instead of guessing', () => {
    const text = [
      '二、主要任务',
      '1. 建设场馆',
      '到2025年，体育馆、游泳馆和图书馆分别达到3个和2个。',
      '牵头单位：区体育局',
    ].join('\n');
    const { plan } = parsePlanText(text, [], 'x.txt');
    expect(plan.tasks[0]?.targets).toEqual([]);
    expect(plan.warnings.find((w) => w.code === 'target_unclear')).toMatchObject({ line: 3 });
  });

  it('pairs "分别" subjects with their values and shares the measured word', () => {
    const text = [
      '二、主要任务',
      '1. 保护视力',
      '到2025年，眼保健和视力检查覆盖率分别达到90%和80%以上。',
      '牵头单位：区卫健委',
    ].join('\n');
    const { plan } = parsePlanText(text, [], 'x.txt');
    expect(plan.tasks[0]?.targets.map((g) => [g.metric, g.comparator, g.value])).toEqual([
      ['眼保健覆盖率', 'gte', 90],
      ['视力检查覆盖率', 'gte', 80],
    ]);
  });
});
