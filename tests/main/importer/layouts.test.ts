import { describe, expect, it } from 'vitest';
import { LuoshiError } from '../../../src/shared/errors';
import { parsePlanText } from '../../../src/main/core/importer';

/** Small plans written for these tests, one per layout, so that layouts, not files, are pinned. */
const parse = (lines: string[]) => parsePlanText(lines.join('\n'), [], 'plan.txt').plan;
const rows = (plan: ReturnType<typeof parse>) =>
  plan.tasks.map((t) => [t.no, t.category, t.title, t.leadUnits, t.responsibleUnits]);

describe('numbering read per document', () => {
  it('（一） parts with ① tasks, no 一、 at all', () => {
    const plan = parse([
      '某县农村人居环境整治工作要点',
      '（一）垃圾治理',
      '①建立收运体系。每个行政村配备保洁员。（县城管局牵头，各乡镇配合）',
      '②推进分类减量。（县城管局、县供销社负责）',
      '（二）污水治理',
      '①建设污水管网。（县住建局牵头）',
    ]);
    expect(plan.categories.map((c) => c.title)).toEqual(['垃圾治理', '污水治理']);
    expect(rows(plan)).toEqual([
      [1, 1, '建立收运体系', ['县城管局'], ['各乡镇']],
      [2, 1, '推进分类减量', ['县城管局'], ['县供销社']],
      [3, 2, '建设污水管网', ['县住建局'], []],
    ]);
    expect(plan.meta.title).toBe('某县农村人居环境整治工作要点');
  });

  it('one-character markers ㈠ / ⒈ / ⑴', () => {
    const plan = parse([
      '㈠完善公共服务',
      '⒈建设社区食堂。（区民政局负责）',
      '⑴选址。',
      '⒉建设日间照料中心。（区民政局、区卫健委负责）',
      '㈡提升服务质量',
      '⒈开展培训。（区人社局负责）',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '建设社区食堂', ['区民政局'], []],
      [2, 1, '建设日间照料中心', ['区民政局'], ['区卫健委']],
      [3, 2, '开展培训', ['区人社局'], []],
    ]);
    expect(plan.tasks[0]?.body).toContain('⑴选址。');
  });

  it('第一章 / 第一条 articles, with labels after each article', () => {
    const plan = parse([
      '第一章 总则',
      '第一条 为做好全民阅读工作，制定本方案。',
      '第二章 重点任务',
      '第二条 建设城市书房。到2026年，建成城市书房10个。',
      '牵头单位：区文旅局',
      '责任单位：区财政局',
      '第三条 开展阅读活动。',
      '牵头单位：区文旅局',
      '配合单位：区教育局',
    ]);
    expect(rows(plan)).toEqual([
      [2, 1, '建设城市书房', ['区文旅局'], ['区财政局']],
      [3, 1, '开展阅读活动', ['区文旅局'], ['区教育局']],
    ]);
    expect(plan.categories.map((c) => c.title)).toEqual(['重点任务']);
    expect(plan.tasks[0]?.targets.map((g) => [g.comparator, g.value, g.unit, g.year])).toEqual([
      ['gte', 10, '个', 2026],
    ]);
    expect(plan.tasks[1]?.unitRoles?.map((u) => u.role)).toEqual(['lead', 'cooperating']);
  });

  it('1. tasks with (1) sub-items: the sub-items are the task text, not tasks', () => {
    const plan = parse([
      '一、重点任务',
      '1.改善交通秩序（区交警大队牵头，区城管局配合）',
      '(1)整治占道停车。',
      '(2)优化信号配时。',
      '2.建设停车设施（区住建局负责）',
      '二、保障措施',
      '1.加强组织领导。',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '改善交通秩序', ['区交警大队'], ['区城管局']],
      [2, 1, '建设停车设施', ['区住建局'], []],
    ]);
    expect(plan.tasks[0]?.body).toContain('(1)整治占道停车。');
    expect(plan.tasks[0]?.body).toContain('(2)优化信号配时。');
  });
});

