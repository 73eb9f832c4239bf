import type { UnitSpec } from '../../../shared/domain/units';

/**
 * The unit directory shipped for 郑州经开区 (the seed plan). Canonical names follow the plan's
 * most complete spelling; other spellings found in the plan, or in common use, are aliases.
 * A parenthesis holding another name of the same office (区财政局（审计局）) stays in the
 * canonical name and the inner name is an alias; a parenthesis naming a part of an office
 * (区党群工作部（妇联）) is a sub-unit with its parent.
 */
interface Entry {
  name: string;
  aliases?: string[];
  parent?: string;
}

const offices: Entry[] = [
  { name: '区经济发展局', aliases: ['区经发局'] },
  { name: '区党群工作部' },
  { name: '区党群工作部（工会）', parent: '区党群工作部', aliases: ['区总工会', '区工会'] },
  { name: '区党群工作部（团工委）', parent: '区党群工作部', aliases: ['区团工委'] },
  { name: '区党群工作部（妇联）', parent: '区党群工作部', aliases: ['区妇联'] },
  { name: '区宣传部（文明办）', aliases: ['区宣传部', '区文明办'] },
  { name: '区政法委' },
  { name: '区组织人事和社会保障局', aliases: ['区组织人事局'] },
  { name: '区教育文化体育局', aliases: ['区教文体局'] },
  { name: '区社会事业局' },
  { name: '区财政局（审计局）', aliases: ['区财政局', '区审计局'] },
  { name: '区建设局' },
  { name: '自然资源和规划分局', aliases: ['区自然资源和规划分局'] },
  { name: '生态环境分局', aliases: ['区生态环境分局'] },
  { name: '区市场监督管理局', aliases: ['区市场监管局'] },
  { name: '区市场分中心' },
  { name: '区应急管理局', aliases: ['区应急局'] },
  { name: '区综合行政执法局（城市管理局）', aliases: ['区综合行政执法局', '区城市管理局'] },
  { name: '区政务服务局' },
  { name: '区新型智慧城市运行中心' },
  { name: '区科技人才局' },
  { name: '区工信局' },
  { name: '区投资促进局' },
  { name: '区法院', aliases: ['区人民法院'] },
  { name: '区检察院', aliases: ['区人民检察院'] },
  { name: '公安分局', aliases: ['区公安分局'] },
  { name: '郑州市公安局交警十二支队', aliases: ['郑州市公安交管局交警十二支队'] },
  { name: '区消防救援大队' },
];

export function seedUnitDirectory(): UnitSpec[] {
  const units: UnitSpec[] = offices.map((o) => ({
    name: o.name,
    kind: 'unit',
    aliases: o.aliases ?? [],
    parent: o.parent ?? null,
    members: [],
    needsReview: false,
  }));
  const groups: UnitSpec[] = [
    // The seed plan names no sub-district office; an administrator lists them.
    { name: '各办事处', kind: 'group', aliases: ['各街道办事处'], parent: null, members: [], needsReview: false },
    // Members of the leading group: the offices the plan assigns tasks to (六、组织实施).
    {
      name: '各成员单位',
      kind: 'group',
      aliases: ['领导小组各成员单位', '各领导小组成员单位'],
      parent: null,
      members: offices.map((o) => o.name),
      needsReview: false,
    },
  ];
  return [...units, ...groups];
}
