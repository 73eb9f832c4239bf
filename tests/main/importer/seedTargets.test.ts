import { describe, expect, it } from 'vitest';
import type { Comparator } from '../../../src/shared/domain/plan';
import { defaultUnitDirectory, parsePlanText } from '../../../src/main/core/importer';
import { extractTargets } from '../../../src/main/core/importer/targets';
import { tidySpacing } from '../../../src/main/core/importer/text/normalize';
import { seedText } from './fixtures';

/*
 * Every quantitative target of the seed's 55 tasks, read from the document. A count that a
 * task "建成" is ≥; 以上 ≥, 以下/以内 ≤; 控制在 without qualifier ≤; 约为 approx; "由A提高至B" fromTo;
 * "以2020年为基数下降20%" decreaseBy. Year: the sentence's 到2025年, "十四五"期间 (2025), or the
 * plan's goal year (2025) when the task names none.
 * Numeric standards without a year of their own (task 12: 每天各1小时体育活动, 掌握1—2项运动技能,
 * 睡眠时间 10/9/8 小时; task 14: 每学年不少于12/14课时) are targets too, marked `standard`, due by
 * the plan's horizon. Before round 2 they were filtered out as "numbers that are not targets";
 * the plan sets them as requirements the units report on, so they are read now (issue 13).
 */
type Expect = [
  task: number,
  metric: string,
  comparator: Comparator,
  value: number,
  value2: number | null,
  unit: string,
];

const expected: Expect[] = [
  [6, '儿童专业社会工作者', 'gte', 157, null, '人'],
  [8, '每个社区托育服务机构托位规模', 'gte', 20, null, '个'],
  [8, '每千人口托位数', 'gte', 6, null, '个'],
  [9, '九年义务教育巩固率', 'gte', 100, null, '%'],
  [9, '儿童友好幼儿园', 'gte', 7, null, '所'],
  [9, '儿童友好学校', 'gte', 7, null, '所'],
  [11, '新生儿死亡率', 'lte', 2.5, null, '‰'],
  [11, '5岁以下儿童死亡率', 'lte', 4, null, '‰'],
  [12, '12岁儿童龋患率', 'lte', 25, null, '%'],
  [12, '0—6岁儿童眼保健和视力检查覆盖率', 'gte', 90, null, '%'],
  [12, '近视检出率', 'lte', 55, null, '%'],
  [12, '5岁以下儿童生长迟缓率', 'lte', 1, null, '%'],
  [12, '儿童每天校内校外体育活动时间', 'gte', 1, null, '小时'],
  [12, '掌握运动技能', 'range', 1, 2, '项'],
  [12, '小学生每天睡眠时间', 'gte', 10, null, '小时'],
  [12, '初中生每天睡眠时间', 'gte', 9, null, '小时'],
  [12, '高中生每天睡眠时间', 'gte', 8, null, '小时'],
  [13, '适龄儿童免疫规划疫苗接种率', 'gte', 95, null, '%'],
  [13, '拥有郑州市户籍的适龄女童HPV疫苗接种率', 'gte', 90, null, '%'],
  [14, '小学各年级每学年', 'gte', 12, null, '课时'],
  [14, '中学', 'gte', 14, null, '课时'],
  [14, '二级以上精神专科医院设立儿童青少年心理门诊比例', 'gte', 50, null, '%'],
  [14, '儿童专科医院、妇幼保健院、二级以上综合医院开设精神（心理）门诊比例', 'gte', 40, null, '%'],
  [15, '儿童友好医院', 'gte', 1, null, '所'],
  [16, '新建“小小科学家科技创新操作室”', 'gte', 2, null, '个'],
  [16, '累计开展科学教育、课外科普教育和科技创新活动', 'gte', 100, null, '场'],
  [16, '农村学校专兼职科学教师培训', 'gte', 38, null, '人次'],
  [17, '累计开展各类儿童文化活动', 'gte', 95, null, '场'],
  [18, '培训儿童体育健身服务人员', 'gte', 65, null, '人'],
  [21, '残疾儿童康复救助年龄范围', 'fromTo', 14, 17, '岁'],
  [21, '康复训练平均补助标准', 'fromTo', 19000, 25000, '元/人/年'],
  [21, '有需求的残疾儿童接受基本康复服务比例', 'gte', 85, null, '%'],
  [22, '办事处未成年人保护工作站', 'gte', 5, null, '所'],
  [24, '慢行交通占出行比例', 'approx', 55, null, '%'],
  [26, '本级儿童活动中心', 'gte', 1, null, '个'],
  [27, '儿童友好街区', 'gte', 5, null, '个'],
  [28, '儿童友好社区', 'gte', 5, null, '个'],
  [29, '村（社区）“儿童之家”覆盖率', 'gte', 100, null, '%'],
  [31, '儿童友好校外教育实践基地', 'gte', 2, null, '个'],
  [32, '儿童友好自然生态教育基地', 'gte', 1, null, '个'],
  [33, '新建或改建儿童友好公园', 'gte', 2, null, '个'],
  [33, '利用城市公园广场、社区公园、街角游园场地增加游玩设施', 'gte', 10, null, '处'],
  [34, '儿童友好体育公园', 'gte', 1, null, '个'],
  [35, '每万人足球场', 'range', 0.8, 1, '块'],
  [37, '城市社区建立家长学校或家庭教育指导服务站点比例', 'gte', 95, null, '%'],
  [37, '村建立家长学校或家庭教育指导服务站点比例', 'gte', 85, null, '%'],
  [38, '开展各类公益讲座', 'gte', 63, null, '场'],
  [39, '家教家风示范基地', 'gte', 4, null, '个'],
  [42, '校园阅读中心', 'gte', 2, null, '所'],
  [43, '儿童伤害死亡率', 'decreaseBy', 20, null, '%'],
  [45, '平安校园率', 'gte', 100, null, '%'],
  [53, '少年儿童法治教育实践基地覆盖率', 'gte', 100, null, '%'],
  [55, '创建儿童友好企事业单位', 'gte', 4, null, '家'],
];

