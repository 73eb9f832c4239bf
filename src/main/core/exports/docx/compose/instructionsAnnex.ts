import type { Attachment, TableColumn } from '../../../../../shared/domain/documents';
import { answerStateLabels } from '../../../../../shared/domain/instructions';
import { chinaDate } from '../../../../../shared/domain/rounds';
import { formatChinaDate } from '../../../../../shared/time';
import type { InstructionProgress } from './inputs';

/**
 * The annex 领导批示落实情况 of the quarterly report: one row per addressed unit of every 批示 that
 * was open at some time in the quarter, with what the unit answered. It says only what is stored:
 * an answer not yet confirmed by the unit's leader is not quoted, and an unanswered line past its
 * due date is called 逾期.
 */

const columns: TableColumn[] = [
  { title: '序号', weight: 0.8, align: 'center' },
  { title: '任务编号', weight: 0.9, align: 'center' },
  { title: '批示内容', weight: 3.2, align: 'left' },
  { title: '批示人及日期', weight: 1.6, align: 'center' },
  { title: '办理时限', weight: 1.4, align: 'center' },
  { title: '承办单位', weight: 1.6, align: 'center' },
  { title: '落实情况', weight: 3.4, align: 'left' },
  { title: '办理状态', weight: 1.2, align: 'center' },
];

function answerCell(line: InstructionProgress['lines'][number]): string {
  if (line.state === 'answered' || line.state === 'closed') return line.answer.trim() || '—';
  return line.state === 'confirming' ? '已起草，待单位负责人确认' : '尚未答复';
}

function stateCell(line: InstructionProgress['lines'][number]): string {
  return line.overdue ? `${answerStateLabels[line.state]}（已逾期）` : answerStateLabels[line.state];
}

export function instructionsAttachment(title: string, instructions: readonly InstructionProgress[]): Attachment {
  const sorted = [...instructions].sort((a, b) => a.taskNo - b.taskNo || a.issuedAt.localeCompare(b.issuedAt));
  const rows: string[][] = [];
  for (const instruction of sorted) {
    for (const line of instruction.lines) {
      rows.push([
        String(rows.length + 1),
        String(instruction.taskNo),
        instruction.text.trim(),
        `${instruction.issuedBy}\n${formatChinaDate(instruction.issuedAt)}`,
        chinaDate(instruction.dueDate),
        line.unit,
        answerCell(line),
        stateCell(line),
      ]);
    }
  }
  return { title, blocks: [{ type: 'table', columns, rows }], landscape: true };
}
