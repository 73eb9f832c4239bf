import type { Block, OfficialDocument } from '../../../../../shared/domain/documents';
import { indicatorTable } from './indicatorTable';
import type { TaskReportInput } from './inputs';
import { level1, paceSummary, quarterName, quoted, statusPhrase, unitList } from './text';

/**
 * One task's report for a quarter, from its lead unit to the task force: 一、任务基本情况,
 * 二、本季度进展情况, 三、指标完成情况 (with the indicator table), 四、存在的问题, 五、下一步工作计划.
 */

const paragraphsOf = (text: string, fallback: string): Block[] => [
  { type: 'paragraph', text: text.trim() || fallback },
];

export function composeTaskReport(input: TaskReportInput): OfficialDocument {
  const { plan, round, settings, task, category } = input;
  const period = `${round.year}年${quarterName(round.quarter)}`;
  const leadName = task.leadUnits[0]?.trim() || settings.issuerName;
  const issuer = input.issuer ?? { name: leadName, mark: leadName };
  const pace = paceSummary(input.indicators);

  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: `按照《${plan.title}》（以下简称《方案》）要求，现将${period}第${task.no}项建设任务${quoted(task.title)}推进情况报告如下：`,
    },
    { type: 'heading', level: 1, text: `${level1(1)}任务基本情况` },
    {
      type: 'paragraph',
      text:
        `该任务属于${quoted(category.title)}领域，牵头单位为${unitList(task.leadUnits) || '（未明确）'}` +
        (task.responsibleUnits.length > 0 ? `，责任单位为${unitList(task.responsibleUnits)}。` : '。'),
    },
    ...(task.body.trim() ? [{ type: 'paragraph' as const, text: `《方案》要求：${task.body.trim()}` }] : []),
    { type: 'heading', level: 1, text: `${level1(2)}本季度进展情况` },
    ...paragraphsOf(task.progress, '本季度未填报进展情况。'),
    { type: 'paragraph', text: `截至${period}末，该任务${statusPhrase(task.status)}。` },
  ];
  let section = 2;
  if (input.indicators.length > 0) {
    section += 1;
    blocks.push(
      { type: 'heading', level: 1, text: `${level1(section)}指标完成情况` },
      {
        type: 'paragraph',
        text: `该任务涉及量化指标${input.indicators.length}项，${pace.text}。具体情况如下：`,
      },
      indicatorTable(input.indicators),
    );
  }
  section += 1;
  blocks.push(
    { type: 'heading', level: 1, text: `${level1(section)}存在的问题` },
    ...paragraphsOf(task.problems, '暂无。'),
  );
  section += 1;
  blocks.push(
    { type: 'heading', level: 1, text: `${level1(section)}下一步工作计划` },
    ...paragraphsOf(task.nextSteps, '对照《方案》确定的目标任务，持续推进各项工作，确保按期完成。'),
    { type: 'paragraph', text: '特此报告。' },
  );

  return {
    kind: 'task',
    header: { issuerMark: issuer.mark, docNumber: input.docNumber },
    title: `关于${quoted(task.title)}任务${period}进展情况的报告`,
    addressee: input.addressee ?? settings.issuerName,
    blocks,
    attachments: [],
    attachmentNote: [],
    signature: { organization: issuer.name, date: input.date },
    closing: { cc: [], printer: issuer.name, printDate: input.date },
  };
}
