import type { ImportWarning } from '../../../../shared/domain/plan';
import { squeezeSpaces } from '../text/normalize';
import type { RawTask, RawUnit } from './tasks';
import type { OutlineNode } from './tree';
import { descendants, topOf } from './tree';

/**
 * A prefix written once and omitted after, within one task's list: 示范区交通运输局、住房和城乡建设局
 * means 示范区住房和城乡建设局. Only multi-character area prefixes (示范区, 高新区, …) carry over,
 * onto names that look like a department and do not name a place of their own.
 */
const areaPrefix =
  /^((?:[\u4e00-\u9fa5]{0,4}(?:示范区|新区|开发区|高新区|经开区|自贸区|自治区|自治州|自治县))|[\u4e00-\u9fa5]{2,4}(?:管委会))(?=[\u4e00-\u9fa5]{2,})/;
const provinces =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
const ownPlace = new RegExp(`^(?:各|市|省|县|区|镇|乡|国家|国务院|中央|中国|人民银行|${provinces})`);
const department = /(?:局|委|委员会|办|办公室|厅|部|中心|工会|团委|妇联|科协|残联|队|所|院)(?:（[^（）]*）)?$/;

/**
 * Across the plan: a bare name whose prefixed form the plan writes elsewhere (财政金融局 alone in a
 * later task, 示范区财政金融局 before) is that unit.
 */
export function applyPlanPrefixes(tasks: readonly RawTask[]): void {
  const prefixed = new Map<string, string>();
  for (const t of tasks) {
    t.units = applyOmittedPrefix(t.units);
    for (const u of t.units) {
      const own = areaPrefix.exec(u.name);
      if (own) prefixed.set(u.name.slice((own[1] ?? '').length), u.name);
    }
  }
  for (const t of tasks)
    t.units = t.units.map((u) => ({
      ...u,
      name: areaPrefix.test(u.name) || ownPlace.test(u.name) ? u.name : (prefixed.get(u.name) ?? u.name),
    }));
}

function applyOmittedPrefix(units: readonly RawUnit[]): RawUnit[] {
  let prefix: string | null = null;
  return units.map((u) => {
    const own = areaPrefix.exec(u.name);
    if (own) {
      prefix = own[1] ?? null;
      return u;
    }
    if (prefix && !ownPlace.test(u.name) && department.test(u.name) && !u.name.startsWith(prefix))
      return { ...u, name: prefix + u.name };
    return u;
  });
}

/**
 * What the reader saw but did not take as tasks: items in a part that has tasks, neither a task,
 * nor inside one, nor a heading over tasks; and whole parts with items of which none is a task.
 * Each is named with its line, so a plan imported in part says so.
 */
export function reportSkipped(root: OutlineNode, tasks: readonly RawTask[], warnings: ImportWarning[]): void {
  const taskLines = new Set(tasks.map((t) => t.line));
  const nodes = descendants(root);
  const isTask = (n: OutlineNode): boolean => n.head !== null && taskLines.has(n.head.line);
  const inTask = (n: OutlineNode): boolean => {
    for (let p: OutlineNode | null = n; p; p = p.parent) if (isTask(p)) return true;
    return false;
  };
  const overTasks = (n: OutlineNode): boolean =>
    descendants(n).some(isTask) || [n.head, ...n.body].some((p) => p !== null && taskLines.has(p.line));
  const parts = new Set(nodes.filter((n) => isTask(n) || overTasks(n)).map(topOf));
  for (const n of nodes) {
    if (n.kind === 'root' || !n.head) continue;
    const top = topOf(n);
    if (top === n) {
      const title = n.head.text;
      const looksLikeTasks =
        /任务|措施|举措|行动|工作/.test(title) && !/保障|组织|要求|目标|原则|思想|基础|步骤|意义|背景/.test(title);
      if (!parts.has(n) && looksLikeTasks && n.children.length >= 2 && tasks.length > 0) {
        warnings.push({
          line: n.head.line,
          code: 'part_skipped',
          message: `第 ${n.head.line} 行的“${squeezeSpaces(n.head.text).slice(0, 30)}”部分有 ${n.children.length} 项，但都没有写明牵头或责任单位，未作为任务导入；如其中有任务，请在预览中补充。`,
        });
      }
      continue;
    }
    if (!parts.has(top) || inTask(n) || overTasks(n)) continue;
    warnings.push({
      line: n.head.line,
      code: 'item_skipped',
      message: `第 ${n.head.line} 行的“${squeezeSpaces(n.head.text).slice(0, 30)}”看起来像一项任务，但不在任务所在的层级，也没有写明单位，未作为任务导入，请核对。`,
    });
  }
}
