import { describe, expect, it } from 'vitest';
import { defaultUnitDirectory, parsePlanText } from '../../../src/main/core/importer';
import { planFixture } from './fixtures';

describe('国发〔2019〕3号: units in （A、B负责） at the end of a task, the first leads', () => {
  const { plan, directory } = parsePlanText(
    planFixture('guofa-2019-3-zonghe-baoshuiqu.txt'),
    defaultUnitDirectory(),
    'guofa.txt',
  );

  it('reads the metadata', () => {
    expect(plan.meta).toEqual({
      issuer: '国务院',
      docNumber: '国发〔2019〕3号',
      title: '国务院关于促进综合保税区高水平开放高质量发展的若干意见',
    });
  });

  it('reads five categories and 21 numbered tasks with their titles', () => {
    expect(plan.categories.map((c) => c.title)).toEqual([
      '统筹两个市场，打造加工制造中心',
      '推动创新创业，打造研发设计中心',
      '推进贸易便利化，打造物流分拨中心',
      '延伸产业链条，打造检测维修中心',
      '培育新动能新优势，打造销售服务中心',
    ]);
    expect(plan.tasks.map((t) => t.no)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(plan.tasks.map((t) => t.category)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5]);
    expect(plan.tasks[0]?.title).toBe('拓展两个市场');
    expect(plan.tasks[20]?.title).toBe('推广创新制度');
    expect(plan.tasks[0]?.body).toBe(
      '积极稳妥地在综合保税区推广增值税一般纳税人资格试点。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）',
    );
  });

  it('takes the first unit as lead and the others as responsible', () => {
    const units = (no: number) => {
      const t = plan.tasks.find((x) => x.no === no);
      return [t?.leadUnits, t?.responsibleUnits];
    };
    expect(units(1)).toEqual([['税务总局'], ['财政部', '海关总署']]);
    expect(units(5)).toEqual([['海关总署'], []]);
    expect(units(14)).toEqual([['商务部'], ['工业和信息化部', '生态环境部', '海关总署']]);
    // "海关总署、商务部等有关部门负责": the open end is kept as the collective 有关部门.
    expect(units(6)).toEqual([['海关总署'], ['商务部', '有关部门']]);
  });

  it('adds the ministries to the directory for review, 有关部门 as a group', () => {
    const added = directory.filter((u) => u.needsReview);
    expect(added.map((u) => u.name)).toContain('海关总署');
    expect(added.find((u) => u.name === '有关部门')?.kind).toBe('group');
    expect(added.every((u) => u.needsReview)).toBe(true);
    const unknown = plan.warnings.filter((w) => w.code === 'unknown_unit');
    expect(unknown).toHaveLength(added.length);
    expect(unknown[0]).toMatchObject({ line: 33 });
    expect(unknown[0]?.message).toContain('税务总局');
  });
});

describe('国办发〔2018〕128号: unnumbered tasks with 牵头/参与/指导/负责', () => {
  const { plan } = parsePlanText(
    planFixture('guobanfa-2018-128-wufei-chengshi.txt'),
    defaultUnitDirectory(),
    'guobanfa.txt',
  );

  it('reads the plan title out of the notice title', () => {
    expect(plan.meta).toEqual({
      issuer: '国务院办公厅',
      docNumber: '国办发〔2018〕128号',
      title: '“无废城市”建设试点工作方案',
    });
  });

  it('reads every task paragraph of 二、主要任务 under its six headings', () => {
    expect(plan.categories).toHaveLength(6);
    expect(plan.categories[0]?.title).toBe('强化顶层设计引领，发挥政府宏观指导作用');
    expect(plan.tasks).toHaveLength(20);
    expect(plan.tasks.map((t) => t.category)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6]);
    expect(plan.tasks[0]).toMatchObject({ no: 1, line: 43, title: '建立“无废城市”建设指标体系，发挥导向引领作用' });
    expect(plan.tasks[1]).toMatchObject({ no: 2, line: 45, title: '优化固体废物管理体制机制，强化部门分工协作' });
  });

  it('reads 牵头 as lead, 参与 and 指导 as taking part, with the role kept', () => {
    expect(plan.tasks[0]?.leadUnits).toEqual(['生态环境部']);
    expect(plan.tasks[0]?.responsibleUnits).toEqual([
      '国家发展改革委',
      '工业和信息化部',
      '住房城乡建设部',
      '农业农村部',
      '国家统计局',
    ]);
    expect(plan.tasks[0]?.unitRoles?.map((u) => u.role)).toEqual([
      'lead',
      'participating',
      'participating',
      'participating',
      'participating',
      'participating',
    ]);
    // "商务部指导，供销合作总社参与": a guiding ministry does not lead (it did before round 2).
    const internet = plan.tasks.find((t) => t.title.startsWith('发展“互联网+”'));
    expect(internet?.leadUnits).toEqual([]);
    expect(internet?.responsibleUnits).toEqual(['商务部', '供销合作总社', '生态环境部']);
    expect(internet?.unitRoles?.find((u) => u.unit === '商务部')?.role).toBe('guiding');
    expect(plan.warnings.some((w) => w.code === 'no_lead_unit' && w.line === internet?.line)).toBe(true);
  });

  it('names, with its line, the note it does not apply to other tasks', () => {
    const note = plan.warnings.find((w) => w.code === 'attribution_note');
    expect(note?.line).toBe(45);
    expect(note?.message).toContain('不再列出');
  });

  it('reads dated targets and skips prohibitions', () => {
    const manure = plan.tasks.find((t) => t.line === 59);
    expect(manure?.targets.map((g) => [g.metric, g.comparator, g.value, g.unit, g.year])).toEqual([
      ['规模养殖场粪污处理设施装备配套率', 'gte', 95, '%', 2020],
      ['畜禽粪污综合利用率', 'gte', 75, '%', 2020],
    ]);
    const film = plan.tasks.find((t) => t.line === 63);
    expect(film?.targets.map((g) => g.metric)).toEqual(['重点用膜区当季地膜回收率']);
  });
});
