import { describe, expect, it } from 'vitest';
import { planDiffSchema } from '../../../src/shared/domain/plan';
import { defaultUnitDirectory, diffPlans, parsePlanText } from '../../../src/main/core/importer';
import { seedText } from './fixtures';

const before = parsePlanText(seedText, defaultUnitDirectory()).plan;

function revise(text: string): string {
  const task55 = text.indexOf('55. 创建儿童友好企事业单位');
  const part5 = text.indexOf('五、主要举措和支持保障');
  const added =
    '56. 建设儿童友好医院\n\n到 2025 年，全区建成儿童友好医院 2 所。\n\n牵头单位：区社会事业局\n\n责任单位：各办事处\n\n';
  return (text.slice(0, task55) + added + text.slice(part5))
    .replace('3. 城市规划建设体现儿童视角', '3. 城市规划建设充分体现儿童视角')
    .replace(
      '牵头单位：区应急管理局、区消防救援大队\n\n责任单位：公安分局',
      '牵头单位：区应急管理局\n\n责任单位：区卫生健康委、公安分局',
    );
}

describe('diffPlans', () => {
  const revised = parsePlanText(revise(seedText), defaultUnitDirectory());
  const diff = diffPlans(before, revised.plan);

  it('is a valid PlanDiff', () => {
    expect(planDiffSchema.parse(diff)).toEqual(diff);
  });

  it('finds the added and the removed task', () => {
    expect(diff.tasksAdded).toEqual([{ no: 56, title: '建设儿童友好医院' }]);
    expect(diff.tasksRemoved).toEqual([{ no: 55, title: '创建儿童友好企事业单位' }]);
  });

  it('finds the retitled task and the changed units, and nothing else', () => {
    expect(diff.tasksChanged).toEqual([
      {
        no: 3,
        fields: ['title'],
        titleBefore: '城市规划建设体现儿童视角',
        titleAfter: '城市规划建设充分体现儿童视角',
        leadAdded: [],
        leadRemoved: [],
        responsibleAdded: [],
        responsibleRemoved: [],
      },
      {
        no: 25,
        fields: ['leadUnits', 'responsibleUnits'],
        titleBefore: '提升灾害事故防范应对能力',
        titleAfter: '提升灾害事故防范应对能力',
        leadAdded: [],
        leadRemoved: ['区消防救援大队'],
        responsibleAdded: ['区卫生健康委'],
        responsibleRemoved: [],
      },
    ]);
  });

  it('lists units new to the plan; a unit still used elsewhere is not removed', () => {
    expect(diff.unitsAdded).toEqual(['区卫生健康委']);
    expect(diff.unitsRemoved).toEqual([]);
    expect(revised.directory.find((u) => u.name === '区卫生健康委')?.needsReview).toBe(true);
  });

  it('reports the numbering gap in the revised plan with its line', () => {
    const gap = revised.plan.warnings.find((w) => w.code === 'task_number_gap');
    expect(gap?.message).toContain('56');
    expect(gap?.line).toBeGreaterThan(500);
  });

  it('finds no difference between a plan and itself', () => {
    const same = diffPlans(before, parsePlanText(seedText, defaultUnitDirectory()).plan);
    expect(same).toEqual({
      metaChanged: false,
      tasksAdded: [],
      tasksRemoved: [],
      tasksChanged: [],
      projectsAdded: [],
      projectsRemoved: [],
      projectsChanged: [],
      unitsAdded: [],
      unitsRemoved: [],
    });
  });

  it('notices a changed target and a changed project', () => {
    const text = seedText
      .replace('儿童专业社会工作者达到 157 人', '儿童专业社会工作者达到 160 人')
      .replace('累计开工建设 9 所', '累计开工建设 10 所');
    const diff2 = diffPlans(before, parsePlanText(text, defaultUnitDirectory()).plan);
    expect(diff2.tasksChanged.map((c) => [c.no, c.fields])).toEqual([[6, ['body', 'targets']]]);
    expect(diff2.projectsChanged).toEqual([{ kind: 'keyProject', no: 1, title: '新建、改扩建中小学' }]);
  });
});
