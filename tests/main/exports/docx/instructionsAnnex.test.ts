import { describe, expect, it } from 'vitest';
import { composeQuarterlyReport } from '../../../../src/main/core/exports/docx/compose';
import { writeOfficialDocx } from '../../../../src/main/core/exports/docx/writer';
import { fonts, quarterlyInput, quarterlyWithInstructions } from './fixtures';
import { readDocx, textOf } from './ooxml';

describe('the quarterly report’s annex 领导批示落实情况', () => {
  const doc = composeQuarterlyReport(quarterlyWithInstructions());

  it('follows the indicator table as the second attachment, on landscape pages, named in 附件说明', () => {
    expect(doc.attachmentNote).toEqual(['2025年第三季度量化指标完成情况表', '2025年第三季度领导批示落实情况']);
    expect(doc.attachments[1]).toMatchObject({ title: '2025年第三季度领导批示落实情况', landscape: true });
  });

  it('lists one row per addressed unit by task number, quoting only confirmed answers and marking overdue lines', () => {
    const table = doc.attachments[1]?.blocks[0];
    const rows = table?.type === 'table' ? table.rows : [];
    expect(rows.map((r) => [r[0], r[1], r[5], r[6], r[7]])).toEqual([
      ['1', '8', '区社会事业局', '新增托位 120 个。', '已答复'],
      ['2', '8', '明湖办事处', '已起草，待单位负责人确认', '待单位负责人确认（已逾期）'],
      ['3', '8', '潮河办事处', '尚未答复', '待落实（已逾期）'],
      ['4', '12', '区卫生健康委员会', '已开展学龄儿童口腔筛查 1.2 万人次。', '已办结'],
    ]);
    expect(rows[0]?.[3]).toBe('张局长\n2025年9月10日');
    expect(rows[0]?.[4]).toBe('2025年9月25日');
    // A draft the unit's leader has not confirmed is never quoted.
    expect(rows.flat().join('')).not.toContain('草稿：已排查');
  });

  it('has no such annex when no 批示 was open in the quarter', () => {
    expect(composeQuarterlyReport({ ...quarterlyInput(), instructions: [] }).attachmentNote).toEqual([
      '2025年第三季度量化指标完成情况表',
    ]);
  });

  it('renders the annex into the .docx', async () => {
    const docx = await readDocx(await writeOfficialDocx(doc, fonts));
    const text = textOf(docx.document);
    expect(text).toContain('领导批示落实情况');
    expect(text).toContain('新增托位 120 个。');
    expect(text).toContain('待落实（已逾期）');
  });
});
