import { describe, expect, it } from 'vitest';
import {
  composeBulletin,
  composeQuarterlyReport,
  composeTaskReport,
  chineseNumeral,
} from '../../../../src/main/core/exports/docx/compose';
import type { Block, HeadingBlock } from '../../../../src/shared/domain/documents';
import { officialDocumentSchema } from '../../../../src/shared/domain/documents';
import { bulletinInput, categories, quarterlyInput, statusOf, taskInput } from './fixtures';
import { seedCategories } from './seedTasks';

const headings = (blocks: Block[], level?: number): HeadingBlock[] =>
  blocks.filter(
    (block): block is HeadingBlock => block.type === 'heading' && (level === undefined || block.level === level),
  );
const allText = (blocks: Block[]): string =>
  blocks
    .map((block) =>
      block.type === 'heading'
        ? `${block.text}${block.body ?? ''}`
        : block.type === 'paragraph'
          ? block.text
          : block.rows.flat().join(' '),
    )
    .join('\n');

// Expected counts come from the seed and the fixture's status rule, not from the composer.
const seedTasks = seedCategories.flatMap((category) => category.tasks.map(([no]) => no));
const expectedCount = (status: string): number => seedTasks.filter((no) => statusOf(no) === status).length;

describe('chineseNumeral', () => {
  it('writes the numbers headings use', () => {
    expect([1, 5, 10, 11, 20, 21, 55, 100, 105].map(chineseNumeral)).toEqual([
      '一',
      '五',
      '十',
      '十一',
      '二十',
      '二十一',
      '五十五',
      '一百',
      '一百零五',
    ]);
  });
});

