import type { ImportWarning, ParsedCategory, UnitRole } from '../../../../shared/domain/plan';
import type { Paragraph } from '../text/paragraphs';
import { lineAt } from '../text/paragraphs';
import { squeezeSpaces } from '../text/normalize';
import { firstSentence, labelRe } from '../text/structure';
import { splitUnitList } from '../units';
import { findAttributions, firstLeadsRule, isAttribution, roleOfLabel } from './attributions';
import type { AttributionOptions } from './attributions';
import { projectKindOf } from '../projects';
import type { OutlineNode } from './tree';
import { descendants, topOf } from './tree';

/**
 * Tasks as read from the document's outline, with unit names as written (not yet resolved).
 * Structure first, then attribution: the nodes of the outline that carry units (label lines
 * under them, or an attribution in their text) are the tasks; the levels above them are
 * categories, the levels below are the tasks' text. Every part of the plan is read.
 *  - numbered titles followed by body paragraphs and 牵头单位/责任单位 labels (the seed);
 *  - numbered paragraphs "1.title。body（A、B负责）" (guofa), "(一)title。body(责任单位:…)" (futian);
 *  - unnumbered paragraphs under （一）… headings, units in parentheses with verbs (guobanfa).
 * Nodes at the tasks' level without units, in a part that has tasks, are tasks too (reported).
 */
export interface RawUnit {
  name: string;
  line: number;
  role: UnitRole;
}

export interface RawTask {
  no: number;
  category: number;
  title: string;
  body: string;
  line: number;
  units: RawUnit[];
  /** Source line of a body offset. */
  lineAt: (offset: number) => number;
}

interface Piece {
  text: string;
  paragraph: Paragraph;
  /** Offset of `text` within the paragraph. */
  shift: number;
}

/** Joins pieces of paragraphs into one body, keeping the source line of each offset. */
export function joinPieces(
  pieces: readonly Piece[],
  fallback: number,
): { body: string; lineAt: (offset: number) => number } {
  const starts: Array<{ offset: number; line: number }> = [];
  let body = '';
  for (const piece of pieces) {
    if (body !== '') body += '\n';
    const base = body.length;
    starts.push({ offset: base, line: lineAt(piece.paragraph, piece.shift) });
    for (const s of piece.paragraph.starts) {
      if (s.offset > piece.shift) starts.push({ offset: base + s.offset - piece.shift, line: s.line });
    }
    body += piece.text;
  }
  return {
    body,
    lineAt: (offset) => {
      let line = fallback;
      for (const s of starts) {
        if (s.offset > offset) break;
        line = s.line;
      }
      return line;
    },
  };
}

/** A title without the attribution it carried: "促进文物回流（海关总署负责）" → "促进文物回流". */
export function stripAttributions(text: string): string {
  return text
    .replace(/[（(]([^（）()]*)[）)]/g, (span, content: string) => (isAttribution(content) ? '' : span))
    .trim();
}

const isLabel = (p: Paragraph): boolean => labelRe.test(p.text);

/** Units of label lines ("牵头单位：A；责任单位：B" may share one line). */
function labelUnits(paragraph: Paragraph, warnings: ImportWarning[]): RawUnit[] {
  const units: RawUnit[] = [];
  for (const part of paragraph.text.split(
    /[；;，,\s]\s*(?=(?:牵头|主责|责任|配合|参与|协办|协助|指导)(?:单位|部门)\s*[：:])/,
  )) {
    const label = labelRe.exec(part.trim());
    if (!label) continue;
    const role = roleOfLabel(label[1] ?? '');
    const names = splitUnitList(label[2] ?? '');
    if (names.length === 0) {
      warnings.push({
        line: paragraph.line,
        code: 'empty_units',
        message: `第 ${paragraph.line} 行的“${label[1] ?? ''}”没有写单位。`,
      });
    }
    const line = (n: string): number => lineAt(paragraph, Math.max(0, paragraph.text.indexOf(n.replace(/（.*$/, ''))));
    units.push(...names.map((name) => ({ name, line: line(name), role })));
  }
  return units;
}