const { plan } = parsePlanText(seedText, defaultUnitDirectory());
const all = plan.tasks.flatMap((t) => t.targets.map((g) => ({ task: t.no, ...g })));

describe('seed plan: targets', () => {
  it('finds every target and nothing else, task by task', () => {
    const actual: Expect[] = all.map((g) => [g.task, g.metric, g.comparator, g.value, g.value2 ?? null, g.unit]);
    expect(actual).toEqual(expected);
  });

  it.each(expected)('task %i: %s', (task, metric) => {
    const target = all.find((g) => g.task === task && g.metric === metric);
    const body = plan.tasks.find((t) => t.no === task)?.body ?? '';
    // The source text is the exact clause of the task body, and it holds the value.
    expect(target?.text).toBeTruthy();
    expect(body).toContain(target?.text);
    expect(target?.text).toContain(String(target?.value2 ?? target?.value));
    expect(target?.year).toBe(2025);
  });

  it('marks the year-less standards, and only them', () => {
    const standards = all.filter((g) => g.standard).map((g) => [g.task, g.unit]);
    expect(standards).toEqual([
      [12, '小时'],
      [12, '项'],
      [12, '小时'],
      [12, '小时'],
      [12, '小时'],
      [14, '课时'],
      [14, '课时'],
    ]);
  });

  it('reads 约为 as an approximate target', () => {
    const slow = all.find((g) => g.task === 24);
    expect(slow).toMatchObject({ comparator: 'approx', value: 55 });
    expect(slow?.text).toContain('约为55%');
  });

  it('reads the base year of a decrease', () => {
    const t = all.find((g) => g.comparator === 'decreaseBy');
    expect(t).toMatchObject({ task: 43, baseYear: 2020, text: '儿童伤害死亡率以2020年为基数下降20%' });
  });

  it('keeps the exact clause as source text', () => {
    expect(all.find((g) => g.metric === '新生儿死亡率')?.text).toBe('新生儿和5岁以下儿童死亡率分别控制在2.5‰和4‰以下');
    expect(all.find((g) => g.metric === '每万人足球场')?.text).toBe('完成每万人0.8—1块足球场建设任务');
    expect(all.find((g) => g.metric === '九年义务教育巩固率')?.text).toBe('九年义务教育巩固率大于等于100%');
  });

  it('tasks without numbers in a dated goal have no targets', () => {
    const withTargets = new Set(expected.map((e) => e[0]));
    for (const task of plan.tasks.filter((t) => !withTargets.has(t.no))) expect(task.targets).toEqual([]);
  });
});

