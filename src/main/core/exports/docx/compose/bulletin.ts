import { formatOfficialDate } from '../../../../../shared/domain/documents';
import type { Block, OfficialDocument, TableBlock } from '../../../../../shared/domain/documents';
import type { BulletinInput, BulletinTask } from './inputs';
import { countsPhrase } from './quarterly';
import { level1, level2, quarterName, sentence, statusLabels, unitList } from './text';

/**
 * 通报 of lagging and overdue tasks: 一、总体情况, 二、进度滞后任务, 三、超期未报任务 (each grouped
 * by category and naming the units), 四、工作要求, with the list of tasks as its attachment.
 */

function byPlanOrder(tasks: BulletinTask[]): BulletinTask[] {
  return [...tasks].sort((a, b) => a.categoryNo - b.categoryNo || a.no - b.no);
}

function taskLines(tasks: BulletinTask[], describe: (task: BulletinTask) => string): Block[] {
  const blocks: Block[] = [];
  let category = -1;
  let item = 0;
  for (const task of tasks) {
    if (task.categoryNo !== category) {
      category = task.categoryNo;
      item += 1;
      blocks.push({ type: 'heading', level: 2, text: `${level2(item)}${task.categoryTitle.trim()}` });
    }
    blocks.push({ type: 'heading', level: 3, text: `${task.no}.${task.title.trim()}`, body: describe(task) });
  }
  return blocks;
}

function listTable(tasks: BulletinTask[]): TableBlock {
  return {
    type: 'table',
    columns: [
      { title: '序号', weight: 0.9, align: 'center' },
      { title: '任务编号', weight: 0.9, align: 'center' },
      { title: '任务名称', weight: 3.2, align: 'left' },
      { title: '牵头单位', weight: 2, align: 'left' },
      { title: '未报送单位', weight: 2, align: 'left' },
      { title: '情况', weight: 1.3, align: 'center' },
    ],
    rows: tasks.map((task, index) => [
      String(index + 1),
      String(task.no),
      task.title,
      unitList(task.leadUnits),
      task.status === 'overdue' ? unitList(task.missingUnits.length > 0 ? task.missingUnits : task.leadUnits) : '—',
      statusLabels[task.status],
    ]),
  };
}

export function composeBulletin(input: BulletinInput): OfficialDocument {
  const { plan, round, settings } = input;
  const period = `${round.year}年${quarterName(round.quarter)}`;
  const tasks = byPlanOrder(input.tasks);
  const lagging = tasks.filter((task) => task.status === 'lagging');
  const overdue = tasks.filter((task) => task.status === 'overdue');
  const total = Object.values(input.totals).reduce((sum, n) => sum + n, 0);
  const listTitle = `${period}进度滞后和超期未报任务清单`;

  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: `为推动《${plan.title}》（以下简称《方案》）各项任务落实落地，${settings.issuerName}对${period}各项建设任务推进情况进行了调度。现将进度滞后和超期未报情况通报如下：`,
    },
    { type: 'heading', level: 1, text: `${level1(1)}总体情况` },
    {
      type: 'paragraph',
      text:
        total > 0
          ? `《方案》确定的${total}项建设任务中，截至${period}末，${countsPhrase(input.totals)}。`
          : `${period}无纳入调度的建设任务。`,
    },
  ];
  let section = 1;
  if (lagging.length > 0) {
    section += 1;
    blocks.push(
      { type: 'heading', level: 1, text: `${level1(section)}进度滞后任务` },
      { type: 'paragraph', text: `以下${lagging.length}项任务进度滞后于序时进度要求：` },
      ...taskLines(
        lagging,
        (task) =>
          `（牵头单位：${unitList(task.leadUnits)}）${task.problems.trim() ? `主要问题：${sentence(task.problems.replace(/\s*\n\s*/g, ''))}` : ''}`,
      ),
    );
  }
  if (overdue.length > 0) {
    section += 1;
    blocks.push(
      { type: 'heading', level: 1, text: `${level1(section)}超期未报任务` },
      { type: 'paragraph', text: `以下${overdue.length}项任务未在规定时限内报送本季度进展情况：` },
      ...taskLines(overdue, (task) => {
        const missing = task.missingUnits.length > 0 ? task.missingUnits : task.leadUnits;
        return `（牵头单位：${unitList(task.leadUnits)}）未报送单位：${unitList(missing)}。`;
      }),
    );
  }
  const unreported = input.totals.unreported;
  if (lagging.length === 0 && overdue.length === 0) {
    // "None lagging" is only said of what was reported.
    blocks.push({
      type: 'paragraph',
      text:
        unreported > 0
          ? `已报送进展情况的任务中，无进度滞后的任务；无超期未报的任务。`
          : '本季度无进度滞后和超期未报的任务。',
    });
  }
  const late = input.deadlinePassed ?? false;
  if (unreported > 0) {
    blocks.push({
      type: 'paragraph',
      text: late
        ? `另有${unreported}项任务报送的进展情况已退回修改，尚未重新报送，其推进情况待重新报送后另行汇总。`
        : `另有${unreported}项任务尚未报送本季度进展情况（报送时限为${formatOfficialDate(input.roundDeadline)}），其推进情况待报送后另行汇总。`,
    });
  }
  section += 1;
  // Each requirement only where it applies; the rectification date lies after the round's deadline.
  const requirements: Block[] = [];
  if (lagging.length > 0) {
    requirements.push({
      type: 'paragraph',
      text: `请进度滞后任务的牵头单位认真分析原因，制定整改措施，于${formatOfficialDate(input.correctionDeadline)}前将整改措施报送${settings.issuerName}。`,
    });
  }
  if (overdue.length > 0) {
    requirements.push({
      type: 'paragraph',
      text: '请超期未报任务的相关单位立即补报本季度进展情况，并落实专人负责，确保今后按时报送。',
    });
  }
  if (unreported > 0) {
    requirements.push({
      type: 'paragraph',
      text: late
        ? '请报告被退回的单位按审核意见尽快修改，重新报送本季度进展情况。'
        : `请尚未报送的单位于${formatOfficialDate(input.roundDeadline)}前报送本季度进展情况。`,
    });
  }
  requirements.push({
    type: 'paragraph',
    text: '各成员单位要进一步压实责任，加强协调配合，确保《方案》各项任务按期完成。',
  });
  blocks.push({ type: 'heading', level: 1, text: `${level1(section)}工作要求` }, ...requirements);

  const attachments = tasks.length > 0 ? [{ title: listTitle, blocks: [listTable(tasks)], landscape: false }] : [];
  return {
    kind: 'bulletin',
    header: { issuerMark: settings.issuerMark, docNumber: input.docNumber },
    title: `关于${period}${plan.subject}任务进度滞后和超期未报情况的通报`,
    addressee: input.addressee ?? '各成员单位',
    blocks,
    attachments,
    attachmentNote: attachments.map((attachment) => attachment.title),
    signature: { organization: settings.issuerName, date: input.date },
    closing: { cc: settings.cc, printer: settings.printer, printDate: input.date },
  };
}
