import { describe, expect, it } from 'vitest';
import { reportContentSchema, submitGaps, submitGapsMessage } from '../../../src/shared/domain/reports';

const due = [
  { indicatorId: 1, metric: '每千人口托位数' },
  { indicatorId: 2, metric: '儿童之家覆盖率' },
];

describe('what a submission still needs', () => {
  it('names the progress text and every unanswered indicator', () => {
    const gaps = submitGaps({ progress: ' \n ', indicatorValues: [{ indicatorId: 1, value: null, note: '' }] }, due);
    expect(gaps).toEqual([
      '进展情况未填写',
      '指标「每千人口托位数」「儿童之家覆盖率」未填写本季度值（没有新数据的请勾选“无新进展”）',
    ]);
    expect(submitGapsMessage(gaps)).toMatch(/^报告内容不完整，不能提交审核：进展情况未填写；指标.*请补充后再提交。$/);
  });

  it('takes a value or 无新进展 as an answer, and has nothing to say then', () => {
    const content = {
      progress: '新增托位 120 个。',
      indicatorValues: [
        { indicatorId: 1, value: 0, note: '' },
        { indicatorId: 2, value: null, note: '', noNewProgress: true },
      ],
    };
    expect(submitGaps(content, due)).toEqual([]);
    expect(submitGaps({ progress: '有进展', indicatorValues: [] }, [])).toEqual([]);
  });

  it('parses content stored or sent before 无新进展 existed', () => {
    const parsed = reportContentSchema.parse({
      progress: 'x',
      problems: '',
      nextSteps: '',
      indicatorValues: [{ indicatorId: 1, value: 3 }],
    });
    expect(parsed.indicatorValues[0]).toEqual({ indicatorId: 1, value: 3, note: '' });
  });
});