/** The node's own paragraphs with text (its head after the marker, its unlabelled body). */
function ownTexts(n: OutlineNode): Piece[] {
  const pieces: Piece[] = [];
  if (n.head) pieces.push({ text: n.title, paragraph: n.head, shift: n.head.text.length - n.title.length });
  for (const p of n.body) if (!isLabel(p)) pieces.push({ text: p.text, paragraph: p, shift: 0 });
  return pieces;
}

function hasInline(text: string, options: AttributionOptions): boolean {
  return findAttributions(text, () => 0, [], options).length > 0;
}

interface ParagraphTask {
  pieces: Piece[];
  labels: Paragraph[];
}

/**
 * A heading whose body is several tasks without numbers of their own: paragraphs each naming
 * their units (guobanfa), or paragraphs each followed by 牵头单位/责任单位 lines (a Word file whose
 * automatic numbering did not come through). Every such paragraph is a task, the heading (its
 * first sentence) their category.
 */
function paragraphTasks(n: OutlineNode, options: AttributionOptions): ParagraphTask[] | null {
  const head: Piece[] = [];
  if (n.head) {
    const { rest } = firstSentence(n.title);
    if (rest !== '') head.push({ text: rest, paragraph: n.head, shift: n.head.text.length - rest.length });
  }
  if (n.body.some(isLabel)) {
    const groups: ParagraphTask[] = [];
    let current: ParagraphTask | null = null;
    for (const p of n.body) {
      if (isLabel(p)) {
        if (current) current.labels.push(p);
        continue;
      }
      if (!current || current.labels.length > 0) groups.push((current = { pieces: [], labels: [] }));
      current.pieces.push({ text: p.text, paragraph: p, shift: 0 });
    }
    if (groups.length < 2 || groups.some((g) => g.labels.length === 0) || head.length > 0) return null;
    return groups;
  }
  const pieces = [...head, ...n.body.map((p) => ({ text: p.text, paragraph: p, shift: 0 }))];
  const named = pieces.map((p) => hasInline(p.text, options));
  if (named.filter(Boolean).length < 2) return null;
  // Only paragraphs that name units are tasks; others (a heading whose numbering was lost, a closing
  // remark) are reported by the caller when they stand between tasks.
  return pieces.flatMap((piece, i) => (named[i] ? [{ pieces: [piece], labels: [] }] : []));
}

/** Paragraphs of a per-paragraph node that name no units, between its first and last task. */
function unnamedBetween(n: OutlineNode, tasks: readonly ParagraphTask[]): Paragraph[] {
  const lines = tasks.map((t) => t.pieces[0]?.paragraph.line ?? 0);
  const first = Math.min(...lines);
  const last = Math.max(...lines);
  const taken = new Set(tasks.map((t) => t.pieces[0]?.paragraph));
  return n.body.filter((p) => !taken.has(p) && !isLabel(p) && p.line > first && p.line < last);
}

function categoryTitle(n: OutlineNode): string {
  const { sentence } = firstSentence(n.title);
  return squeezeSpaces(stripAttributions(sentence).replace(/[。：:；;，,]$/, ''));
}

/** Whether the plan states once that the first unit in brackets leads (the rule may stand in the notice, before the outline). */
export function statesFirstLeads(paragraphs: readonly Paragraph[]): boolean {
  return paragraphs.some((p) => firstLeadsRule.test(p.text));
}

