import { describe, expect, it } from 'vitest';
import { LuoshiError } from '../../../src/shared/errors';
import { defaultUnitDirectory, parsePlanText } from '../../../src/main/core/importer';

/**
 * A numbered item with units but no words (the fuzz test's counterexample, seed 1681943108:
 * "（一）" spliced alone between a task's 牵头单位 and 责任单位 lines) used to come back as a task
 * with an empty title. Every task has a title, or the plan is refused naming the line.
 */
const head = [
  '某某区儿童友好城市建设工作方案',
  '一、主要任务',
  '1. 推进儿童友好社区建设',
  '增加社区儿童“微空间”。',
  '牵头单位：区党群工作部（妇联）',
];

function refusal(text: string): LuoshiError {
  try {
    parsePlanText(text, defaultUnitDirectory(), '儿童友好.txt');
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('tasks without a title', () => {
  it('a marker alone followed only by a label line is refused, naming the file and the line', () => {
    const error = refusal([...head, '（一）', '责任单位：区财政局（审计局），各办事处'].join('\n'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('“儿童友好.txt”');
    expect(error.message).toContain('第 6 行');
    expect(error.message).toContain('没有任务名称');
    // fast-check's shrunk form: the lone marker between a task's text and its label lines.
    const shrunk = refusal(
      [
        '某某区儿童友好城市建设工作方案',
        '一、主要任务',
        '1. 推进儿童友好社区建设',
        '增加社区儿童“微空间”。',
        '（一）',
        '牵头单位：区党群工作部（妇联）',
      ].join('\n'),
    );
    expect(shrunk.message).toContain('第 5 行的任务没有任务名称');
  });

  it('a marker whose only text is an attribution is refused too', () => {
    const error = refusal([...head, '责任单位：各办事处', '2.（区教育局负责）'].join('\n'));
    expect(error.message).toContain('第 7 行');
    expect(error.message).toContain('没有任务名称');
  });

  it('a marker alone on its line takes its title from the next paragraph', () => {
    const lines = [
      '某某区儿童友好城市建设工作方案',
      '一、主要任务',
      '（一）推进儿童友好社区建设',
      '增加社区儿童“微空间”。',
      '牵头单位：区党群工作部（妇联）',
      '（二）',
      '建设儿童友好公园。到2025年新建3个。',
      '牵头单位：区城市管理局',
    ];
    const { plan } = parsePlanText(lines.join('\n'), defaultUnitDirectory(), '儿童友好.txt');
    expect(plan.tasks.map((t) => [t.no, t.title, t.line])).toEqual([
      [1, '推进儿童友好社区建设', 3],
      [2, '建设儿童友好公园', 6],
    ]);
    expect(plan.tasks[1]?.body).toBe('到2025年新建3个。');
    expect(plan.tasks[1]?.leadUnits).toEqual(['区综合行政执法局（城市管理局）']);
    expect(plan.tasks[1]?.targets.map((t) => [t.value, t.year])).toEqual([[3, 2025]]);
  });

  it('a table row whose task cell holds only a number or an attribution is reported, not imported', () => {
    const text = [
      '某区2024年重点任务分工表',
      '序号\t工作任务\t牵头单位\t配合单位',
      '1\t建设口袋公园\t区城管局\t各街道',
      '2\t2.\t区住建局\t',
      '3\t（区民政局负责）\t区民政局\t',
    ].join('\n');
    const { plan } = parsePlanText(text, [], '分工表.txt');
    expect(plan.tasks.map((t) => t.title)).toEqual(['建设口袋公园']);
    expect(plan.warnings.filter((w) => w.code === 'row_without_task').map((w) => w.line)).toEqual([4, 5]);
  });
});
