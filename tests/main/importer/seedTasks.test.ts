import { describe, expect, it } from 'vitest';
import { defaultUnitDirectory, parsePlanText } from '../../../src/main/core/importer';
import { seedText } from './fixtures';

/*
 * The 55 tasks of 郑经管政〔2023〕32号, written out by reading the document (四、建设任务).
 * Unit lists are in the directory's canonical spelling: 区党群工作部（工会、团工委、妇联） is
 * three sub-units; 区市场监管局 is 区市场监督管理局; 郑州市公安交管局交警十二支队 is
 * 郑州市公安局交警十二支队; a unit listed both as lead and responsible (task 23) is kept in both
 * lists, as the plan writes it (the workflow lets it take part once; the stored plan keeps it as lead).
 */
const 经发 = '区经济发展局';
const 工会 = '区党群工作部（工会）';
const 团工委 = '区党群工作部（团工委）';
const 妇联 = '区党群工作部（妇联）';
const 宣传 = '区宣传部（文明办）';
const 政法委 = '区政法委';
const 组人 = '区组织人事和社会保障局';
const 教体 = '区教育文化体育局';
const 社事 = '区社会事业局';
const 财审 = '区财政局（审计局）';
const 建设 = '区建设局';
const 规划 = '自然资源和规划分局';
const 生态 = '生态环境分局';
const 市监 = '区市场监督管理局';
const 应急 = '区应急管理局';
const 城管 = '区综合行政执法局（城市管理局）';
const 政务 = '区政务服务局';
const 智慧 = '区新型智慧城市运行中心';
const 科技 = '区科技人才局';
const 工信 = '区工信局';
const 法院 = '区法院';
const 检察院 = '区检察院';
const 公安 = '公安分局';
const 交警 = '郑州市公安局交警十二支队';
const 消防 = '区消防救援大队';
const 投促 = '区投资促进局';
const 市场分中心 = '区市场分中心';
const 办事处 = '各办事处';
const 成员单位 = '各成员单位';

type Row = [no: number, category: number, title: string, lead: string[], responsible: string[]];