export function readTasks(
  root: OutlineNode,
  warnings: ImportWarning[],
  options: AttributionOptions = { firstLeads: false },
): { categories: ParsedCategory[]; tasks: RawTask[] } {
  const nodes = descendants(root);
  liftClosingAttributions(nodes, options);
  const perParagraph = new Map<OutlineNode, ParagraphTask[]>();
  const attributed = new Set<OutlineNode>();
  // Items under a 重点工程/重大项目/品牌活动 heading are projects (projects.ts), not tasks.
  const underProjects = (n: OutlineNode): boolean => {
    for (let p = n.parent; p; p = p.parent) if (p.head && projectKindOf(p.title) !== null) return true;
    return false;
  };
  for (const n of [root, ...nodes]) {
    if (n !== root && underProjects(n)) continue;
    const split = n === root || n.head ? paragraphTasks(n, options) : null;
    if (split) {
      perParagraph.set(n, split);
      continue;
    }
    if (n === root) continue;
    if (n.body.some(isLabel) || ownTexts(n).some((p) => hasInline(p.text, options))) attributed.add(n);
  }

  // Nodes at the tasks' level without units, in a part that has tasks, are tasks too.
  const isTask = new Set(attributed);
  const kinds = new Map<string, number>();
  for (const n of attributed) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  const dominant = [...kinds.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const partsWithTasks = new Set([...attributed, ...perParagraph.keys()].filter((n) => n !== root).map(topOf));
  const hasTaskBelow = (n: OutlineNode): boolean => descendants(n).some((d) => isTask.has(d) || perParagraph.has(d));
  const hasTaskAbove = (n: OutlineNode): boolean => {
    for (let p = n.parent; p; p = p.parent) if (isTask.has(p)) return true;
    return false;
  };
  for (const n of nodes) {
    if (
      n.kind !== dominant ||
      underProjects(n) ||
      isTask.has(n) ||
      perParagraph.has(n) ||
      !partsWithTasks.has(topOf(n))
    )
      continue;
    if (n.parent && n.parent.kind !== 'root' && !n.parent.children.some((c) => attributed.has(c))) continue;
    if (!hasTaskBelow(n) && !hasTaskAbove(n)) isTask.add(n);
  }
  // Numbering that runs on into a part without units (郑州 2023: 23.–25. under 六、实施保障) is still the tasks'.
  let last = 0;
  for (const n of nodes) {
    if (n.kind !== dominant || underProjects(n) || hasTaskAbove(n)) continue;
    if (isTask.has(n)) last = n.no;
    else if (last >= 2 && n.no === last + 1 && !partsWithTasks.has(topOf(n)) && !hasTaskBelow(n)) {
      isTask.add(n);
      last = n.no;
    }
  }

  const categories: ParsedCategory[] = [];
  const categoryNo = new Map<OutlineNode | null, number>();
  const categoryOf = (n: OutlineNode | null): number => {
    const known = categoryNo.get(n);
    if (known !== undefined) return known;
    const no = categories.length + 1;
    categories.push({ no, title: n && n.kind !== 'root' ? categoryTitle(n) : '主要任务' });
    categoryNo.set(n, no);
    return no;
  };

  const tasks: RawTask[] = [];
  const addTask = (no: number, category: number, pieces: Piece[], line: number, labels: RawUnit[]): void => {
    // A marker alone on its line ("（一）", the title in the next paragraph) gives no piece of its own.
    const [first, ...others] = pieces.filter((p) => p.text.trim() !== '');
    if (!first) {
      // Nothing but labels under the marker: a task without a title. finishPlan refuses it, naming the line.
      tasks.push({ no, category, title: '', body: '', line, units: [...labels], lineAt: () => line });
      return;
    }
    const { sentence, rest } = /[。；！？]/.test(first.text)
      ? firstSentence(first.text)
      : { sentence: first.text, rest: '' };
    const bodyPieces =
      rest !== ''
        ? [{ text: rest, paragraph: first.paragraph, shift: first.shift + first.text.length - rest.length }, ...others]
        : others;
    const { body, lineAt: at } = joinPieces(bodyPieces, line);
    const rawTitle = squeezeSpaces(sentence);
    const units = [...labels];
    if (units.length === 0) {
      // Attributions in the title sentence come first, then those of the text, in order.
      const text = `${rawTitle}\n${body}`;
      const titleLine = lineAt(first.paragraph, first.shift);
      const lineOf = (offset: number): number =>
        offset <= rawTitle.length ? titleLine : at(offset - rawTitle.length - 1);
      for (const a of findAttributions(text, lineOf, warnings, options))
        units.push(...a.units.map((u) => ({ ...u, line: lineOf(a.offset) })));
    }
    tasks.push({ no, category, title: stripAttributions(rawTitle), body, line, units, lineAt: at });
  };

  const walk = (n: OutlineNode): void => {
    const split = perParagraph.get(n);
    if (split) {
      const category = categoryOf(n === root ? null : n);
      if (split.every((g) => g.labels.length === 0)) {
        for (const p of unnamedBetween(n, split)) {
          warnings.push({
            line: p.line,
            code: 'item_skipped',
            message: `第 ${p.line} 行的段落“${squeezeSpaces(p.text).slice(0, 30)}”没有写明单位，未作为任务导入；如是任务，请在预览中补充单位。`,
          });
        }
      }
      for (const group of split) {
        const first = group.pieces[0];
        if (!first) continue;
        const labels = group.labels.flatMap((p) => labelUnits(p, warnings));
        addTask(tasks.length + 1, category, group.pieces, lineAt(first.paragraph, first.shift), labels);
      }
    }
    for (const c of n.children) {
      if (isTask.has(c)) {
        const category = categoryOf(n === root ? null : n);
        const labels = c.body.filter(isLabel).flatMap((p) => labelUnits(p, warnings));
        addTask(c.no, category, taskPieces(c, isTask), c.head?.line ?? 0, labels);
        // Sub-items that name units of their own are tasks in their own right.
        descendants(c)
          .filter((d) => isTask.has(d))
          .forEach((d) => {
            const labelsD = d.body.filter(isLabel).flatMap((p) => labelUnits(p, warnings));
            addTask(d.no, category, taskPieces(d, isTask), d.head?.line ?? 0, labelsD);
          });
        continue;
      }
      walk(c);
    }
  };
  walk(root);
  return { categories, tasks };
}

/**
 * "（一）实施领军人才行动。" / "1.…" / "2.…" / "（牵头单位：A，配合单位：B）": an attribution standing
 * alone after the last sub-item, whose siblings name no units, is the heading's: the heading is the
 * task and its items are its text.
 */
function liftClosingAttributions(nodes: readonly OutlineNode[], options: AttributionOptions): void {
  for (const n of nodes) {
    const parent = n.parent;
    if (!parent || parent.kind === 'root' || parent.children.at(-1) !== n) continue;
    const last = n.body.at(-1);
    if (!last || !/^[（(][^（）()]*[）)]。?$/.test(last.text) || !hasInline(last.text, options)) continue;
    const siblings = parent.children.filter((c) => c !== n);
    const named = (c: OutlineNode): boolean =>
      c.body.some(isLabel) || ownTexts(c).some((p) => hasInline(p.text, options));
    if (siblings.some(named) || n.body.slice(0, -1).some(isLabel) || (n.head && hasInline(n.title, options))) continue;
    n.body.pop();
    parent.body.push(last);
  }
}

/** A task's text: its own paragraphs and those of its sub-items (not of sub-items that are tasks). */
function taskPieces(n: OutlineNode, isTask: ReadonlySet<OutlineNode>): Piece[] {
  const pieces = ownTexts(n);
  const walk = (m: OutlineNode): void => {
    for (const c of m.children) {
      if (isTask.has(c)) continue;
      if (c.head) pieces.push({ text: c.head.text, paragraph: c.head, shift: 0 });
      for (const p of c.body) if (!isLabel(p)) pieces.push({ text: p.text, paragraph: p, shift: 0 });
      walk(c);
    }
  };
  walk(n);
  return pieces;
}
