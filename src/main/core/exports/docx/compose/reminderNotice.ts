import { formatOfficialDate } from '../../../../../shared/domain/documents';
import type { Block, DocumentSettings, OfficialDocument } from '../../../../../shared/domain/documents';
import type { PlanRef } from './inputs';
import { level1, quarterName, sentence, unitList } from './text';

/** A unit reminded in the round: its deadline (with its 延期), how often and the last message. */
interface ReminderNoticeUnit {
  unitName: string;
  /** ISO date: the unit's own deadline. */
  deadline: string;
  count: number;
  /** ISO date (China) of the last reminder. */
  lastDate: string;
  lastMessage: string;
}

export interface ReminderNoticeInput {
  plan: PlanRef;
  round: { year: number; quarter: number };
  settings: DocumentSettings;
  /** The units reminded, in the order to list them. */
  units: ReminderNoticeUnit[];
  /** 成文日期, ISO date. */
  date: string;
  docNumber: string | null;
}

/**
 * 催办通知 (a 下行文 in the official format, like the bulletin): addressed to the units reminded,
 * 一、催办事项 with the list of units (deadline, how often, when), 二、催办内容 with the message each
 * received, 三、工作要求.
 */
export function composeReminderNotice(input: ReminderNoticeInput): OfficialDocument {
  const { plan, round, settings, units } = input;
  const period = `${round.year}年${quarterName(round.quarter)}`;
  const names = units.map((u) => u.unitName);
  const blocks: Block[] = [
    {
      type: 'paragraph',
      // Only what the reminders say: a unit reminded by hand need not be overdue or lagging.
      text: `按照《${plan.title}》有关要求，各成员单位应按时报送${period}工作进展情况。截至${formatOfficialDate(input.date)}，${settings.issuerName}已对${units.length}个单位进行催办。现将有关事项通知如下：`,
    },
    { type: 'heading', level: 1, text: `${level1(1)}催办事项` },
    { type: 'paragraph', text: `本次催办${unitList(names)}，共${units.length}个单位，具体情况如下：` },
    {
      type: 'table',
      columns: [
        // The dates (2025年10月10日) fit on one line at these weights.
        { title: '序号', weight: 0.7, align: 'center' },
        { title: '被催办单位', weight: 2.2, align: 'left' },
        { title: '报送截止日期', weight: 2.5, align: 'center' },
        { title: '催办次数', weight: 1, align: 'center' },
        { title: '最近催办日期', weight: 2.5, align: 'center' },
      ],
      rows: units.map((u, index) => [
        String(index + 1),
        u.unitName,
        formatOfficialDate(u.deadline),
        String(u.count),
        formatOfficialDate(u.lastDate),
      ]),
    },
    { type: 'heading', level: 1, text: `${level1(2)}催办内容` },
  ];
  const messages = new Set(units.map((u) => u.lastMessage.trim()));
  if (messages.size === 1 && units.length > 1) {
    blocks.push({ type: 'paragraph', text: sentence([...messages][0] ?? '') });
  } else {
    // The template names the unit first ({单位}：…); the heading already does.
    units.forEach((u, index) => {
      const message = u.lastMessage.trim();
      const body = message.startsWith(`${u.unitName}：`) ? message.slice(u.unitName.length + 1) : message;
      blocks.push({ type: 'heading', level: 3, text: `${index + 1}.${u.unitName}：`, body: sentence(body) });
    });
  }
  blocks.push(
    { type: 'heading', level: 1, text: `${level1(3)}工作要求` },
    {
      type: 'paragraph',
      text: `请以上单位高度重视，于各自报送截止日期前通过系统报送${period}工作进展情况；确有困难的，请说明原因并提出延期申请。${settings.issuerName}将持续跟踪，对仍未按期报送的单位予以通报。`,
    },
  );
  return {
    // A 下行文 laid out like the bulletin; the kind does not change the layout.
    kind: 'bulletin',
    header: { issuerMark: settings.issuerMark, docNumber: input.docNumber },
    title: `关于催报${period}${plan.subject}工作进展情况的通知`,
    addressee: unitList(names),
    blocks,
    attachments: [],
    attachmentNote: [],
    signature: { organization: settings.issuerName, date: input.date },
    closing: { cc: settings.cc, printer: settings.printer, printDate: input.date },
  };
}
