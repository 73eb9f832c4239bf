import { describe, expect, it } from 'vitest';
import { extractTargets } from '../../../src/main/core/importer/targets';

/** Targets by clause: each clause's own number, conditions and payouts left out. */
const read = (text: string, defaultYear: number | null = null) =>
  extractTargets(text, { defaultYear, lineAt: () => 1 }).targets.map((g) => [
    g.metric,
    g.comparator,
    g.value,
    g.unit,
    g.year,
  ]);

describe('targets by clause', () => {
  it('约/约为/左右 are approximate', () => {
    expect(read('到2025年，绿色出行比例约为70%。')).toEqual([['绿色出行比例', 'approx', 70, '%', 2025]]);
    expect(read('到2027年，贷款增速达10%左右。')).toEqual([['贷款增速', 'approx', 10, '%', 2027]]);
  });

  it('multiplies 万 and 亿 out', () => {
    expect(read('到2025年，城镇新增就业达到6.5万人。')).toEqual([['城镇新增就业', 'gte', 65000, '人', 2025]]);
    expect(read('到2026年，社会消费品零售总额达到1.2亿元以上。')).toEqual([
      ['社会消费品零售总额', 'gte', 120000000, '元', 2026],
    ]);
  });

  it('a number that qualifies (…500万元以下的…) is a condition; the rate after it is the target', () => {
    expect(read('对单户担保金额500万元以下的小微企业收取的担保费率不超过1%。')).toEqual([
      ['小微企业收取的担保费率', 'lte', 1, '%', null],
    ]);
    expect(read('建筑面积90平方米以上至144平方米以下户型的，给予10000元/套补贴。')).toEqual([]);
  });

  it('money paid out is not a target, nor the thresholds for getting it', () => {
    expect(read('对符合条件的，按经营面积给予最高300万元资金支持。')).toEqual([]);
    expect(read('对组织游客游览3个以上景区的旅行社给予奖励。')).toEqual([]);
    expect(read('按20%的税率缴纳企业所得税。')).toEqual([]);
  });

  it('after a payout clause, the sentence may still set targets', () => {
    expect(read('对举办首发活动的给予最高200万元奖励，每年举办首发活动100场以上。', 2025)).toEqual([
      ['每年举办首发活动', 'gte', 100, '场', 2025],
    ]);
  });

  it('全年 in a one-year plan is a goal for that year; 、 lists go on', () => {
    expect(read('全年城镇新增就业1.6万人、城镇失业人员再就业2500人。', 2023)).toEqual([
      ['全年城镇新增就业', 'gte', 16000, '人', 2023],
      ['城镇失业人员再就业', 'gte', 2500, '人', 2023],
    ]);
  });

  it('standards without a year: 每天/每学年 with hours, marked standard', () => {
    const { targets } = extractTargets('保障学生每天校内体育活动时间不少于2小时。', {
      defaultYear: 2025,
      lineAt: () => 1,
    });
    expect(targets.map((g) => [g.metric, g.comparator, g.value, g.unit, g.year, g.standard])).toEqual([
      ['学生每天校内体育活动时间', 'gte', 2, '小时', 2025, true],
    ]);
  });
});