describe('numbers that are not targets', () => {
  const notTargets = [
    '关注生命早期 1000 天健康保障，落实婚前、孕前、孕产期保健和儿童早期发展服务。',
    '为新生儿免费提供“两病”（苯丙酮尿症、先天性甲状腺功能低下症）、听力疾病、35 种遗传代谢病和耳聋基因筛查。',
    '组织家长观看1小时宣传片。',
    '按照《郑州市残疾预防行动计划（2022—2025 年）》《郑州市“十四五”残疾人康复服务实施方案》的要求，协同推进儿童残疾预防。',
    '按照《郑州市指导推进家庭教育的五年规划（2021—2025年）》的安排，建设专业的家庭教育指导服务队伍。',
    '建立郑州经开区党工委领导、管委会主导的儿童友好城市建设专门工作机制，按照郑政〔2022〕8号文要求，做好相关工作。',
    '引入“1米高度看城市”儿童视角，推进儿童友好理念融入国土空间规划。',
    '培育以儿童为主体的议事组织，成立区、办事处、社区（学校）三级儿童议事会。',
    '到 2025 年，城市规划建设全面体现儿童友好。',
    '到 2025 年，对筛查出的高危孕妇免费进行产前诊断。',
  ];

  it.each(notTargets)('%s', (sentence) => {
    const { targets } = extractTargets(tidySpacing(sentence), { defaultYear: 2025, lineAt: () => 1 });
    expect(targets).toEqual([]);
  });

  it('none of them became a target of the seed', () => {
    for (const phrase of ['1000天', '35种', '2022—2025', '8号文', '1米']) {
      expect(all.filter((g) => g.text.includes(phrase))).toEqual([]);
    }
  });
});

describe('seed plan: baselines (二、建设基础)', () => {
  it('reads the figures with their year and line', () => {
    expect(plan.baselines.map((b) => [b.metric, b.value, b.unit, b.year, b.line])).toEqual([
      ['托育机构', 12, '家', 2022, 43],
      ['托位数', 750, '个', 2022, 43],
      ['幼儿园', 52, '所', 2022, 45],
      ['中小学校', 48, '所', 2022, 45],
      ['学前教育普惠率', 91, '%', 2022, 45],
      ['学前三年毛入园率', 95, '%', 2022, 45],
      ['义务教育巩固率', 103.2, '%', 2022, 45],
      ['婴儿死亡率', 1.4, '‰', 2022, 45],
      ['5岁以下死亡率', 2.8, '‰', 2022, 45],
      ['成长迟缓率', 0.5, '%', 2022, 45],
      ['儿童近视检出率', 7.2, '%', 2022, 45],
      ['散居孤儿及事实无人抚养儿童基本生活保障平均标准', 1390, '元/人·月', 2021, 49],
    ]);
  });

  it('attaches baselines to the targets that measure the same thing', () => {
    const attached = all.filter((g) => g.baseline).map((g) => [g.task, g.metric, g.baseline?.value, g.baseline?.year]);
    expect(attached).toEqual([
      [9, '九年义务教育巩固率', 103.2, 2022],
      [11, '5岁以下儿童死亡率', 2.8, 2022],
      [12, '近视检出率', 7.2, 2022],
      [12, '5岁以下儿童生长迟缓率', 0.5, 2022],
    ]);
  });

  it('does not attach look-alikes: infant ≠ neonatal, all kindergartens ≠ child-friendly ones, slots ≠ slots per 1000', () => {
    for (const metric of ['新生儿死亡率', '儿童友好幼儿园', '每千人口托位数']) {
      expect(all.find((g) => g.metric === metric)?.baseline).toBeUndefined();
    }
  });
});