describe('attributions wherever they stand', () => {
  it('an attribution standing alone after the sub-items belongs to their heading', () => {
    const plan = parse([
      '二、实施六大人才行动计划',
      '（一）实施领军人才引育行动。',
      '1.引进高层次人才团队。',
      '2.支持领军人才创新创业。',
      '（牵头单位：区委人才办，配合单位：区人社局）',
      '（二）实施青年人才集聚行动。',
      '1.建设青年人才驿站。',
      '（牵头单位：区人社局）',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '实施领军人才引育行动', ['区委人才办'], ['区人社局']],
      [2, 1, '实施青年人才集聚行动', ['区人社局'], []],
    ]);
    expect(plan.tasks[0]?.body).toContain('2.支持领军人才创新创业。');
  });

  it('several parts with tasks are all read, and numbering that runs through is kept', () => {
    const plan = parse([
      '一、优化服务',
      '1.推行容缺受理。（牵头单位：区政务局；责任单位：各部门）',
      '2.推行帮办代办。（责任单位：区政务局）',
      '二、降低成本',
      '3.落实减税降费。(区税务局牵头,区财政局、区人社局和各街道配合)',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '推行容缺受理', ['区政务局'], ['各部门']],
      [2, 1, '推行帮办代办', [], ['区政务局']],
      [3, 2, '落实减税降费', ['区税务局'], ['区财政局', '区人社局', '各街道']],
    ]);
    expect(plan.warnings.find((w) => w.code === 'no_lead_unit')?.line).toBe(3);
  });

  it('unnumbered paragraphs under headings, several attributions in one paragraph, 指导 kept apart from lead', () => {
    const plan = parse([
      '二、主要任务',
      '（一）强化源头减量。推行绿色设计，减少一次性用品（区发改局牵头，区市场监管局参与）。加强督促检查（区商务局指导）。',
      '推进快递包装减量。推广可循环包装（区邮政管理局牵头）。',
      '（二）推进资源化利用。',
      '建设回收网点。（区商务局牵头，区供销社参与）',
      '发展再生产业。（区工信局负责）',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '推行绿色设计，减少一次性用品', ['区发改局'], ['区市场监管局', '区商务局']],
      [2, 1, '推进快递包装减量', ['区邮政管理局'], []],
      [3, 2, '建设回收网点', ['区商务局'], ['区供销社']],
      [4, 2, '发展再生产业', ['区工信局'], []],
    ]);
    expect(plan.tasks[0]?.unitRoles?.find((u) => u.unit === '区商务局')?.role).toBe('guiding');
  });

  it('a unit that leads and is also listed as responsible stays in both lists', () => {
    const plan = parse([
      '二、主要任务',
      '1. 建设儿童公园',
      '牵头单位：区建设局、区社会事业局',
      '责任单位：区社会事业局、区财政局',
    ]);
    expect(rows(plan)).toEqual([[1, 1, '建设儿童公园', ['区建设局', '区社会事业局'], ['区社会事业局', '区财政局']]]);
  });

  it('PDF text: a label and a unit name cut by hard wraps, a running header between pages', () => {
    const plan = parse([
      '一、重点任务',
      '（一）推进老旧小区改造。完成老旧小区改造50个，同步完善',
      '配套设施。（责',
      '',
      '某市人民政府办公室行政规范性文件',
      '任单位：市住房城乡',
      '建委、市财政局等）',
      '- 2 -',
      '（二）推进城中村改造。（责任单位：市住房城乡建委）',
      '',
      '某市人民政府办公室行政规范性文件',
      '（三）加强物业管理。（责任单位：市住房城乡建委、各区县政府）',
      '',
      '某市人民政府办公室行政规范性文件',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '推进老旧小区改造', [], ['市住房城乡建委', '市财政局']],
      [2, 1, '推进城中村改造', [], ['市住房城乡建委']],
      [3, 1, '加强物业管理', [], ['市住房城乡建委', '各区县政府']],
    ]);
    expect(plan.tasks[0]?.body).not.toContain('行政规范性文件');
    expect(plan.tasks[0]?.targets.map((g) => [g.comparator, g.value, g.unit])).toEqual([]);
  });
});

