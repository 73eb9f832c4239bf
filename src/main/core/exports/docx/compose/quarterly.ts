import type { Block, OfficialDocument } from '../../../../../shared/domain/documents';
import {
  countStatuses,
  reportedCount,
  saysNoProblem,
  shareText,
  type StatusCounts,
} from '../../../../../shared/domain/progress';
import { indicatorAttachment } from './indicatorTable';
import { instructionsAttachment } from './instructionsAnnex';
import type { CategoryProgress, QuarterlyReportInput, TaskProgress, TaskStatus } from './inputs';
import {
  level1,
  level2,
  nextQuarter,
  paceSummary,
  quarterName,
  sentence,
  statusLabels,
  taskRef,
  unitList,
} from './text';

/**
 * The compiled quarterly report (季度工作进展情况报告): 一、总体进展, 二、各项任务进展情况 by
 * category, 三、存在的问题, 四、下一步工作安排, the indicator table as its attachment.
 */

const statusOrder: TaskStatus[] = ['done', 'onTrack', 'lagging', 'overdue', 'unreported'];

export function countByStatus(tasks: TaskProgress[]): StatusCounts {
  return countStatuses(tasks.map((task) => task.status));
}

/** "已完成3项，正常推进40项，进度滞后10项，超期未报2项，未报送1项" — statuses with no task are left out. */
export function countsPhrase(counts: StatusCounts, separator = '，'): string {
  return statusOrder
    .filter((status) => counts[status] > 0)
    .map((status) => `${statusLabels[status]}${counts[status]}项`)
    .join(separator);
}

function sortedCategories(categories: CategoryProgress[]): CategoryProgress[] {
  return [...categories]
    .sort((a, b) => a.no - b.no)
    .map((category) => ({ ...category, tasks: [...category.tasks].sort((a, b) => a.no - b.no) }));
}

function overview(input: QuarterlyReportInput, categories: CategoryProgress[], period: string): Block[] {
  const tasks = categories.flatMap((category) => category.tasks);
  const counts = countByStatus(tasks);
  const blocks: Block[] = [{ type: 'heading', level: 1, text: `${level1(1)}总体进展` }];
  if (tasks.length === 0) {
    blocks.push({ type: 'paragraph', text: `${period}无纳入调度的建设任务。` });
    return blocks;
  }
  const onSchedule = counts.done + counts.onTrack;
  const reported = reportedCount(counts);
  // Only what was reported is judged; the share names its denominator (the progress rule).
  const share =
    reported === 0
      ? '各项任务均未报送本季度进展情况'
      : `已完成和正常推进的任务${onSchedule}项，${shareText(onSchedule, tasks.length, `全部${tasks.length}项任务`)}` +
        (reported < tasks.length ? `、${shareText(onSchedule, reported, `已报送${reported}项任务`)}` : '');
  blocks.push({
    type: 'paragraph',
    text: `《方案》确定的${tasks.length}项建设任务中，截至${period}末，${countsPhrase(counts)}；${share}。`,
  });
  const byCategory = categories
    .filter((category) => category.tasks.length > 0)
    .map(
      (category) =>
        `${category.title}方面${category.tasks.length}项任务中${countsPhrase(countByStatus(category.tasks), '、')}`,
    );
  if (byCategory.length > 1) blocks.push({ type: 'paragraph', text: `分领域看，${byCategory.join('；')}。` });
  const indicators = input.indicators;
  if (indicators.length > 0) {
    const pace = paceSummary(indicators);
    const behind = indicators.filter((indicator) => indicator.rating === 'lagging');
    let text = `《方案》确定的${indicators.length}项量化指标中，${pace.text}`;
    if (behind.length > 0) {
      const names = behind.slice(0, 3).map((indicator) => indicator.metric);
      text += `，未达到序时进度要求的主要是${names.join('、')}${behind.length > 3 ? '等' : ''}指标`;
    }
    const missing = indicators.length - pace.reported;
    if (missing > 0 && pace.reported > 0) text += `；另有${missing}项指标本季度未报送数据`;
    blocks.push({ type: 'paragraph', text: `${text}（详见附件）。` });
  }
  return blocks;
}

function taskBlocks(task: TaskProgress, deadlinePassed: boolean): Block[] {
  const progress = task.progress.trim()
    ? task.progress.trim()
    : task.status === 'overdue'
      ? '截至报送时限，牵头单位未报送本季度进展情况。'
      : task.status === 'unreported'
        ? deadlinePassed
          ? '牵头单位报送的进展情况已退回修改，尚未重新报送。'
          : '牵头单位尚未报送本季度进展情况。'
        : '本季度进展情况未填写。';
  return [
    {
      type: 'heading',
      level: 3,
      text: `${task.no}.${task.title.trim()}`,
      body: `（牵头单位：${unitList(task.leadUnits)}；${statusLabels[task.status]}）${progress}`,
    },
  ];
}

function progressByCategory(categories: CategoryProgress[], deadlinePassed: boolean): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: `${level1(2)}各项任务进展情况` }];
  categories.forEach((category, index) => {
    blocks.push({ type: 'heading', level: 2, text: `${level2(index + 1)}${category.title.trim()}` });
    if (category.tasks.length === 0) blocks.push({ type: 'paragraph', text: '本领域本季度无纳入调度的任务。' });
    for (const task of category.tasks) blocks.push(...taskBlocks(task, deadlinePassed));
  });
  return blocks;
}

const refList = (tasks: TaskProgress[]): string =>
  tasks.map((task) => `${taskRef(task.no, task.title)}（${unitList(task.leadUnits)}）`).join('、');

