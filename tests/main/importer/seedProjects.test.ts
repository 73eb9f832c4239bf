import { describe, expect, it } from 'vitest';
import { defaultUnitDirectory, parsePlanText } from '../../../src/main/core/importer';
import { seedText } from './fixtures';

const { plan } = parsePlanText(seedText, defaultUnitDirectory());
const titles = (kind: string) => plan.projects.filter((p) => p.kind === kind).map((p) => [p.no, p.title]);

describe('seed plan: 五（三） projects', () => {
  it('reads the 7 重点工程', () => {
    expect(titles('keyProject')).toEqual([
      [1, '新建、改扩建中小学'],
      [2, '建设1个儿童友好体育公园'],
      [3, '建设儿童友好图书馆等儿童阅读空间'],
      [4, '实现“儿童之家”100%全覆盖'],
      [5, '建设“小小科学家科技创新操作室”'],
      [6, '建设儿童友好公园'],
      [7, '全区公共空间和儿童密集场所卫生间适儿化改造'],
    ]);
  });

  it('reads the 4 重大项目', () => {
    expect(titles('majorProject')).toEqual([
      [
        1,
        '依据郑州市儿童友好智慧化平台，构建区、办事处、村（社区）三级网络，实现儿童组织、儿童工作干部和广大儿童实时互动',
      ],
      [2, '根据郑州市儿童友好城市VI系统，协助上级推广儿童友好城市歌曲、宣传片、宣传手册、宣传海报、公益广告等'],
      [3, '持续推进“家家幸福安康工程”'],
      [4, '着力开展“苗儿棵棵壮”行动'],
    ]);
  });

  it('reads the 7 品牌活动', () => {
    expect(titles('brandActivity')).toEqual([
      [1, '协助上级开展“我和市长面对面”主题实践活动'],
      [2, '精心开展庆“六一”系列活动'],
      [3, '深入开展“阅成长”儿童读书活动'],
      [4, '持续协助开展郑州市少年儿童“心中有祖国 心中有他人”主题教育活动'],
      [5, '大力开展未成年人心理健康指导服务工作'],
      [6, '协助开展“特别的爱”公益关爱活动'],
      [7, '协助开展“让爱‘伊’起行”儿童幸福成长计划'],
    ]);
  });

  it('keeps the whole item as body, joined across page breaks, with its line', () => {
    const park = plan.projects.find((p) => p.kind === 'keyProject' && p.no === 2);
    expect(park?.line).toBe(606);
    expect(park?.body).toContain('为儿童提供便捷舒适、安全有趣、生态绿色、文明友好的运动场所。');
    const counselling = plan.projects.find((p) => p.kind === 'brandActivity' && p.no === 5);
    expect(counselling?.body).toContain('凝聚社会力量，壮大专业心理咨询志愿者队伍');
  });

  it('gives no units where the plan names none', () => {
    for (const p of plan.projects) {
      expect(p.leadUnits).toEqual([]);
      expect(p.responsibleUnits).toEqual([]);
    }
  });

  it('reads units under a project when the text gives them', () => {
    const text = seedText.replace(
      '在男卫生间设置儿童小便器。',
      '在男卫生间设置儿童小便器。\n\n牵头单位：区建设局\n\n责任单位：区社会事业局、区市场监管局',
    );
    const revised = parsePlanText(text, defaultUnitDirectory()).plan;
    const toilets = revised.projects.find((p) => p.kind === 'keyProject' && p.no === 7);
    expect(toilets?.leadUnits).toEqual(['区建设局']);
    expect(toilets?.responsibleUnits).toEqual(['区社会事业局', '区市场监督管理局']);
  });
});