const expected: Row[] = [
  [1, 1, '按照郑州市申报国家儿童友好城市建设试点工作的统一部署安排工作', [经发, 妇联], [成员单位]],
  [2, 1, '将儿童友好贯穿重大规划制定全过程', [经发], [教体, 社事, 规划, 建设, 市监, 办事处]],
  [3, 1, '城市规划建设体现儿童视角', [规划], [教体, 社事, 财审, 建设, 办事处]],
  [4, 1, '推动儿童全方位参与融入城市社会生活', [妇联], [宣传, 教体, 社事, 政法委, 经发, 团工委, 办事处]],
  [5, 1, '用数字化手段创新儿童工作方式方法', [妇联, 政务, 智慧], [教体, 社事, 财审, 组人, 办事处]],
  [6, 1, '发动全社会力量共同致力儿童发展', [妇联], [社事, 财审, 工会, 团工委, 办事处]],
  [7, 1, '开展儿童友好城市建设立体化宣传', [宣传, 妇联], [成员单位]],
  [
    8,
    2,
    '大力发展普惠托育服务',
    [社事],
    [宣传, 组人, 政法委, 经发, 教体, 工会, 妇联, 财审, 规划, 建设, 应急, 市监, 办事处],
  ],
  [9, 2, '促进基础教育均衡发展', [教体], [组人, 经发, 财审, 规划, 建设, 办事处]],
  [10, 2, '推进落实“双减”政策', [教体], [科技, 工会, 团工委, 妇联, 办事处]],
  [11, 2, '加强出生缺陷综合防治', [社事], [财审, 妇联, 办事处]],
  [12, 2, '大力开展“苗儿棵棵壮”行动', [社事, 教体], [财审, 组人, 市监, 办事处]],
  [13, 2, '完善儿童疫苗监管和接种服务体系', [社事], [教体, 财审, 市监, 妇联, 办事处]],
  [14, 2, '提升儿童心理健康水平', [社事], [教体, 财审, 团工委, 妇联, 办事处]],
  [15, 2, '扩大儿童优质医疗资源供给', [社事], [财审, 规划, 办事处]],
  [
    16,
    2,
    '提升儿童科学素质',
    [教体, 科技],
    [宣传, 工信, 财审, 组人, 规划, 生态, 社事, 应急, 市监, 团工委, 妇联, 办事处],
  ],
  [17, 2, '依托黄河文化，丰富儿童文化服务供给', [教体], [财审, 团工委, 妇联, 社事, 办事处]],
  [18, 2, '加大儿童体育服务供给', [教体], [财审, 办事处]],
  [19, 3, '完善儿童福利保障和救助制度体系', [社事], [政务, 检察院, 教体, 政法委, 财审, 团工委, 妇联, 办事处]],
  [20, 3, '加强孤儿和事实无人抚养儿童保障', [社事], [教体, 财审, 组人, 建设, 办事处]],
  [21, 3, '推进残疾儿童康复服务', [社事], [教体, 财审, 组人, 市监, 办事处]],
  [
    22,
    3,
    '加强困境儿童分类保障和农村留守儿童关爱保护',
    [社事],
    [法院, 检察院, 经发, 教体, 公安, 政法委, 财审, 组人, 妇联, 办事处],
  ],
  // 区社会事业局 is listed as lead and again as responsible: it takes part once, as lead.
  [23, 4, '推进城市公共空间适儿化改造', [规划, 社事], [经发, 教体, 财审, 建设, 城管, 社事, 工会, 团工委, 妇联, 办事处]],
  // 郑州市公安交管局交警十二支队 in the text.
  [24, 4, '改善儿童安全出行体验', [规划, 城管], [交警, 宣传, 教体, 财审, 团工委, 妇联, 办事处]],
  [25, 4, '提升灾害事故防范应对能力', [应急, 消防], [公安, 教体, 社事, 办事处]],
  [26, 4, '加快推进儿童活动阵地建设', [妇联], [经发, 财审, 办事处]],
  [27, 4, '推进儿童友好街区建设', [妇联], [财审, 办事处]],
  [28, 4, '推进儿童友好社区建设', [妇联], [财审, 办事处]],
  [29, 4, '推进“儿童之家”建设', [妇联], [财审, 办事处]],
  [30, 4, '推进儿童友好图书馆建设', [教体], [财审, 办事处]],
  [31, 4, '推进儿童友好校外教育实践基地建设', [教体], [社事, 财审, 工会, 团工委, 妇联, 办事处]],
  [32, 4, '推进儿童友好自然生态教育基地建设', [妇联, 生态], [财审, 社事, 办事处]],
  [33, 4, '推进儿童友好公园建设', [社事], [经发, 财审, 规划, 教体, 办事处]],
  [34, 4, '推进儿童友好体育公园建设', [教体, 社事], [经发, 财审, 规划, 办事处]],
  [35, 4, '推进儿童友好体育场所建设', [教体], [经发, 财审, 规划, 办事处]],
  // The responsible list breaks across a page inside "区 / 教育文化体育局".
  [36, 4, '持续推进母婴室建设', [社事], [经发, 财审, 规划, 建设, 城管, 教体, 工会, 团工委, 妇联, 办事处]],
  [37, 5, '构建学校家庭社会协同育人体系', [妇联], [宣传, 检察院, 教体, 社事, 办事处]],
  [38, 5, '深入实施“家家幸福安康工程”', [妇联], [办事处]],
  [39, 5, '建设家教家风示范基地', [妇联], [宣传, 办事处]],
  [40, 5, '创作符合儿童特点的优秀文化产品', [宣传], [教体, 妇联, 办事处]],
  [41, 5, '深入开展健康向上的儿童主题实践活动', [宣传, 教体, 团工委, 妇联], [办事处]],
  [42, 5, '推进“阅成长”儿童读书活动', [宣传, 教体], [财审, 团工委, 妇联, 办事处]],
  [43, 5, '推进儿童安全环境创建', [政法委], [教体, 法院, 检察院, 公安, 办事处]],
  [44, 5, '持续净化网络环境，防止儿童沉迷网络', [宣传], [教体, 公安, 市监, 团工委, 妇联, 办事处]],
  [45, 5, '持续推进“护校安园”专项行动', [教体, 公安], [市监, 团工委, 办事处]],
  [46, 5, '强化儿童相关产品安全监管', [市监], [教体, 公安, 社事, 市场分中心, 办事处]],
  [47, 5, '防止儿童意外伤害', [教体, 公安, 应急], [城管, 交警, 社事, 投促, 市监, 团工委, 妇联, 消防, 办事处]],
  [48, 5, '加强儿童司法保护', [政法委], [法院, 检察院, 公安, 办事处]],
  [49, 5, '预防和依法严惩对儿童的违法犯罪行为', [公安], [法院, 检察院, 教体, 政法委, 办事处]],
  [50, 5, '防治儿童欺凌', [教体, 公安], [政法委, 法院, 检察院, 社事, 组人, 团工委, 妇联, 办事处]],
  [51, 5, '加强儿童伤害救助', [社事], [公安, 财审, 团工委, 妇联, 办事处]],
  [52, 5, '持续推进“花儿朵朵开”公益慈善项目', [妇联], [办事处]],
  [53, 5, '加强未成年人法治教育', [政法委], [宣传, 政务, 教体, 社事, 团工委, 妇联, 法院, 检察院, 公安, 消防, 办事处]],
  [54, 5, '有效预防未成年人犯罪', [政法委], [法院, 检察院, 公安, 教体, 社事, 组人, 工会, 团工委, 妇联, 办事处]],
  [55, 5, '创建儿童友好企事业单位', [工会], [成员单位]],
];

