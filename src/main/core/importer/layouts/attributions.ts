import type { ImportWarning, UnitRole } from '../../../../shared/domain/plan';
import { labelRe } from '../text/structure';
import { splitUnitList } from '../units';

/**
 * Units named inside a task's text instead of under 牵头单位/责任单位 label lines:
 *   （税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）  — guofa: the first leads
 *   （生态环境部牵头，国家发展改革委、工业和信息化部参与）             — guobanfa: verbs name roles
 *   （牵头单位：A，责任单位：B、C） · （责任单位：B）                    — inline labels
 *   （市税务局牵头，各县区政府配合） · （A、B按职责负责）
 * 牵头 makes every listed unit a lead; in the first attribution of a task 负责 makes the first unit
 * lead and the rest responsible (later ones are sub-measures: responsible); 配合/协助 make them
 * cooperating, 参与 participating, 指导 guiding — none of these is a lead unit. Notes that change
 * other tasks ("以下均需…不再列出") are reported, not applied.
 */
interface AttributedUnit {
  name: string;
  role: UnitRole;
}

export interface Attribution {
  units: AttributedUnit[];
  /** Offset of the parenthesis in the text. */
  offset: number;
}

const labelWords = '(?:牵头|主责|责任|配合|参与|协办|协助|指导)(?:单位|部门)';
const inlineLabel = new RegExp(`${labelWords}\\s*[：:]`);
const labelSplit = new RegExp(`[；;，,。\\s]\\s*(?=${labelWords}\\s*[：:])`);

/** The role a label (牵头单位, 配合单位, …) gives its units. */
export function roleOfLabel(label: string): UnitRole {
  if (/^(?:牵头|主责)/.test(label)) return 'lead';
  if (/^(?:配合|协办|协助)/.test(label)) return 'cooperating';
  if (/^参与/.test(label)) return 'participating';
  if (/^指导/.test(label)) return 'guiding';
  return 'responsible';
}

/** "牵头单位：A；责任单位：B" as one string: its units by role. */
function labelledUnits(content: string): AttributedUnit[] | null {
  if (!inlineLabel.test(content)) return null;
  const units: AttributedUnit[] = [];
  for (const part of content.split(labelSplit)) {
    const label = labelRe.exec(part.trim());
    if (!label) continue;
    const role = roleOfLabel(label[1] ?? '');
    // A note after the list ("。市州人民政府负责落实") is not a unit.
    const list = (label[2] ?? '').split(/[。]/)[0] ?? '';
    units.push(...splitUnitList(list).map((name) => ({ name, role })));
  }
  return units;
}

const roleClause = /^(.+?)(牵头|参与|配合|协助|协同|协办|指导|按职责分工负责|按职责负责|分工负责|负责落实|负责)$/;

function roleOfVerb(verb: string, first: boolean): 'leadFirst' | UnitRole {
  if (verb === '牵头') return 'lead';
  if (verb === '参与') return 'participating';
  if (verb === '指导') return 'guiding';
  if (verb === '配合' || verb === '协助' || verb === '协同' || verb === '协办') return 'cooperating';
  if (verb === '负责' && first) return 'leadFirst';
  return 'responsible';
}

function listOf(text: string): string {
  return text
    .replace(/^(?:由|请|要求)/, '')
    .replace(/等(有关|相关)(部门|单位)$/, '、有关$2')
    .replace(/等$/, '');
}

/** A parenthesis that names units: 牵头 etc. at the end of a clause, or a unit label. */
export function isAttribution(content: string): boolean {
  if (inlineLabel.test(content) || bareUnitList(content) !== null) return true;
  return content.split(/[，,。；;]/).some((p) => roleClause.test(p.trim()) && !/[的是在对把将]/.test(p));
}

export interface AttributionOptions {
  /**
   * The plan states once that the first unit in brackets leads (排在第一位的为牵头单位): a bare
   * list of units in brackets, anywhere, names the task's units, the first as lead.
   */
  firstLeads: boolean;
}

