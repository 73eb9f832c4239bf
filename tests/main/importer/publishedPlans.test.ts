import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../../../src/main/core/importer';
import { planFixture } from './fixtures';

/*
 * The published plans of ../shared/plans (copied under fixtures/), each in its own layout. What
 * is pinned here was read from the texts: the number of measures, their order, and the units of
 * the measures named, in their roles. Parsed against an empty directory: every unit is new.
 */
function parse(name: string) {
  return parsePlanText(planFixture(name), [], name).plan;
}

type Plan = ReturnType<typeof parse>;
const task = (plan: Plan, no: number) => {
  const t = plan.tasks.find((x) => x.no === no);
  if (!t) throw new Error(`no task ${no}`);
  return t;
};
const units = (plan: Plan, no: number) => [task(plan, no).leadUnits, task(plan, no).responsibleUnits];

describe('郑州 2023 金融支持: N.标题。 then 牵头单位:/责任单位: lines, under six 一、 parts', () => {
  const plan = parse('zhengzhou-2023-jinrong-zhichi.txt');

  it('reads all 25 measures of every part, numbered as printed, the title from the first line', () => {
    expect(plan.meta.title).toBe('郑州市金融支持经济高质量发展若干措施');
    expect(plan.tasks.map((t) => t.no)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(plan.categories.map((c) => c.title)).toEqual([
      '完善金融市场体系',
      '创新金融服务方向',
      '提升资本市场利用水平',
      '推动房地产与金融形成良性循环',
      '优化金融生态环境',
      '实施保障',
    ]);
    expect(plan.tasks.filter((t) => t.category === 2)).toHaveLength(6);
    expect(task(plan, 1).title).toBe('引进补齐一批金融分支机构');
    expect(task(plan, 25).title).toBe('加强金融法治建设');
  });

  it('reads half-width labels, several lead units, and 、/， lists', () => {
    expect(units(plan, 1)).toEqual([['市金融局'], ['郑东新区管委会', '郑州航空港区管委会']]);
    expect(units(plan, 4)).toEqual([
      ['市金融局', '市发展改革委'],
      ['市科技局', '各开发区管委会', '各区县（市）人民政府'],
    ]);
    expect(units(plan, 21)).toEqual([[], ['市金融局']]);
  });

  it('names the three measures of 六、实施保障 that give no units, with their lines', () => {
    const noUnits = plan.warnings.filter((w) => w.code === 'no_units');
    expect(noUnits.map((w) => w.line)).toEqual([74, 75, 76]);
    expect(plan.warnings.find((w) => w.code === 'no_lead_unit')?.line).toBe(68);
  });

  it('task 10: the rates are targets, the 500万元 guarantee size is a condition', () => {
    expect(task(plan, 10).targets.map((g) => [g.comparator, g.value, g.unit])).toEqual([
      ['gte', 80, '%'],
      ['lte', 1, '%'],
      ['lte', 1.5, '%'],
    ]);
    expect(task(plan, 10).targets[1]?.metric).toBe('小微企业和“三农”主体收取的担保费率');
  });
});

describe('湖南 2021 交房即交证: (一)/1./(1) levels that restart, tasks wherever units are named', () => {
  const plan = parse('hunan-2021-jiaofang-jijiaozheng.txt');

  it('takes (一) items with units and the (1) items under sub-headings as tasks, not the headings', () => {
    expect(plan.tasks.map((t) => t.title)).toEqual([
      '调整优化办事窗口',
      '严把预售入口关',
      '全面实行预售合同网签备案',
      '大力推行预告登记',
      '前置相关测绘流程',
      '严格实行联合验收',
      '并行开展核实核算',
      '简化土地指标核算程序',
      '积极推行施工过程结算和告知承诺制',
      '加快办理不动产首次登记',
      '实行交房与转移登记联动',
      '优化不动产登记服务',
      '深入实施“互联网+不动产登记”',
      '推动工程建设项目“一网通办”',
      '加强信息共享与应用',
      '落实全程监管',
      '建立诚信体系',
      '加强改革统筹配套',
    ]);
    expect(plan.categories.map((c) => c.title)).toEqual([
      '工作任务',
      '建设预售阶段',
      '竣工验收阶段',
      '交房交证阶段',
      '加强平台协同与共享',
      '强化监管与约束',
    ]);
    expect(plan.warnings.some((w) => w.code === 'task_renumbered')).toBe(true);
  });

  it('reads units in their roles, including an item with two attributions', () => {
    expect(units(plan, 1)).toEqual([['省政务局'], ['省自然资源厅', '省住房城乡建设厅']]);
    expect(units(plan, 2)).toEqual([[], ['省住房城乡建设厅']]);
    expect(units(plan, 7)).toEqual([
      ['省自然资源厅', '省税务局', '省财政厅'],
      ['省住房城乡建设厅', '省自然资源厅', '省人防办'],
    ]);
  });

  it('reports the note that applies to every later task instead of applying it', () => {
    expect(plan.warnings.find((w) => w.code === 'attribution_note')).toMatchObject({ line: 8 });
  });

  it('leaves 一、总体要求 and 三、保障措施 out', () => {
    expect(plan.tasks.some((t) => /指导思想|加强组织领导/.test(t.title))).toBe(false);
  });
});

describe('福田 2023: (一)…(十九) measures ending in (责任单位:…) only, 一是/二是 inside', () => {
  const plan = parse('futian-2023-huifu-kuoda-xiaofei.txt');

  it('reads the 19 measures under six parts; 一是/二是 stay in the text', () => {
    expect(plan.tasks).toHaveLength(19);
    expect(plan.categories).toHaveLength(6);
    expect(task(plan, 1).title).toBe('扩大新能源汽车消费');
    expect(task(plan, 1).body).toContain('一是稳住汽车消费');
    expect(task(plan, 1).body).toContain('二是构建高质量充电基础设施体系');
  });

  it('keeps 责任单位 as responsible: no lead is invented', () => {
    expect(units(plan, 1)).toEqual([[], ['区发展改革局', '区工业和信息化局']]);
    expect(units(plan, 18)).toEqual([[], ['市市场监管局福田局']]);
    expect(plan.tasks.every((t) => t.leadUnits.length === 0 && t.responsibleUnits.length > 0)).toBe(true);
    expect(plan.warnings.filter((w) => w.code === 'no_lead_unit')).toHaveLength(19);
  });

  it('does not take subsidy amounts as targets', () => {
    expect(task(plan, 1).targets).toEqual([]);
  });
});

describe('兰州 2022: (X牵头,Y配合) at the end, 和 as a separator, 按职责负责', () => {
  const plan = parse('lanzhou-2022-zhuqi-jiekun.txt');

  it('reads the 25 measures under seven parts, after the notice and the title', () => {
    expect(plan.tasks).toHaveLength(25);
    expect(plan.categories).toHaveLength(7);
    expect(plan.meta).toEqual({
      issuer: '兰州市人民政府办公室',
      docNumber: null,
      title: '兰州市助企纾困激发市场主体活力若干措施',
    });
  });

  it('reads 牵头 as lead and 配合 as cooperating', () => {
    expect(units(plan, 1)).toEqual([['市税务局'], ['各县区政府']]);
    expect(task(plan, 1).unitRoles).toEqual([
      { unit: '市税务局', role: 'lead' },
      { unit: '各县区政府', role: 'cooperating' },
    ]);
    expect(units(plan, 9)).toEqual([['市政府国资委'], ['市财政局', '市机关事务管理局', '各县区政府']]);
  });

  it('splits 和 between units, not inside a name', () => {
    expect(units(plan, 21)).toEqual([['市商务局'], ['市农业农村局', '市市场监管局', '市供销社', '各县区政府']]);
    expect(units(plan, 22)).toEqual([['市发改委'], ['各行业主管部门', '各县区政府']]);
  });

  it('reads 按职责负责 as responsible, without a lead', () => {
    expect(units(plan, 15)).toEqual([[], ['市工信局', '市住建局', '各县区政府']]);
  });
});

describe('济源 2023: 100 numbered measures under 21 (一) headings, inline (牵头单位:X,责任单位:Y)', () => {
  const plan = parse('jiyuan-2023-tizhen-xinxin.txt');

  it('reads all 100 measures and the 21 headings as categories', () => {
    expect(plan.tasks.map((t) => t.no)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(plan.categories).toHaveLength(21);
    expect(plan.categories[0]?.title).toBe('持续恢复传统消费');
    expect(plan.meta.issuer).toBe('济源产城融合示范区管理委员会');
  });

  it('reads lead and responsible units, and 责任单位 alone', () => {
    expect(units(plan, 1)).toEqual([['示范区发展改革和统计局（商务局）'], ['示范区财政金融局']]);
    expect(units(plan, 4)).toEqual([[], ['示范区总工会']]);
  });

  it('restores the 示范区 prefix written once, but not on units of other places', () => {
    expect(units(plan, 2)[1]).toEqual([
      '示范区交通运输局',
      '示范区住房和城乡建设局',
      '示范区自然资源和规划局',
      '示范区机关事务管理局',
      '示范区财政金融局',
    ]);
    expect(plan.tasks.flatMap((t) => t.responsibleUnits).filter((u) => u.startsWith('示范区河南'))).toEqual([]);
  });
});

describe('重庆 2025 (PDF text): hard wraps, running headers, lists ending in 等', () => {
  const plan = parse('chongqing-2025-tizhen-xiaofei.txt');

  it('reads the 26 measures under six parts, with the notice title, issuer and 文号', () => {
    expect(plan.meta).toEqual({
      issuer: '重庆市人民政府办公厅',
      docNumber: '渝府办发〔2025〕42号',
      title: '重庆市提振消费若干措施',
    });
    expect(plan.tasks).toHaveLength(26);
    expect(plan.categories.map((c) => c.title)[2]).toBe('推动服务消费提质扩容');
  });

  it('joins unit names and labels split across lines, and drops the trailing 等', () => {
    expect(units(plan, 1)[1]).toEqual([
      '市人力社保局',
      '市经济信息委',
      '市农业农村委',
      '市财政局',
      '重庆市税务局',
      '市教委',
    ]);
    // "（责\n任单位：…市住房城乡\n建委…等）"
    expect(units(plan, 26)[1]).toEqual([
      '市总工会',
      '市发展改革委',
      '市经济信息委',
      '市住房城乡建委',
      '市规划自然资源局',
      '市统计局',
    ]);
  });

  it('keeps page headers and footers out of the text', () => {
    for (const t of plan.tasks) expect(t.body).not.toMatch(/行政规范性文件|办公厅发布/);
  });

  it('multiplies 万 out, keeping the printed figure in the source text', () => {
    const jobs = task(plan, 1).targets[0];
    expect(jobs).toMatchObject({ comparator: 'gte', value: 650000, unit: '人' });
    expect(jobs?.text).toContain('65万人');
  });
});
