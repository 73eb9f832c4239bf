import type {
  FillInSheetInput,
  IndicatorLedgerInput,
  ProgressItem,
  ProjectLedgerInput,
  TaskLedgerInput,
  UnitLedgerInput,
} from '../../../../src/main/core/exports/xlsx';

/** Test data in the shape of the seed plan (郑经管政〔2023〕32号), with a few hostile texts. */

export const PLAN_TITLE = '郑州经开区贯彻落实郑州市儿童友好城市建设工作方案重点任务推进台账';

export const quarters = [
  { year: 2025, quarter: 2 },
  { year: 2025, quarter: 3 },
];

function task(no: number, title: string, extra: Partial<ProgressItem> = {}): ProgressItem {
  return {
    no,
    title,
    targets: [],
    leadUnits: ['区社会事业局'],
    responsibleUnits: ['区教育文化体育局', '各办事处'],
    deadline: '2025年底前',
    progressByQuarter: {},
    status: null,
    problems: '',
    nextSteps: '',
    remarks: '',
    ...extra,
  };
}

export function taskLedgerInput(): TaskLedgerInput {
  return {
    title: PLAN_TITLE,
    fillingUnit: '区经济发展局',
    fillingDate: '2025-10-15',
    quarters,
    categories: [
      {
        no: 1,
        title: '深化儿童友好社会政策',
        tasks: [
          task(1, '按照郑州市申报国家儿童友好城市建设试点工作的统一部署安排工作', {
            leadUnits: ['区经济发展局', '区党群工作部（妇联）'],
            responsibleUnits: ['各成员单位'],
            progressByQuarter: { '2025Q2': '已完成试点申报材料初稿。', '2025Q3': '申报材料已报市发展改革委审核。' },
            status: 'done',
            warning: 'green',
            remarks: '=HYPERLINK("http://evil.example","点我")',
          }),
          task(2, '将儿童友好贯穿重大规划制定全过程', {
            leadUnits: ['区经济发展局'],
            progressByQuarter: { '2025Q3': '+在“十五五”规划前期研究中增设儿童友好专题。' },
            status: 'onTrack',
            problems: '-部分单位对儿童友好理念理解不深',
            nextSteps: '@召开专题培训会',
          }),
        ],
      },
      {
        no: 2,
        title: '提升儿童友好公共服务',
        tasks: [
          task(8, '大力发展普惠托育服务', {
            targets: ['每个社区均建有不少于 20 个托位规模的托育服务机构', '辖区每千人口托位数达到 6 个'],
            responsibleUnits: [
              '区宣传部（文明办）',
              '区组织人事和社会保障局',
              '区政法委',
              '区经济发展局',
              '区教育文化体育局',
              '区党群工作部（工会）',
              '区党群工作部（妇联）',
              '区财政局（审计局）',
              '自然资源和规划分局',
              '区建设局',
              '区应急管理局',
              '区市场监管局',
              '各办事处',
            ],
            progressByQuarter: {
              '2025Q2': '新增社区托育点 3 处，新增托位 120 个。',
              '2025Q3':
                '全区托育机构达到 18 家，托位数 1020 个；每千人口托位数 4.6 个。\n已启动 2 个社区托育服务中心建设。\u0007',
            },
            status: 'lagging',
            warning: 'yellow',
            problems: '社区托育用房落实难，部分社区无合适场地。',
            nextSteps: '协调闲置用房改建托育点，四季度新增托位 200 个。',
          }),
          task(9, '促进基础教育均衡发展', { status: 'overdue', warning: 'red', leadUnits: ['区教育文化体育局'] }),
        ],
      },
    ],
  };
}

export function projectLedgerInput(): ProjectLedgerInput {
  const base = {
    leadUnits: ['区建设局'],
    responsibleUnits: ['各办事处'],
    deadline: '2025年',
    progressByQuarter: { '2025Q3': '主体工程完工。' },
    problems: '',
    nextSteps: '',
    remarks: '',
  };
  return {
    title: '郑州经开区儿童友好城市建设重点工程、重大项目和品牌活动推进台账',
    fillingUnit: '区经济发展局',
    fillingDate: '2025-10-15',
    quarters: [{ year: 2025, quarter: 3 }],
    groups: [
      {
        kind: 'keyProject',
        projects: [
          { ...base, no: 1, title: '儿童友好公园建设工程', content: '新建改建儿童友好公园 5 处。', status: 'onTrack' },
          { ...base, no: 2, title: '儿童友好学校建设工程', content: '建设儿童友好学校 10 所。', status: 'done' },
        ],
      },
      {
        kind: 'majorProject',
        projects: [{ ...base, no: 1, title: '区妇幼保健院建设项目', content: '建成区妇幼保健院。', status: 'lagging' }],
      },
      {
        kind: 'brandActivity',
        projects: [{ ...base, no: 1, title: '“六一”儿童节系列活动', content: '每年举办。', status: null }],
      },
    ],
  };
}

