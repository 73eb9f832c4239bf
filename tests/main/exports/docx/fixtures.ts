import type {
  BulletinInput,
  CategoryProgress,
  IndicatorProgress,
  QuarterlyReportInput,
  TaskReportInput,
  TaskStatus,
} from '../../../../src/main/core/exports/docx/compose';
import type { DocumentSettings, FontMapping } from '../../../../src/shared/domain/documents';
import { seedCategories } from './seedTasks';

/** A realistic 2025 Q3 round of the seed plan: 55 tasks, some done, some lagging, two overdue. */

export const settings: DocumentSettings = {
  issuerName: '郑州经开区儿童友好城市建设工作专班',
  issuerMark: '郑州经济技术开发区儿童友好城市建设工作专班',
  docNumberPattern: '郑经儿童专班〔{year}〕{seq}号',
  addressee: '区党工委、管委会',
  cc: ['区经济发展局', '区党群工作部', '区社会事业局', '区教育文化体育局', '各办事处'],
  printer: '郑州经开区儿童友好城市建设工作专班办公室',
};

export const plan = {
  title: '郑州经开区贯彻落实郑州市儿童友好城市建设工作方案',
  docNumber: '郑经管政〔2023〕32号',
  subject: '儿童友好城市建设',
};

export const fonts: FontMapping = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
};

const done = new Set([1, 2, 7, 13, 36]);
const lagging = new Set([12, 20, 33]);
const overdue = new Set([29, 47]);

export const statusOf = (no: number): TaskStatus =>
  done.has(no) ? 'done' : lagging.has(no) ? 'lagging' : overdue.has(no) ? 'overdue' : 'onTrack';

const progressText: Record<number, string> = {
  8: '本季度新增普惠托育机构2家，新增托位120个，全区每千人口托位数达到4.6个；指导各办事处摸排社区托育需求，完成3个社区托育点选址。',
  12: '完成全区中小学生体质健康监测，监测覆盖率100%；“苗儿棵棵壮”营养干预项目在2所学校试点。',
  20: '完成孤儿和事实无人抚养儿童基本生活保障金发放，共发放保障金18.6万元。',
  33: '儿童友好公园选址方案已报区规委会审议，设计方案尚在征求意见。',
};

export function categories(): CategoryProgress[] {
  return seedCategories.map((category) => ({
    no: category.no,
    title: category.title,
    tasks: category.tasks.map(([no, title, leadUnits]) => {
      const status = statusOf(no);
      return {
        no,
        title,
        leadUnits,
        status,
        progress:
          status === 'overdue'
            ? ''
            : (progressText[no] ??
              `${leadUnits[0] ?? ''}牵头制定年度工作计划，明确责任分工和时间节点，各责任单位按计划推进，本季度各项工作有序开展。`),
        problems: lagging.has(no) ? '资金拨付进度较慢，部分项目前期手续尚未完成。' : '',
        nextSteps: lagging.has(no) || no === 8 ? '加快推进项目前期工作，确保第四季度完成年度目标。' : '',
      };
    }),
  }));
}

export const indicators: IndicatorProgress[] = [
  {
    taskNo: 8,
    metric: '每千人口托位数',
    target: '≥6个',
    baseline: '3.2',
    current: '4.6',
    unit: '个',
    rating: 'onPace',
    expected: null,
  },
  {
    taskNo: 8,
    metric: '托育机构数',
    target: '每个社区不少于20个托位规模',
    baseline: '12',
    current: '14',
    unit: '家',
    rating: 'onPace',
    expected: null,
  },
  {
    taskNo: 9,
    metric: '九年义务教育巩固率',
    target: '≥100%',
    baseline: '100',
    current: '100',
    unit: '%',
    rating: 'onPace',
    expected: null,
  },
  {
    taskNo: 12,
    metric: '12岁儿童龋患率',
    target: '控制在25%以内',
    baseline: '28.4',
    current: '27.9',
    unit: '%',
    rating: 'lagging',
    expected: null,
  },
  {
    taskNo: 13,
    metric: '适龄儿童免疫规划疫苗接种率',
    target: '≥95%',
    baseline: '98',
    current: '98.6',
    unit: '%',
    rating: 'onPace',
    expected: null,
  },
  {
    taskNo: 19,
    metric: '儿童专业社会工作者',
    target: '达到157人',
    baseline: '96',
    current: '118',
    unit: '人',
    rating: 'onPace',
    expected: null,
  },
  {
    taskNo: 33,
    metric: '儿童友好公园',
    target: '≥2个',
    baseline: '0',
    current: '0',
    unit: '个',
    rating: 'lagging',
    expected: null,
  },
  {
    taskNo: 35,
    metric: '足球场地',
    target: '每万人0.8—1块',
    baseline: '0.6',
    current: null,
    unit: '块',
    rating: 'unreported',
    expected: null,
  },
];

