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
  for (const ch of value) {
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
    .map((p) => canonicalUnitSpelling(p.replace(/[。.]$/, '')))
    .filter((p) => p !== '')
    .flatMap(expandSubUnits);
}

function expandSubUnits(name: string): string[] {
  const m = /^(.+?)（(.+)）$/.exec(name);
  if (!m) return [name];
  const inner = (m[2] ?? '').split(/[、，,]/).map((s) => s.trim()).filter((s) => s !== '');
  if (inner.length <= 1) return [name];
  return inner.map((sub) => `${m[1]}（${sub}）`);
}

/** 各办事处, 各成员单位, 有关部门: names that stand for a group of units. */
export function looksLikeGroup(name: string): boolean {
  return /^各/.test(name) || /^(有关|相关)(部门|单位)$/.test(name);
}
