import type { ParsedProject, ProjectKind } from '../../../shared/domain/plan';
import type { Section } from './sections';
import { classify, firstSentence } from './text/structure';

const kindWords: Array<[RegExp, ProjectKind]> = [
  [/重点工程/, 'keyProject'],
  [/重大项目/, 'majorProject'],
  [/品牌活动/, 'brandActivity'],
];

/** A heading over a list of 重点工程 / 重大项目 / 品牌活动 (not a sentence). */
export function projectKindOf(title: string): ProjectKind | null {
  if (/[。；]/.test(title)) return null;
  for (const [re, kind] of kindWords) if (re.test(title)) return kind;
  return null;
}

/**
 * 重点工程, 重大项目 and 品牌活动 (五（三） in the seed): a heading "1. 建设一批…重点工程"
 * introduces items "(1) 新建、改扩建中小学。…". The first sentence of an item is its title; the
 * body is the whole item. Units are read only if the item names them (牵头单位：…). Parts that hold
 * tasks are not read for projects.
 */
export function extractProjects(sections: readonly Section[], taskLines: ReadonlySet<number>): ParsedProject[] {
  const projects: ParsedProject[] = [];
  for (const section of sections) {
    if (section.paragraphs.some((p) => taskLines.has(p.line))) continue;
    let kind: ProjectKind | null = null;
    for (const paragraph of section.paragraphs) {
      const s = classify(paragraph.text);
      if (s.kind === 'numbered' || s.kind === 'subheading') {
        kind = projectKindOf(s.title);
        continue;
      }
      if (!kind) continue;
      if (s.kind === 'item') {
        const { sentence } = firstSentence(s.title);
        projects.push({
          kind,
          no: projects.filter((p) => p.kind === kind).length + 1,
          title: sentence,
          body: s.title,
          leadUnits: [],
          responsibleUnits: [],
          line: paragraph.line,
        });
        continue;
      }
      const last = projects.at(-1);
      if (s.kind === 'label' && last) {
        // Units given under an item; resolved with the tasks' units by the caller.
        (s.role === 'lead' ? last.leadUnits : last.responsibleUnits).push(s.value);
      } else if (s.kind === 'text' && last && last.kind === kind) {
        last.body = `${last.body}\n${paragraph.text}`;
      }
    }
  }
  return projects;
}
