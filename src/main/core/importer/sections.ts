import type { Paragraph } from './text/paragraphs';
import { classify } from './text/structure';

/** A top-level part of the plan: 一、… 六、 and the paragraphs under it. */
export interface Section {
  no: number;
  title: string;
  line: number;
  paragraphs: Paragraph[];
}

export interface Outline {
  /** Everything before the first 一、 heading: header, document number, title, addressee. */
  front: Paragraph[];
  sections: Section[];
}

/**
 * Top-level headings run 一、二、三… in order (an excerpt may start anywhere); a paragraph that
 * merely starts with "三、" out of sequence is text, not a heading.
 */
export function outline(paragraphs: readonly Paragraph[]): Outline {
  const front: Paragraph[] = [];
  const sections: Section[] = [];
  for (const paragraph of paragraphs) {
    const s = classify(paragraph.text);
    const expected = (sections.at(-1)?.no ?? 0) + 1;
    if (s.kind === 'heading' && (s.no === expected || sections.length === 0)) {
      sections.push({ no: s.no, title: s.title.replace(/[。：:]$/, ''), line: paragraph.line, paragraphs: [] });
      continue;
    }
    const section = sections.at(-1);
    if (section) section.paragraphs.push(paragraph);
    else front.push(paragraph);
  }
  return { front, sections };
}

export function findSection(sections: readonly Section[], pattern: RegExp): Section | undefined {
  return sections.find((s) => pattern.test(s.title));
}