function problems(categories: CategoryProgress[]): Block[] {
  const tasks = categories.flatMap((category) => category.tasks);
  const lagging = tasks.filter((task) => task.status === 'lagging');
  const overdue = tasks.filter((task) => task.status === 'overdue');
  // A task whose report says it has no problem ("暂无突出问题") is left out, as a writer would.
  const reported = tasks.filter((task) => !saysNoProblem(task.problems));
  const unreported = tasks.filter((task) => task.status === 'unreported').length;
  const blocks: Block[] = [{ type: 'heading', level: 1, text: `${level1(3)}存在的问题` }];
  let item = 0;
  if (lagging.length > 0) {
    item += 1;
    blocks.push({
      type: 'heading',
      level: 2,
      text: `${level2(item)}部分任务推进滞后。`,
      body: `${refList(lagging)}${lagging.length > 1 ? `等${lagging.length}项任务` : ''}进度滞后于序时进度要求，需加快推进。`,
    });
  }
  if (overdue.length > 0) {
    item += 1;
    blocks.push({
      type: 'heading',
      level: 2,
      text: `${level2(item)}部分单位报送不及时。`,
      body: `${refList(overdue)}${overdue.length > 1 ? `等${overdue.length}项任务` : ''}的牵头单位未在规定时限内报送本季度进展情况。`,
    });
  }
  if (reported.length > 0) {
    item += 1;
    blocks.push({
      type: 'heading',
      level: 2,
      text: `${level2(item)}推进中反映的困难和问题。`,
      body: '各牵头单位反映的问题主要有：',
    });
    for (const task of reported) {
      blocks.push({
        type: 'paragraph',
        text: `${taskRef(task.no, task.title)}：${sentence(task.problems.replace(/\s*\n\s*/g, ''))}`,
      });
    }
  }
  if (item === 0) {
    // Nothing is claimed about tasks that have not reported.
    const text =
      unreported === tasks.length
        ? '各项任务均未报送本季度进展情况，暂无法汇总存在的问题。'
        : unreported > 0
          ? `已报送进展情况的${tasks.length - unreported}项任务未反映突出问题。`
          : '各牵头单位报送的进展情况未反映突出问题。';
    blocks.push({ type: 'paragraph', text });
  }
  return blocks;
}

function nextSteps(categories: CategoryProgress[], input: QuarterlyReportInput): Block[] {
  const tasks = categories.flatMap((category) => category.tasks);
  const behind = tasks.filter((task) => task.status === 'lagging' || task.status === 'overdue');
  const planned = tasks.filter((task) => task.nextSteps.trim());
  const next = nextQuarter(input.round.year, input.round.quarter);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `${level1(4)}下一步工作安排` },
    {
      type: 'heading',
      level: 2,
      text: `${level2(1)}加快推进滞后任务。`,
      body:
        behind.length > 0
          ? `督促${behind.map((task) => `第${task.no}项`).join('、')}任务的牵头单位对照《方案》目标查找原因，制定整改措施，明确完成时限，确保按期完成。`
          : '对照《方案》确定的目标任务和时间节点，持续跟踪各项任务推进情况，确保按期完成。',
    },
    {
      type: 'heading',
      level: 2,
      text: `${level2(2)}强化调度督导。`,
      body: '坚持季度调度和通报制度，对进度滞后、超期未报的任务及时通报，压实牵头单位和责任单位责任。',
    },
    {
      type: 'heading',
      level: 2,
      text: `${level2(3)}做好${next}工作。`,
      body: `指导各单位按时报送${next}进展情况，推动已完成任务巩固提升、正常推进任务按期完成。`,
    },
  ];
  if (planned.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: `${level2(4)}各牵头单位下一步重点工作。`, body: '主要有：' });
    for (const task of planned) {
      blocks.push({
        type: 'paragraph',
        text: `${taskRef(task.no, task.title)}：${sentence(task.nextSteps.replace(/\s*\n\s*/g, ''))}`,
      });
    }
  }
  return blocks;
}

export function composeQuarterlyReport(input: QuarterlyReportInput): OfficialDocument {
  const { plan, round, settings } = input;
  const period = `${round.year}年${quarterName(round.quarter)}`;
  const categories = sortedCategories(input.categories);
  const planCitation = `《${plan.title}》${plan.docNumber ? `（${plan.docNumber}）` : ''}`;
  const attachments = [
    ...(input.indicators.length > 0 ? [indicatorAttachment(`${period}量化指标完成情况表`, input.indicators)] : []),
    ...((input.instructions ?? []).length > 0
      ? [instructionsAttachment(`${period}领导批示落实情况`, input.instructions ?? [])]
      : []),
  ];
  return {
    kind: 'quarterly',
    header: { issuerMark: settings.issuerMark, docNumber: input.docNumber },
    title: `关于${period}${plan.subject}工作进展情况的报告`,
    addressee: settings.addressee,
    blocks: [
      {
        type: 'paragraph',
        text: `按照${planCitation}（以下简称《方案》）要求，${settings.issuerName}组织各牵头单位和责任单位对${period}建设任务推进情况进行了调度汇总。现将有关情况报告如下：`,
      },
      ...overview(input, categories, period),
      ...progressByCategory(categories, input.deadlinePassed ?? false),
      ...problems(categories),
      ...nextSteps(categories, input),
      { type: 'paragraph', text: '特此报告。' },
    ],
    attachments,
    attachmentNote: attachments.map((attachment) => attachment.title),
    signature: { organization: settings.issuerName, date: input.date },
    closing: { cc: settings.cc, printer: settings.printer, printDate: input.date },
  };
}
