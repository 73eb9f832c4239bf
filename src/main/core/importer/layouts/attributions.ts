import type { ImportWarning } from '../../../../shared/domain/plan';
import { labelRe } from '../text/structure';
import { splitUnitList } from '../units';

/**
 * Units named inside a task's text instead of under 牵头单位/责任单位 labels:
 *   （税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）  — guofa: the first leads
 *   （生态环境部牵头，国家发展改革委、工业和信息化部参与）             — guobanfa: verbs name roles
 * 牵头 makes every listed unit a lead; in the first attribution of a task 负责/指导 make the
 * first unit lead and the rest responsible (later ones are sub-measures: responsible); 参与/配合/协助 make them responsible. Notes that change other tasks ("以下均需…
 * 不再列出") are reported, not applied.
 */
export interface Attribution {
  lead: string[];
  responsible: string[];
  /** Offset of the parenthesis in the text. */
  offset: number;
}

const inlineLabel = /(?:牵头|主责|责任|配合|参与|协办)(?:单位|部门)\s*[：:]/;

/** （牵头单位：A；责任单位：B、C） written inside the task's paragraph. */
function labelledUnits(content: string): { lead: string[]; responsible: string[] } | null {
  if (!inlineLabel.test(content)) return null;
  const units = { lead: [] as string[], responsible: [] as string[] };
  for (const part of content.split(/[；;，,\s]\s*(?=(?:牵头|主责|责任|配合|参与|协办)(?:单位|部门)\s*[：:])/)) {
    const label = labelRe.exec(part.trim());
    if (!label) continue;
    const lead = /^(?:牵头|主责)/.test(label[1] ?? '');
    (lead ? units.lead : units.responsible).push(...splitUnitList(label[2] ?? ''));
  }
  return units;
}

const roleClause = /^(.+?)(牵头|参与|配合|协助|协同|指导|负责落实|负责)$/;

function listOf(text: string): string {
  return text.replace(/等(有关|相关)(部门|单位)$/, '、有关$2').replace(/等$/, '');
}

export function findAttributions(
  text: string,
  lineAt: (offset: number) => number,
  warnings: ImportWarning[],
): Attribution[] {
  const found: Attribution[] = [];
  for (const m of text.matchAll(/（([^（）]*)）|\(([^()]*)\)/g)) {
    const content = m[1] ?? m[2] ?? '';
    const labelled = labelledUnits(content);
    if (labelled) {
      found.push({ ...labelled, offset: m.index });
      continue;
    }
    const parts = content.split(/[，,。；;]/).map((s) => s.trim()).filter((s) => s !== '');
    const groups = parts.map((p) => roleClause.exec(p)).filter((g): g is RegExpExecArray => g !== null);
    if (groups.length === 0) continue;
    const attribution: Attribution = { lead: [], responsible: [], offset: m.index };
    groups.forEach((g, i) => {
      const units = splitUnitList(listOf(g[1] ?? ''));
      const role = g[2] ?? '';
      if (role === '牵头') attribution.lead.push(...units);
      else if (found.length === 0 && i === 0 && (role === '负责' || role === '指导' || role === '负责落实')) {
        attribution.lead.push(...units.slice(0, 1));
        attribution.responsible.push(...units.slice(1));
      } else attribution.responsible.push(...units);
    });
    const notes = parts.filter((p) => /不再列出|以下均/.test(p));
    if (notes.length > 0) {
      const line = lineAt(m.index);
      warnings.push({
        line,
        code: 'attribution_note',
        message: `第 ${line} 行的说明“${notes.join('，')}”涉及其他任务的责任单位，未自动套用，请逐项核对。`,
      });
    }
    found.push(attribution);
  }
  return found;
}