describe('composeQuarterlyReport', () => {
  const doc = composeQuarterlyReport(quarterlyInput());

  it('produces a valid, JSON-friendly document', () => {
    expect(officialDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    expect(doc.kind).toBe('quarterly');
    expect(doc.title).toBe('关于2025年第三季度儿童友好城市建设工作进展情况的报告');
    expect(doc.header).toEqual({
      issuerMark: '郑州经济技术开发区儿童友好城市建设工作专班',
      docNumber: '郑经儿童专班〔2025〕3号',
    });
    expect(doc.addressee).toBe('区党工委、管委会');
    expect(doc.signature).toEqual({ organization: '郑州经开区儿童友好城市建设工作专班', date: '2025-10-08' });
    expect(doc.closing.cc).toEqual(quarterlyInput().settings.cc);
  });

  it('has the four parts in order', () => {
    expect(headings(doc.blocks, 1).map((heading) => heading.text)).toEqual([
      '一、总体进展',
      '二、各项任务进展情况',
      '三、存在的问题',
      '四、下一步工作安排',
    ]);
  });

  it('counts the tasks by status in 总体进展', () => {
    const overview = doc.blocks[2];
    expect(overview?.type).toBe('paragraph');
    const text = overview?.type === 'paragraph' ? overview.text : '';
    expect(text).toContain(`确定的${seedTasks.length}项建设任务中`);
    expect(text).toContain(`已完成${expectedCount('done')}项`);
    expect(text).toContain(`正常推进${expectedCount('onTrack')}项`);
    expect(text).toContain(`进度滞后${expectedCount('lagging')}项`);
    expect(text).toContain(`超期未报${expectedCount('overdue')}项`);
    expect(allText(doc.blocks)).toContain(
      '8项量化指标中，本季度报送7项，其中5项达到序时进度要求，2项未达到序时进度要求',
    );
  });

  it('lists every task once, by category （一）…（五） and by task number, with its lead unit', () => {
    const input = quarterlyInput();
    // Shuffle the input: the composer must restore plan order.
    input.categories = [...input.categories]
      .reverse()
      .map((category) => ({ ...category, tasks: [...category.tasks].reverse() }));
    const shuffled = composeQuarterlyReport(input);
    const partTwo = shuffled.blocks.slice(
      shuffled.blocks.findIndex((block) => block.type === 'heading' && block.text === '二、各项任务进展情况'),
      shuffled.blocks.findIndex((block) => block.type === 'heading' && block.text === '三、存在的问题'),
    );
    expect(headings(partTwo, 2).map((heading) => heading.text)).toEqual(
      seedCategories.map((category, index) => `（${chineseNumeral(index + 1)}）${category.title}`),
    );
    const taskHeadings = headings(partTwo, 3);
    expect(taskHeadings.map((heading) => Number(heading.text.split('.')[0]))).toEqual(seedTasks);
    const task8 = taskHeadings.find((heading) => heading.text === '8.大力发展普惠托育服务');
    expect(task8?.body).toContain('牵头单位：区社会事业局');
    expect(task8?.body).toContain('新增托位120个');
    const task29 = taskHeadings.find((heading) => heading.text.startsWith('29.'));
    expect(task29?.body).toContain('超期未报');
    expect(task29?.body).toContain('未报送本季度进展情况');
  });

  it('names lagging and overdue tasks under 存在的问题 and 下一步工作安排', () => {
    const text = allText(doc.blocks);
    for (const no of seedTasks.filter((n) => statusOf(n) === 'lagging' || statusOf(n) === 'overdue')) {
      expect(text).toContain(`第${no}项`);
    }
    expect(text).toContain('（一）部分任务推进滞后。');
    expect(text).toContain('（二）部分单位报送不及时。');
    expect(text).toContain('第四季度');
  });

  it('attaches the indicator table on a landscape page and notes it in 附件说明', () => {
    expect(doc.attachmentNote).toEqual(['2025年第三季度量化指标完成情况表']);
    const table = doc.attachments[0]?.blocks[0];
    expect(doc.attachments[0]?.landscape).toBe(true);
    expect(table?.type === 'table' ? table.rows.length : 0).toBe(quarterlyInput().indicators.length);
    expect(table?.type === 'table' ? table.rows.map((row) => row[1]) : []).toEqual([
      '8',
      '8',
      '9',
      '12',
      '13',
      '19',
      '33',
      '35',
    ]);
    expect(table?.type === 'table' ? table.rows.at(-1)?.[5] : '').toBe('未报送');
  });

  it('writes a round with no problems without inventing any', () => {
    const input = quarterlyInput();
    input.categories = categories().map((category) => ({
      ...category,
      tasks: category.tasks.map((task) => ({ ...task, status: 'onTrack' as const, problems: '', nextSteps: '' })),
    }));
    const calm = composeQuarterlyReport(input);
    const text = allText(calm.blocks);
    expect(text).toContain(`正常推进${seedTasks.length}项`);
    expect(text).not.toMatch(/进度滞后\d+项|超期未报\d+项|部分任务推进滞后/);
    expect(text).toContain('未反映突出问题');
    expect(text).not.toContain('推进总体顺利');
  });
});

describe('composeTaskReport', () => {
  const doc = composeTaskReport(taskInput());

  it('reports one task from its lead unit to the task force', () => {
    expect(doc.kind).toBe('task');
    expect(doc.title).toBe('关于“大力发展普惠托育服务”任务2025年第三季度进展情况的报告');
    expect(doc.header.issuerMark).toBe('区社会事业局');
    expect(doc.signature.organization).toBe('区社会事业局');
    expect(doc.addressee).toBe('郑州经开区儿童友好城市建设工作专班');
    expect(headings(doc.blocks, 1).map((heading) => heading.text)).toEqual([
      '一、任务基本情况',
      '二、本季度进展情况',
      '三、指标完成情况',
      '四、存在的问题',
      '五、下一步工作计划',
    ]);
    const text = allText(doc.blocks);
    expect(text).toContain('责任单位为区宣传部（文明办）、区组织人事和社会保障局');
    expect(text).toContain('新增托位120个');
    expect(text).toContain('该任务正常推进');
    expect(doc.blocks.filter((block) => block.type === 'table')).toHaveLength(1);
  });

  it('drops the indicator part when the task has no indicators, renumbering the rest', () => {
    const input = taskInput();
    input.indicators = [];
    expect(headings(composeTaskReport(input).blocks, 1).map((heading) => heading.text)).toEqual([
      '一、任务基本情况',
      '二、本季度进展情况',
      '三、存在的问题',
      '四、下一步工作计划',
    ]);
  });
});

describe('composeBulletin', () => {
  const doc = composeBulletin(bulletinInput());

  it('lists lagging and overdue tasks separately, in plan order, with their units', () => {
    expect(doc.kind).toBe('bulletin');
    expect(doc.title).toBe('关于2025年第三季度儿童友好城市建设任务进度滞后和超期未报情况的通报');
    expect(doc.addressee).toBe('各成员单位');
    const partOf = (title: string): Block[] => {
      const start = doc.blocks.findIndex((block) => block.type === 'heading' && block.text.endsWith(title));
      const end = doc.blocks.findIndex(
        (block, index) => index > start && block.type === 'heading' && block.level === 1,
      );
      return doc.blocks.slice(start, end);
    };
    const laggingNos = headings(partOf('进度滞后任务'), 3).map((heading) => Number(heading.text.split('.')[0]));
    const overdueNos = headings(partOf('超期未报任务'), 3).map((heading) => Number(heading.text.split('.')[0]));
    expect(laggingNos).toEqual(seedTasks.filter((no) => statusOf(no) === 'lagging'));
    expect(overdueNos).toEqual(seedTasks.filter((no) => statusOf(no) === 'overdue'));
    const task29 = headings(partOf('超期未报任务'), 3).find((heading) => heading.text.startsWith('29.'));
    expect(task29?.body).toContain('未报送单位：区党群工作部（妇联）');
    const task12 = headings(partOf('进度滞后任务'), 3).find((heading) => heading.text.startsWith('12.'));
    expect(task12?.body).toContain('牵头单位：区社会事业局、区教育文化体育局');
    expect(task12?.body).toContain('资金拨付进度较慢');
  });

  it('states the totals, the deadline for corrections, and attaches the list', () => {
    const text = allText(doc.blocks);
    expect(text).toContain(`确定的${seedTasks.length}项建设任务中`);
    expect(text).toContain(`进度滞后${expectedCount('lagging')}项，超期未报${expectedCount('overdue')}项`);
    expect(text).toContain('于2025年10月20日前');
    const table = doc.attachments[0]?.blocks[0];
    expect(table?.type === 'table' ? table.rows.map((row) => row[1]) : []).toEqual(
      seedTasks.filter((no) => statusOf(no) === 'lagging' || statusOf(no) === 'overdue').map(String),
    );
    expect(doc.attachmentNote).toEqual([doc.attachments[0]?.title]);
  });

  it('says so when nothing lags', () => {
    const input = bulletinInput();
    input.tasks = [];
    const calm = composeBulletin(input);
    expect(allText(calm.blocks)).toContain('本季度无进度滞后和超期未报的任务');
    expect(calm.attachments).toEqual([]);
  });
});

describe('quotation marks', () => {
  it('turns quotes inside a quoted task title into single quotes', () => {
    const text = allText(composeQuarterlyReport(quarterlyInput()).blocks);
    expect(text).toContain('第12项“大力开展‘苗儿棵棵壮’行动”');
    const input = taskInput();
    input.task = { ...input.task, title: '推进“儿童之家”建设' };
    expect(composeTaskReport(input).title).toBe('关于“推进‘儿童之家’建设”任务2025年第三季度进展情况的报告');
  });
});