export function quarterlyInput(): QuarterlyReportInput {
  return {
    plan,
    round: { year: 2025, quarter: 3 },
    settings,
    categories: categories(),
    indicators,
    date: '2025-10-08',
    docNumber: '郑经儿童专班〔2025〕3号',
  };
}

/** The quarterly report with 批示 open during the quarter, as the core passes them. */
export function quarterlyWithInstructions(): QuarterlyReportInput {
  return {
    ...quarterlyInput(),
    instructions: [
      {
        taskNo: 12,
        text: '龋患率仍高于目标，请卫健部门拿出专项措施。',
        issuedBy: '李主任',
        issuedAt: '2025-08-03T02:00:00Z',
        dueDate: '2025-08-31',
        lines: [
          { unit: '区卫生健康委员会', state: 'closed', answer: '已开展学龄儿童口腔筛查 1.2 万人次。', overdue: false },
        ],
      },
      {
        taskNo: 8,
        text: '请加快托位建设，月底前报告进展。',
        issuedBy: '张局长',
        issuedAt: '2025-09-10T01:00:00Z',
        dueDate: '2025-09-25',
        lines: [
          { unit: '区社会事业局', state: 'answered', answer: '新增托位 120 个。', overdue: false },
          { unit: '明湖办事处', state: 'confirming', answer: '草稿：已排查。', overdue: true },
          { unit: '潮河办事处', state: 'drafting', answer: '', overdue: true },
        ],
      },
    ],
  };
}

export function taskInput(): TaskReportInput {
  const task = categories()[1]?.tasks.find((candidate) => candidate.no === 8);
  if (!task) throw new Error('seed task 8 missing');
  return {
    plan,
    round: { year: 2025, quarter: 3 },
    settings,
    category: { no: 2, title: '提升儿童友好公共服务' },
    task: {
      ...task,
      body: '到2025年，全区普惠托育服务体系基本建立，每个社区均建有不少于20个托位规模的托育服务机构，且辖区每千人口托位数达到6个。',
      responsibleUnits: ['区宣传部（文明办）', '区组织人事和社会保障局', '区党群工作部（工会、妇联）', '各办事处'],
    },
    indicators: indicators.filter((indicator) => indicator.taskNo === 8),
    date: '2025-10-09',
    docNumber: '郑经社事〔2025〕21号',
  };
}

export function bulletinInput(): BulletinInput {
  const all = categories();
  const totals: Record<TaskStatus, number> = { done: 0, onTrack: 0, lagging: 0, overdue: 0, unreported: 0 };
  const tasks: BulletinInput['tasks'] = [];
  for (const category of all) {
    for (const task of category.tasks) {
      totals[task.status] += 1;
      if (task.status === 'lagging' || task.status === 'overdue') {
        tasks.push({
          no: task.no,
          title: task.title,
          categoryNo: category.no,
          categoryTitle: category.title,
          leadUnits: task.leadUnits,
          missingUnits: task.status === 'overdue' ? task.leadUnits.slice(0, 1) : [],
          status: task.status,
          problems: task.problems,
        });
      }
    }
  }
  // Deliberately out of plan order: the composer must sort.
  tasks.reverse();
  return {
    plan,
    round: { year: 2025, quarter: 3 },
    settings,
    totals,
    tasks,
    correctionDeadline: '2025-10-20',
    roundDeadline: '2025-10-10',
    date: '2025-10-10',
    docNumber: '郑经儿童专班〔2025〕4号',
  };
}