describe('more ways of naming units', () => {
  it('paragraphs each followed by label lines, without numbers (Word numbering lost)', () => {
    const plan = parse([
      '二、重点任务',
      '建设智慧社区',
      '推进社区服务数字化。',
      '牵头单位：区大数据局',
      '责任单位：各街道',
      '完善养老服务',
      '牵头单位：区民政局',
      '三、保障措施',
      '加强领导。',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '建设智慧社区', ['区大数据局'], ['各街道']],
      [2, 1, '完善养老服务', ['区民政局'], []],
    ]);
    expect(plan.tasks[0]?.body).toBe('推进社区服务数字化。');
  });

  it('bare lists in brackets with the rule stated once: the first leads', () => {
    const plan = parse([
      '各项任务括号内排在第一位的为牵头单位，其他为责任单位。',
      '一、主要任务',
      '1.推进数字乡村建设。（县农业农村局、县大数据中心、各乡镇人民政府）',
      '2.完善农村物流网络（县商务局、县交通运输局），提升配送效率。',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '推进数字乡村建设', ['县农业农村局'], ['县大数据中心', '各乡镇人民政府']],
      [2, 1, '完善农村物流网络，提升配送效率', ['县商务局'], ['县交通运输局']],
    ]);
  });

  it('a bare list at the end of an item without any rule: responsible, nobody invented as lead', () => {
    const plan = parse([
      '一、主要任务',
      '（一）推进河道治理。开展清淤疏浚。（区水务局、区生态环境分局）',
      '（二）建设湿地公园（2024—2025年）。（区园林局）',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '推进河道治理', [], ['区水务局', '区生态环境分局']],
      [2, 1, '建设湿地公园（2024—2025年）', [], ['区园林局']],
    ]);
  });

  it('labels inside a paragraph, and （牵头） marking the lead inside a list', () => {
    const plan = parse([
      '一、主要任务',
      '1.开展消费季活动。全年举办活动不少于20场。责任单位：区商务局（牵头）、区文旅局、各街道。',
      '2.培育夜间经济。牵头单位：区商务局；配合单位：区城管局。',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '开展消费季活动', ['区商务局'], ['区文旅局', '各街道']],
      [2, 1, '培育夜间经济', ['区商务局'], ['区城管局']],
    ]);
  });
});

describe('a Word file whose numbering did not come through', () => {
  it('takes the paragraphs that name units as tasks, and reports the others between them', () => {
    const plan = parse([
      '某区垃圾分类工作方案',
      '为推进垃圾分类，制定本方案。',
      '主要任务',
      '推进源头减量。推广净菜上市（区商务局牵头，各街道配合）。',
      '完善收运体系',
      '建设分类收运站点。（区城管局负责）',
      '保障措施',
      '加强组织领导。',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '推进源头减量', ['区商务局'], ['各街道']],
      [2, 1, '建设分类收运站点', ['区城管局'], []],
    ]);
    expect(plan.warnings.find((w) => w.code === 'item_skipped')).toMatchObject({ line: 5 });
    expect(plan.meta.title).toBe('某区垃圾分类工作方案');
  });
});

describe('unit names as plans shorten them', () => {
  it('an area prefix written once carries over, within a list and in later tasks', () => {
    const plan = parse([
      '一、主要任务',
      '1.稳定外贸。(牵头单位:高新区经济发展局,责任单位:高新区财政局、科技创新局)',
      '2.扩大投资。(由财政局负责)',
      '3.优化服务。(责任单位:河南省税务局、市场监管局)',
    ]);
    expect(rows(plan)).toEqual([
      [1, 1, '稳定外贸', ['高新区经济发展局'], ['高新区财政局', '高新区科技创新局']],
      [2, 1, '扩大投资', ['高新区财政局'], []],
      [3, 1, '优化服务', [], ['河南省税务局', '市场监管局']],
    ]);
  });
});

describe('what cannot be read is said, with where', () => {
  it('a part that looks like tasks but names no units is reported', () => {
    const plan = parse([
      '一、重点任务',
      '1.建设社区食堂。（区民政局负责）',
      '二、专项行动',
      '（一）开展助餐行动。',
      '（二）开展助浴行动。',
    ]);
    expect(plan.tasks).toHaveLength(1);
    expect(plan.warnings.find((w) => w.code === 'part_skipped')).toMatchObject({ line: 3 });
  });

  it('a document with no attributed items and no tasks part is refused, saying what was looked for', () => {
    let error: unknown;
    try {
      parse(['会议纪要', '一、会议情况', '会议听取了汇报。', '二、会议议定事项', '（一）同意方案。']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).message).toMatch(/“plan\.txt”中没有找到任务部分.*牵头单位/);
  });

  it('text that is only whitespace (a scanned PDF exported as text) is refused with what to do', () => {
    expect(() => parsePlanText(' \n\n\u3000\n', [], '扫描件.txt')).toThrow(/“扫描件\.txt”没有文字内容.*文字识别/);
  });
});
