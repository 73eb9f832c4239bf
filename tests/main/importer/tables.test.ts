import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LuoshiError } from '../../../src/shared/errors';
import { parsePlanSource, parsePlanText } from '../../../src/main/core/importer';

/** Task lists as tables, built here: Word tables and Excel sheets in several column orders. */

type CellSpec = string | { text: string; rowSpan?: number; columnSpan?: number };

function docxCell(spec: CellSpec): TableCell {
  const { text, rowSpan, columnSpan } = typeof spec === 'string' ? { text: spec } : spec;
  const lines = text.split('\n');
  return new TableCell({
    children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })),
    ...(rowSpan ? { rowSpan } : {}),
    ...(columnSpan ? { columnSpan } : {}),
  });
}

async function docxFile(paragraphs: string[], rows: CellSpec[][]): Promise<Uint8Array> {
  const document = new Document({
    sections: [
      {
        children: [
          ...paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
          new Table({ rows: rows.map((r) => new TableRow({ children: r.map(docxCell) })) }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

async function xlsxFile(sheets: Array<{ name: string; rows: string[][]; merges?: string[] }>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name);
    s.rows.forEach((row) => sheet.addRow(row));
    for (const m of s.merges ?? []) sheet.mergeCells(m);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const units = (t: { leadUnits: string[]; responsibleUnits: string[] }) => [t.leadUnits, t.responsibleUnits];

describe('a Word task table (序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限)', () => {
  it('reads each row as a task, merged category rows and merged lead cells included', async () => {
    const bytes = await docxFile(
      ['某某区人民政府办公室', '某政办〔2024〕9号', '某某区优化营商环境重点任务分工方案', '现将任务分工如下：'],
      [
        ['序号', '重点任务', '牵头单位', '责任单位', '完成时限'],
        [{ text: '一、提升政务服务', columnSpan: 5 }],
        [
          '1',
          '推行“一网通办”。到2025年，政务服务事项网上可办率达到95%以上。',
          { text: '区政务服务局', rowSpan: 2 },
          '区大数据中心、各街道办事处',
          '2025年底',
        ],
        ['2', '优化窗口服务\n设立综合窗口，推行帮办代办。', '区编办', '长期'],
        [{ text: '二、降低企业成本', columnSpan: 5 }],
        ['3', '落实减税降费政策。', '区税务局', '区财政局\n区发展改革委', '2024年6月'],
      ],
    );
    const { plan } = await parsePlanSource({ fileName: '分工方案.docx', bytes }, []);
    expect(plan.meta).toEqual({
      issuer: '',
      docNumber: '某政办〔2024〕9号',
      title: '某某区优化营商环境重点任务分工方案',
    });
    expect(plan.categories.map((c) => c.title)).toEqual(['提升政务服务', '降低企业成本']);
    expect(plan.tasks.map((t) => [t.no, t.category, t.title, ...units(t)])).toEqual([
      [1, 1, '推行“一网通办”', ['区政务服务局'], ['区大数据中心', '各街道办事处']],
      [2, 1, '优化窗口服务', ['区政务服务局'], ['区编办']],
      [3, 2, '落实减税降费政策', ['区税务局'], ['区财政局', '区发展改革委']],
    ]);
    expect(plan.tasks[0]?.targets.map((g) => [g.comparator, g.value, g.unit, g.year])).toEqual([
      ['gte', 95, '%', 2025],
    ]);
    expect(plan.tasks[1]?.body).toContain('设立综合窗口');
    expect(plan.tasks[1]?.body).toContain('完成时限：长期');
    // Lines are table rows.
    expect(plan.tasks.map((t) => t.line)).toEqual([3, 4, 6]);
  });

  it('reads another column order, a title row above the header and a vertically merged category column', async () => {
    const bytes = await docxFile(
      [],
      [
        [{ text: '某某县“双减”工作任务清单', columnSpan: 5 }],
        ['类别', '责任单位', '工作任务', '牵头部门', '序号'],
        [{ text: '课后服务', rowSpan: 2 }, '各学校', '开展课后服务', '县教育局', '1'],
        ['县财政局', '保障课后服务经费', '县教育局', '2'],
        ['校外培训', '县市场监管局、县公安局', '规范校外培训机构', '县教育局', '3'],
      ],
    );
    const { plan } = await parsePlanSource({ fileName: '清单.docx', bytes }, []);
    expect(plan.categories.map((c) => c.title)).toEqual(['课后服务', '校外培训']);
    expect(plan.tasks.map((t) => [t.no, t.category, t.title, ...units(t)])).toEqual([
      [1, 1, '开展课后服务', ['县教育局'], ['各学校']],
      [2, 1, '保障课后服务经费', ['县教育局'], ['县财政局']],
      [3, 2, '规范校外培训机构', ['县教育局'], ['县市场监管局', '县公安局']],
    ]);
  });

  it('reads a Word file without a task table as text', async () => {
    const bytes = await docxFile(
      ['二、主要任务', '1. 建设社区书屋。（区文旅局负责）'],
      [
        ['说明', '内容'],
        ['甲', '乙'],
      ],
    );
    const { plan } = await parsePlanSource({ fileName: '方案.docx', bytes }, []);
    expect(plan.tasks.map((t) => [t.title, ...units(t)])).toEqual([['建设社区书屋', ['区文旅局'], []]]);
  });
});

describe('a table pasted into a text file (tab-separated)', () => {
  it('reads it as a task table, the lines above it for the title', () => {
    const text = [
      '某区2024年重点任务分工表',
      '序号\t工作任务\t牵头单位\t配合单位\t完成时限',
      '1\t建设口袋公园。到2024年底，新建口袋公园10个。\t区城管局\t区财政局、各街道\t2024年12月',
      '2\t改造老旧小区\t区住建局\t\t2024年10月',
    ].join('\n');
    const { plan } = parsePlanText(text, [], '分工表.txt');
    expect(plan.meta.title).toBe('某区2024年重点任务分工表');
    expect(plan.tasks.map((t) => [t.no, t.title, ...units(t), t.line])).toEqual([
      [1, '建设口袋公园', ['区城管局'], ['区财政局', '各街道'], 3],
      [2, '改造老旧小区', ['区住建局'], [], 4],
    ]);
    expect(plan.tasks[0]?.targets.map((g) => [g.comparator, g.value, g.unit, g.year])).toEqual([
      ['gte', 10, '个', 2024],
    ]);
  });
});

describe('an Excel task list', () => {
  const rows = [
    ['2024年重点工作任务台账', '', '', '', ''],
    ['序号', '工作任务', '具体措施', '配合单位', '牵头单位'],
    ['1', '建设口袋公园', '新建口袋公园不少于10个。', '区财政局、各街道', '区城管局'],
    ['2', '改造老旧小区', '完成老旧小区改造。', '区财政局', '区住建局'],
    ['', '', '', '区民政局', ''],
    ['3', '', '', '', ''],
  ];

  it('reads the first sheet: title row merged, header on the second row, any column order, roles by header', async () => {
    const bytes = await xlsxFile([{ name: '任务', rows, merges: ['A1:E1'] }]);
    const { plan } = await parsePlanSource({ fileName: '台账.xlsx', bytes }, []);
    expect(plan.meta.title).toBe('2024年重点工作任务台账');
    expect(plan.tasks.map((t) => [t.no, t.title, ...units(t)])).toEqual([
      [1, '建设口袋公园', ['区城管局'], ['区财政局', '各街道']],
      [2, '改造老旧小区', ['区住建局'], ['区财政局']],
    ]);
    expect(plan.tasks[0]?.unitRoles?.map((u) => u.role)).toEqual(['cooperating', 'cooperating', 'lead']);
    expect(plan.tasks[0]?.targets.map((g) => [g.metric, g.comparator, g.value, g.unit])).toEqual([
      ['新建口袋公园', 'gte', 10, '个'],
    ]);
    // A row with units but no task is named with its sheet row.
    const orphan = plan.warnings.find((w) => w.code === 'row_without_task');
    expect(orphan).toMatchObject({ line: 5 });
    expect(orphan?.message).toContain('工作表“任务”第 5 行');
  });

  it('reads cells merged down (a lead unit shared by several tasks) for every row', async () => {
    const bytes = await xlsxFile([
      {
        name: 'Sheet1',
        rows: [
          ['重点任务', '牵头单位', '责任单位'],
          ['推广垃圾分类', '区城管局', '各街道'],
          ['建设回收站点', '', '区商务局'],
        ],
        merges: ['B2:B3'],
      },
    ]);
    const { plan } = await parsePlanSource({ fileName: 'list.xlsx', bytes }, []);
    expect(plan.tasks.map((t) => [t.title, ...units(t)])).toEqual([
      ['推广垃圾分类', ['区城管局'], ['各街道']],
      ['建设回收站点', ['区城管局'], ['区商务局']],
    ]);
  });

  it('reads a two-row header (责任单位 over 牵头 | 配合) and category rows numbered 一、 without merging', async () => {
    const bytes = await xlsxFile([
      {
        name: '分工',
        rows: [
          ['序号', '主要任务', '责任单位', '', '完成时限'],
          ['', '', '牵头', '配合', ''],
          ['一', '深化改革', '', '', ''],
          ['1', '推进综合窗口改革', '区政务局', '区编办、区司法局', '2025年'],
          ['二', '优化服务', '', '', ''],
          ['2', '推行免申即享', '区财政局', '', '2025年'],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:D1', 'E1:E2'],
      },
    ]);
    const { plan } = await parsePlanSource({ fileName: '分工.xlsx', bytes }, []);
    expect(plan.categories.map((c) => c.title)).toEqual(['深化改革', '优化服务']);
    expect(plan.tasks.map((t) => [t.no, t.category, t.title, ...units(t)])).toEqual([
      [1, 1, '推进综合窗口改革', ['区政务局'], ['区编办', '区司法局']],
      [2, 2, '推行免申即享', ['区财政局'], []],
    ]);
    expect(plan.tasks[0]?.unitRoles?.map((u) => u.role)).toEqual(['lead', 'cooperating', 'cooperating']);
  });

  it('reads the sheet the user picks, and names the sheets when the pick does not exist', async () => {
    const bytes = await xlsxFile([
      { name: '说明', rows: [['本表用于…']] },
      {
        name: '任务清单',
        rows: [
          ['任务', '责任单位'],
          ['开展宣传', '区宣传部'],
        ],
      },
    ]);
    const { plan } = await parsePlanSource({ fileName: 'x.xlsx', bytes, sheet: '任务清单' }, []);
    expect(plan.tasks.map((t) => [t.title, ...units(t)])).toEqual([['开展宣传', [], ['区宣传部']]]);
    const error = await parsePlanSource({ fileName: 'x.xlsx', bytes, sheet: '表3' }, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).message).toMatch(/“x\.xlsx”中没有名为“表3”的工作表（有：“说明”、“任务清单”）/);
  });

  it('refuses a sheet without a task header, naming the file, the sheet and the columns it looked for', async () => {
    const bytes = await xlsxFile([
      {
        name: '数据',
        rows: [
          ['姓名', '电话'],
          ['张三', '123'],
        ],
      },
    ]);
    const error = await parsePlanSource({ fileName: '通讯录.xlsx', bytes }, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).message).toContain('文件“通讯录.xlsx”工作表“数据”');
    expect((error as LuoshiError).message).toContain('牵头单位');
  });
});