export function unitLedgerInput(): UnitLedgerInput {
  const t = taskLedgerInput();
  const [first, second] = t.categories;
  const led = [...(first?.tasks ?? []), ...(second?.tasks.slice(0, 1) ?? [])].map((x) => ({
    ...x,
    kind: 'task' as const,
  }));
  return {
    title: '区社会事业局儿童友好城市建设任务台账',
    fillingUnit: '区社会事业局',
    fillingDate: '2025-10-15',
    quarters: [{ year: 2025, quarter: 3 }],
    unitName: '区社会事业局',
    led,
    shared: [{ ...(second?.tasks[1] ?? led[0]!), kind: 'keyProject' }],
  };
}

export function indicatorLedgerInput(): IndicatorLedgerInput {
  return {
    title: '郑州经开区儿童友好城市建设指标完成情况台账',
    fillingUnit: '区经济发展局',
    fillingDate: '2025-10-15',
    quarters,
    rows: [
      {
        metric: '每千人口托位数',
        taskNo: 8,
        taskTitle: '大力发展普惠托育服务',
        unit: '个',
        baseline: 3.2,
        baselineYear: 2022,
        target: '≥ 6（2025年）',
        valuesByQuarter: { '2025Q2': 4.1, '2025Q3': 4.6 },
        expected: 4.95,
        completionRate: 0.5,
        onPace: false,
      },
      {
        metric: '托育机构数',
        taskNo: 8,
        taskTitle: '大力发展普惠托育服务',
        unit: '家',
        baseline: 12,
        baselineYear: 2022,
        target: '≥ 20（2025年）',
        valuesByQuarter: { '2025Q3': 18 },
        expected: 17.333,
        completionRate: 0.75,
        onPace: true,
        remarks: '含社区托育点',
      },
      {
        metric: '12 岁儿童龋患率',
        taskNo: 12,
        taskTitle: '大力开展“苗儿棵棵壮”行动',
        unit: '%',
        baseline: null,
        baselineYear: null,
        target: '≤ 25（2025年）',
        valuesByQuarter: {},
        expected: null,
        completionRate: null,
        onPace: null,
      },
    ],
  };
}

export const SECRET = 'test-secret-7c1e';

export function fillInInput(): FillInSheetInput {
  return {
    round: { id: 4, year: 2025, quarter: 3, deadline: '2025-10-10' },
    unit: { id: 17, name: '区社会事业局' },
    secret: SECRET,
    createdAt: '2025-09-20T08:00:00.000Z',
    rows: [
      {
        reportId: 101,
        version: 3,
        kind: 'task',
        no: 8,
        title: '大力发展普惠托育服务',
        progress: '全区托育机构达到 18 家。',
        problems: '',
        nextSteps: '继续推进。',
        completed: false,
        indicators: [
          { indicatorId: 501, metric: '每千人口托位数', target: '≥ 6 个（2025年）', unit: '个', value: 4.1 },
          { indicatorId: 502, metric: '托育机构数', target: '≥ 20 家（2025年）', unit: '家', value: null },
        ],
      },
      {
        reportId: 102,
        version: 1,
        kind: 'task',
        no: 11,
        title: '加强出生缺陷综合防治',
        progress: '',
        problems: '',
        nextSteps: '',
        completed: false,
        indicators: [],
      },
      {
        reportId: 103,
        version: 7,
        kind: 'project',
        no: 2,
        title: '区妇幼保健院建设项目',
        progress: '主体工程完工。',
        problems: '资金拨付较慢。',
        nextSteps: '',
        completed: true,
        indicators: [{ indicatorId: 503, metric: '新生儿死亡率', target: '≤ 2.5‰（2025年）', unit: '‰', value: 1.4 }],
      },
    ],
  };
}
