import { canonicalUnitSpelling } from './text/normalize';

/**
 * Splits a unit list as plans write it: "A、B（C、D），各办事处". Separators inside parentheses
 * belong to the sub-unit list, which is expanded: 区党群工作部（工会、妇联） is two units,
 * 区党群工作部（工会） and 区党群工作部（妇联）.
 */
export function splitUnitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value.replace(/等(有关|相关)(部门|单位)/g, '、有关$2')) {
    if (ch === '（' || ch === '(') depth += 1;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;]/.test(ch)) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts
    .flatMap(splitConjunction)
    .map((p) => p.replace(/^(?:和|及|以及)/, '').replace(/等$/, ''))
    .map((p) => canonicalUnitSpelling(p.replace(/[。.]$/, '')))
    .filter((p) => p !== '')
    .flatMap(expandSubUnits);
}

/**
 * "市政府金融办和各县区政府": 和/及 joins two units only where the left side already ends as a unit
 * name (…局, …办, …委) — never inside a name such as 住房和城乡建设局 or 工业和信息化部.
 */
function splitConjunction(part: string): string[] {
  const m =
    /^(.{2,}?(?:局|委|办|厅|署|部|院|会|社|部门|中心|政府|公司|集团|银行|队|所|站))(?:和|及|以及)(.{2,})$/.exec(
      part.trim(),
    ) ?? /^(.{3,}?)(?:和|及|以及)(各.{2,})$/.exec(part.trim());
  if (!m) return [part];
  return [m[1] ?? '', ...splitConjunction(m[2] ?? '')];
}

function expandSubUnits(name: string): string[] {
  const m = /^(.+?)（(.+)）$/.exec(name);
  if (!m) return [name];
  const inner = (m[2] ?? '')
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (inner.length <= 1) return [name];
  return inner.map((sub) => `${m[1]}（${sub}）`);
}

/** 各办事处, 各成员单位, 有关部门: names that stand for a group of units. */
export function looksLikeGroup(name: string): boolean {
  return /^各/.test(name) || /^(有关|相关)(部门|单位)$/.test(name);
}