/** 排在第一位的为牵头单位 · 第一个单位为牵头单位 · 列在首位的部门牵头, stated once for the whole plan. */
export const firstLeadsRule =
  /(?:排在第一位|排在首位|排名第一|列在首位|列第一位|第一个|首位)的?(?:单位|部门)?(?:为|是|负责|作为)?牵头/;

const unitName =
  /^[\u4e00-\u9fa5A-Za-z（）()]{2,30}(?:局|委|办|厅|署|部|院|会|中心|政府|公司|集团|银行|队|所|站|社|处|室|组|团|联|协|馆)$/;

/** "（区发改局、区财政局）": every item a unit name and nothing else. */
function bareUnitList(content: string): string[] | null {
  const names = splitUnitList(content.replace(/等$/, ''));
  if (names.length === 0 || !names.every((n) => unitName.test(n) || /^各.{2,12}$/.test(n))) return null;
  return names;
}

/** "…。牵头单位：A；责任单位：B。" inside a paragraph, not in brackets. */
const bareLabel = new RegExp(`(?:^|[。；;\\n])\\s*(${labelWords}\\s*[：:][^\\n（）()]*)`, 'g');

export function findAttributions(
  text: string,
  lineAt: (offset: number) => number,
  warnings: ImportWarning[],
  options: AttributionOptions = { firstLeads: false },
): Attribution[] {
  const found: Attribution[] = [];
  // Bracketed spans are read below; blank them (keeping offsets) so their labels are not read twice.
  const outside = text.replace(/（[^（）]*）|\([^()]*\)/g, (span) => ' '.repeat(span.length));
  for (const m of outside.matchAll(bareLabel)) {
    const start = m.index + m[0].length - (m[1] ?? '').length;
    const units = labelledUnits(text.slice(start, m.index + m[0].length));
    if (units && units.length > 0) found.push({ units, offset: start });
  }
  for (const m of text.matchAll(/（([^（）]*(?:（[^（）]*）[^（）]*)*)）|\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
    const content = m[1] ?? m[2] ?? '';
    const labelled = labelledUnits(content);
    if (labelled) {
      found.push({ units: labelled, offset: m.index });
      noteWarnings(content, lineAt(m.index), warnings);
      continue;
    }
    const bare = bareUnitList(content);
    const atEnd = /^[。；;]?$/.test(text.slice(m.index + m[0].length).trim());
    if (bare && (options.firstLeads || atEnd)) {
      // Without the plan's rule, a bare list is taken as written: responsible units, none leading.
      found.push({
        units: bare.map((name, i) => ({ name, role: options.firstLeads && i === 0 ? 'lead' : 'responsible' })),
        offset: m.index,
      });
      continue;
    }
    const parts = content
      .split(/[，,。；;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const groups = parts
      .map((p) => roleClause.exec(p))
      .filter((g): g is RegExpExecArray => g !== null && !/[的是在对把将]/.test(g[1] ?? ''));
    if (groups.length === 0) continue;
    const attribution: Attribution = { units: [], offset: m.index };
    groups.forEach((g, i) => {
      const names = splitUnitList(listOf(g[1] ?? ''));
      const role = roleOfVerb(g[2] ?? '', found.length === 0 && i === 0);
      if (role === 'leadFirst') {
        attribution.units.push(
          ...names.map((name, k) => ({ name, role: k === 0 ? ('lead' as const) : ('responsible' as const) })),
        );
      } else attribution.units.push(...names.map((name) => ({ name, role })));
    });
    noteWarnings(content, lineAt(m.index), warnings);
    found.push(attribution);
  }
  return found;
}

function noteWarnings(content: string, line: number, warnings: ImportWarning[]): void {
  const notes = content.split(/[，,。；;]/).filter((p) => /不再列出|以下均/.test(p));
  if (notes.length === 0) return;
  warnings.push({
    line,
    code: 'attribution_note',
    message: `第 ${line} 行的说明“${notes.join('，')}”涉及其他任务的责任单位，未自动套用，请逐项核对。`,
  });
}