const { plan, directory } = parsePlanText(
  seedText,
  defaultUnitDirectory(),
  'zhengzhou-jingkai-child-friendly-city-plan.txt',
);

describe('seed plan: metadata and categories', () => {
  it('reads issuer, document number and title', () => {
    expect(plan.meta).toEqual({
      issuer: '郑州经济技术开发区管理委员会',
      docNumber: '郑经管政〔2023〕32号',
      title: '郑州经开区贯彻落实郑州市儿童友好城市建设工作方案',
    });
  });

  it('reads the five categories of 四、建设任务', () => {
    expect(plan.categories).toEqual([
      { no: 1, title: '深化儿童友好社会政策' },
      { no: 2, title: '提升儿童友好公共服务' },
      { no: 3, title: '加强儿童友好权利保障' },
      { no: 4, title: '拓展儿童友好成长空间' },
      { no: 5, title: '优化儿童友好发展环境' },
    ]);
  });

  it('imports without warnings and without new units', () => {
    expect(plan.warnings).toEqual([]);
    expect(directory.filter((u) => u.needsReview)).toEqual([]);
    expect(directory).toHaveLength(defaultUnitDirectory().length);
  });

  it('has exactly 55 tasks numbered 1–55', () => {
    expect(plan.tasks.map((t) => t.no)).toEqual(expected.map((r) => r[0]));
  });
});

describe('seed plan: each task', () => {
  it.each(expected)('task %i', (no, category, title, lead, responsible) => {
    const task = plan.tasks.find((t) => t.no === no);
    expect(task).toBeDefined();
    expect(task?.category).toBe(category);
    expect(task?.title).toBe(title);
    expect(task?.leadUnits).toEqual(lead);
    expect(task?.responsibleUnits).toEqual(responsible);
    // The body is the task's own text: no labels, no next task.
    expect(task?.body).not.toMatch(/牵头单位|责任单位/);
    expect(task?.body.length).toBeGreaterThan(20);
  });
});

describe('seed plan: bodies and lines', () => {
  const task = (no: number) => plan.tasks.find((t) => t.no === no);

  it('joins paragraphs broken by page breaks', () => {
    expect(task(7)?.body).toContain('及时传播儿童声音');
    expect(task(14)?.body).toContain('开展儿童生命教育、性教育等儿童心理健康知识科普');
    expect(task(26)?.body).toContain('建成本级儿童活动中心1个，鼓励有条件的办事处积极建设儿童活动中心。');
    expect(task(10)?.body).toContain('形成校内外协同育人的良好局面');
  });

  it('closes up numerals set apart by spaces', () => {
    expect(task(6)?.body).toContain('到2025年，儿童专业社会工作者达到157人。');
    expect(task(21)?.body).toContain('由19000元/人/年提高至25000元/人/年');
  });

  it('keeps separate body paragraphs apart', () => {
    expect(task(5)?.body.split('\n')).toEqual([
      '基于郑州市城市大脑基础建设成果，用信息化手段推动儿童友好理念深入人心。积极配合郑州市建设儿童友好智慧化平台。',
      '到2025年，依据郑州市儿童友好智慧化平台，构建区、办事处、村（社区）三级网络，实现儿童组织、儿童工作干部和广大儿童实时互动。',
    ]);
  });

  it('records the source line of each task title', () => {
    expect(task(1)?.line).toBe(67);
    expect(task(36)?.line).toBe(379);
    expect(task(55)?.line).toBe(543);
  });
});
