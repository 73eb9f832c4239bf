import type { ImportWarning, ParsedCategory } from '../../../../shared/domain/plan';
import type { Paragraph } from '../text/paragraphs';
import { lineAt } from '../text/paragraphs';
import type { Section } from '../sections';
import { classify, firstSentence, labelRe } from '../text/structure';
import { splitUnitList } from '../units';
import { findAttributions } from './attributions';

/**
 * Tasks as read from the tasks section, with unit names as written (not yet resolved).
 * Three layouts share this reader:
 *  - numbered titles followed by body paragraphs and 牵头单位/责任单位 labels (the seed);
 *  - numbered paragraphs "1.title。body（A、B负责）" (guofa);
 *  - unnumbered paragraphs under （一）… headings, units in parentheses with verbs (guobanfa).
 */
export interface RawTask {
  no: number;
  category: number;
  title: string;
  body: string;
  line: number;
  lead: Array<{ name: string; line: number }>;
  responsible: Array<{ name: string; line: number }>;
  hasLabels: boolean;
  /** Source line of a body offset. */
  lineAt: (offset: number) => number;
  /** The title as written, with any unit attribution it carried. */
  rawTitle: string;
}

interface Piece {
  text: string;
  paragraph: Paragraph;
  /** Offset of `text` within the paragraph. */
  shift: number;
}

class TaskBuilder {
  pieces: Piece[] = [];
  lead: Array<{ name: string; line: number }> = [];
  responsible: Array<{ name: string; line: number }> = [];
  hasLabels = false;
  constructor(
    readonly no: number,
    readonly category: number,
    readonly rawTitle: string,
    readonly line: number,
  ) {}

  build(): RawTask {
    const starts: Array<{ offset: number; line: number }> = [];
    let body = '';
    for (const piece of this.pieces) {
      if (body !== '') body += '\n';
      const base = body.length;
      starts.push({ offset: base, line: lineAt(piece.paragraph, piece.shift) });
      for (const s of piece.paragraph.starts) {
        if (s.offset > piece.shift) starts.push({ offset: base + s.offset - piece.shift, line: s.line });
      }
      body += piece.text;
    }
    const fallback = this.line;
    return {
      no: this.no,
      category: this.category,
      title: stripAttributions(this.rawTitle),
      rawTitle: this.rawTitle,
      body,
      line: this.line,
      lead: this.lead,
      responsible: this.responsible,
      hasLabels: this.hasLabels,
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
}

function stripAttributions(text: string): string {
  return text.replace(/[（(][^（）()]*(?:牵头|参与|配合|协助|协同|指导|负责|单位[：:])[^（）()]*[）)]$/, '').trim();
}

export function readTasks(section: Section, warnings: ImportWarning[]): { categories: ParsedCategory[]; tasks: RawTask[] } {
  const categories: ParsedCategory[] = [];
  const builders: TaskBuilder[] = [];
  const numbered = section.paragraphs.some((p) => classify(p.text).kind === 'numbered');
  let current: TaskBuilder | null = null;

  const category = (): number => {
    if (categories.length === 0) categories.push({ no: 1, title: section.title });
    return categories.length;
  };

  const startInline = (paragraph: Paragraph, text: string, shift: number, no: number): void => {
    const { sentence, rest } = firstSentence(text);
    current = new TaskBuilder(no, category(), sentence, paragraph.line);
    const restShift = shift + text.length - rest.length;
    if (rest !== '') current.pieces.push({ text: rest, paragraph, shift: restShift });
    builders.push(current);
  };

  for (const paragraph of section.paragraphs) {
    const s = classify(paragraph.text);
    if (s.kind === 'subheading') {
      const { sentence, rest } = firstSentence(s.title);
      categories.push({ no: categories.length + 1, title: sentence.replace(/[。：:]$/, '') });
      current = null;
      if (rest !== '' && !numbered) startInline(paragraph, rest, paragraph.text.length - rest.length, builders.length + 1);
      continue;
    }
    if (s.kind === 'numbered') {
      const titleShift = paragraph.text.length - s.title.length;
      if (/[。；]/.test(s.title)) startInline(paragraph, s.title, titleShift, s.no);
      else {
        current = new TaskBuilder(s.no, category(), s.title, paragraph.line);
        builders.push(current);
      }
      continue;
    }
    if (s.kind === 'label') {
      const target: TaskBuilder | null = current;
      if (!target) {
        warnings.push({ line: paragraph.line, code: 'orphan_units', message: `第 ${paragraph.line} 行的“${s.label}”前没有任务标题，已忽略。` });
        continue;
      }
      // "牵头单位：A；责任单位：B" may share one paragraph.
      for (const part of paragraph.text.split(/[；;，,\s]\s*(?=(?:牵头|主责|责任|配合|参与|协办)(?:单位|部门)\s*[：:])/)) {
        const label = labelRe.exec(part.trim());
        if (!label) continue;
        const role = (label[1] ?? '').startsWith('牵头') || (label[1] ?? '').startsWith('主责') ? 'lead' : 'responsible';
        const names = splitUnitList(label[2] ?? '');
        if (names.length === 0) {
          warnings.push({ line: paragraph.line, code: 'empty_units', message: `第 ${paragraph.line} 行的“${label[1] ?? ''}”没有写单位。` });
        }
        const line = (n: string): number => lineAt(paragraph, Math.max(0, paragraph.text.indexOf(n.replace(/（.*$/, ''))));
        (role === 'lead' ? target.lead : target.responsible).push(...names.map((name) => ({ name, line: line(name) })));
        target.hasLabels = true;
      }
      continue;
    }
    if (numbered) {
      if (current) current.pieces.push({ text: paragraph.text, paragraph, shift: 0 });
      continue;
    }
    startInline(paragraph, paragraph.text, 0, builders.length + 1);
  }

  const tasks = builders.map((b) => b.build());
  for (const task of tasks) {
    if (task.hasLabels) continue;
    let found = findAttributions(task.body, task.lineAt, warnings);
    let lineOf = task.lineAt;
    if (found.length === 0 && task.rawTitle !== task.title) {
      // "促进文物回流（海关总署负责）" with no further sentence: the units sit in the title.
      found = findAttributions(task.rawTitle, () => task.line, warnings);
      lineOf = () => task.line;
    }
    for (const a of found) {
      const line = lineOf(a.offset);
      task.lead.push(...a.lead.map((name) => ({ name, line })));
      task.responsible.push(...a.responsible.map((name) => ({ name, line })));
    }
  }
  return { categories, tasks };
}
