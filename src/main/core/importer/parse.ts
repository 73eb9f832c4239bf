import type { ImportWarning, ParsedProject, ParsedTask } from '../../../shared/domain/plan';
import type { UnitSpec } from '../../../shared/domain/units';
import { LuoshiError } from '../../../shared/errors';
import { attachBaselines, extractBaselines } from './baselines';
import { checkText } from './decode';
import { UnitResolver } from './directory';
import { readTasks } from './layouts/tasks';
import type { RawTask } from './layouts/tasks';
import { parseMeta } from './meta';
import { goalYearOf } from './numbers';
import { extractProjects } from './projects';
import { findSection, outline } from './sections';
import type { Section } from './sections';
import { extractTargets } from './targets';
import { splitParagraphs } from './text/paragraphs';
import { classify } from './text/structure';
import { splitUnitList } from './units';
import type { ParseResult } from './types';

/** Lead units first; a unit listed as both lead and responsible takes part once, as lead. */
function resolveRoles(
  lead: Array<{ name: string; line: number }>,
  responsible: Array<{ name: string; line: number }>,
  resolver: UnitResolver,
): { leadUnits: string[]; responsibleUnits: string[] } {
  const leadUnits = [...new Set(lead.map((u) => resolver.resolve(u.name, u.line)))];
  const responsibleUnits = [...new Set(responsible.map((u) => resolver.resolve(u.name, u.line)))].filter((u) => !leadUnits.includes(u));
  return { leadUnits, responsibleUnits };
}

function numberTasks(raw: RawTask[], warnings: ImportWarning[]): void {
  const seen = new Set<number>();
  const duplicated = raw.some((t) => (seen.has(t.no) ? true : (seen.add(t.no), false)));
  if (duplicated) {
    // Numbering restarts per category: number the tasks through, as the app tracks them.
    raw.forEach((t, i) => (t.no = i + 1));
    const first = raw[0];
    warnings.push({ line: first?.line ?? null, code: 'task_renumbered', message: '各类任务分别编号，导入时已按顺序统一编号为 1—' + String(raw.length) + '，请核对。' });
    return;
  }
  raw.forEach((t, i) => {
    const previous = raw[i - 1];
    if (previous && t.no !== previous.no + 1) {
      warnings.push({ line: t.line, code: 'task_number_gap', message: `第 ${t.line} 行的任务编号 ${t.no} 与上一项 ${previous.no} 不连续，请核对是否漏项。` });
    }
  });
}

/**
 * The part that holds the tasks: the one with the most 牵头单位/责任单位 labels; without labels,
 * the part titled …任务 (建设任务, 主要任务), else 重点工作/主要措施.
 */
function chooseTaskSection(sections: readonly Section[]): Section | undefined {
  const labels = (s: Section): number => s.paragraphs.filter((p) => classify(p.text).kind === 'label').length;
  const labelled = [...sections].sort((a, b) => labels(b) - labels(a))[0];
  if (labelled && labels(labelled) > 0) return labelled;
  return findSection(sections, /任务/) ?? findSection(sections, /重点工作|主要措施|工作措施|重点举措|主要工作/);
}

/**
 * The pipeline: paragraphs (page breaks joined) → outline (一、二、…) → metadata, tasks with
 * their units and targets, baselines, projects → units resolved through the directory.
 */
export function parseText(text: string, directory: readonly UnitSpec[], fileName: string): ParseResult {
  checkText(text, fileName);
  const warnings: ImportWarning[] = [];
  const { front, sections } = outline(splitParagraphs(text));
  const meta = parseMeta(front, fileName);
  const taskSection = chooseTaskSection(sections);
  if (!taskSection) {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”中没有找到任务部分（如“四、建设任务”“二、主要任务”），无法导入。请确认文件是按“一、二、三……”分部分的工作方案。`,
      'file',
    );
  }
  const { categories, tasks: raw } = readTasks(taskSection, warnings);
  if (raw.length === 0) {
    throw new LuoshiError('invalid_input', `文件“${fileName}”第 ${taskSection.line} 行的“${taskSection.title}”下没有可识别的任务，无法导入。`, 'file');
  }
  numberTasks(raw, warnings);

  const goalSection = findSection(sections, /目标/);
  const defaultYear = goalSection ? goalSection.paragraphs.map((p) => goalYearOf(p.text)).find((y) => y !== null) ?? null : null;
  const resolver = new UnitResolver(directory);

  const tasks: ParsedTask[] = raw.map((t) => {
    const { leadUnits, responsibleUnits } = resolveRoles(t.lead, t.responsible, resolver);
    if (leadUnits.length === 0 && responsibleUnits.length === 0) {
      warnings.push({ line: t.line, code: 'no_units', message: `第 ${t.line} 行的任务“${t.title}”没有写明牵头或责任单位，请手工指定。` });
    } else if (leadUnits.length === 0) {
      warnings.push({ line: t.line, code: 'no_lead_unit', message: `第 ${t.line} 行的任务“${t.title}”没有写明牵头单位，请手工指定。` });
    }
    const found = extractTargets(t.body, { defaultYear, lineAt: t.lineAt });
    warnings.push(...found.warnings);
    return { no: t.no, category: t.category, title: t.title, body: t.body, leadUnits, responsibleUnits, targets: found.targets, line: t.line };
  });

  const baselineSection = findSection(sections, /基础|现状/);
  const baselines = baselineSection ? extractBaselines(baselineSection.paragraphs) : [];
  attachBaselines(tasks, baselines);

  const projects: ParsedProject[] = extractProjects(sections, taskSection).map((p) => {
    const lead = p.leadUnits.flatMap((v) => splitUnitList(v)).map((name) => ({ name, line: p.line }));
    const responsible = p.responsibleUnits.flatMap((v) => splitUnitList(v)).map((name) => ({ name, line: p.line }));
    return { ...p, ...resolveRoles(lead, responsible, resolver) };
  });

  warnings.push(...resolver.warnings);
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    plan: { meta, categories, tasks, baselines, projects, warnings },
    directory: resolver.directory(),
  };
}
