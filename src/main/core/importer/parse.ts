import type { ImportWarning, ParsedCategory, ParsedProject, ParsedTask, PlanMeta } from '../../../shared/domain/plan';
import { unitsFromRoles } from '../../../shared/domain/planCorrections';
import type { UnitSpec } from '../../../shared/domain/units';
import { LuoshiError } from '../../../shared/errors';
import { attachBaselines, extractBaselines } from './baselines';
import { checkText } from './decode';
import { UnitResolver } from './directory';
import { readTasks, statesFirstLeads } from './layouts/tasks';
import type { RawTask, RawUnit } from './layouts/tasks';
import { buildOutline } from './layouts/tree';
import { isTaskTable, readTaskTable } from './layouts/table';
import type { Grid } from './layouts/table';
import { applyPlanPrefixes, reportSkipped } from './layouts/checks';
import type { Paragraph } from './text/paragraphs';
import { parseMeta } from './meta';
import { goalYearOf } from './numbers';
import { extractProjects } from './projects';
import { findSection, outline } from './sections';
import type { Section } from './sections';
import { extractTargets } from './targets';
import { splitParagraphs } from './text/paragraphs';
import { markerOf } from './text/structure';
import { canonicalUnitSpelling } from './text/normalize';
import { splitUnitList } from './units';
import type { ParseResult } from './types';

/**
 * Lead units first, each once; the responsible list keeps every other unit the plan names for the
 * task, even one that also leads (task 23 of the seed): the plan says so, and the workflow lets
 * such a unit take part once. Each unit's role as written goes to `unitRoles`.
 */
function resolveRoles(
  units: readonly RawUnit[],
  resolver: UnitResolver,
): Pick<ParsedTask, 'leadUnits' | 'responsibleUnits' | 'unitRoles'> {
  // "区教育局（牵头）" inside a list marks the lead.
  const marked = units.map((u) => {
    const m = /^(.+?)（(牵头|牵头单位|配合|配合单位)）$/.exec(u.name);
    if (!m) return u;
    return {
      ...u,
      name: m[1] ?? u.name,
      role: (m[2] ?? '').startsWith('牵头') ? ('lead' as const) : ('cooperating' as const),
    };
  });
  // A name that is only punctuation or spaces names no unit.
  const resolved = marked
    .filter((u) => canonicalUnitSpelling(u.name) !== '')
    .map((u) => ({ unit: resolver.resolve(u.name, u.line), role: u.role }));
  return unitsFromRoles(resolved);
}

function numberTasks(raw: RawTask[], warnings: ImportWarning[]): void {
  const seen = new Set<number>();
  const duplicated = raw.some((t) => (seen.has(t.no) ? true : (seen.add(t.no), false)));
  if (duplicated) {
    // Numbering restarts per category: number the tasks through, as the app tracks them.
    raw.forEach((t, i) => (t.no = i + 1));
    const first = raw[0];
    warnings.push({
      line: first?.line ?? null,
      code: 'task_renumbered',
      message: '各类任务分别编号，导入时已按顺序统一编号为 1—' + String(raw.length) + '，请核对。',
    });
    return;
  }
  raw.forEach((t, i) => {
    const previous = raw[i - 1];
    if (previous && t.no !== previous.no + 1) {
      warnings.push({
        line: t.line,
        code: 'task_number_gap',
        message: `第 ${t.line} 行的任务编号 ${t.no} 与上一项 ${previous.no} 不连续，请核对是否漏项。`,
      });
    }
  });
}

/**
 * The pipeline: paragraphs (page breaks joined, running headers dropped) → outline as the document
 * numbers it → metadata, tasks with their units and targets, baselines, projects → units
 * resolved through the directory.
 */
/** A table pasted as text: lines of tab-separated cells, read as a task table when its header says so. */
function tabGrid(text: string, fileName: string): { grid: Grid; front: string[] } | null {
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => (l.match(/\t/g)?.length ?? 0) >= 2);
  if (first < 0 || lines.filter((l) => (l.match(/\t/g)?.length ?? 0) >= 2).length < 3) return null;
  const rows: Grid['rows'] = [];
  const rowNumbers: number[] = [];
  lines.forEach((line, i) => {
    if (i < first || !line.includes('\t')) return;
    rows.push(line.split('\t').map((cell) => ({ text: cell.trim(), mergedFromAbove: false })));
    rowNumbers.push(i + 1);
  });
  const grid: Grid = { rows, rowNumbers, where: `文件“${fileName}”的表格` };
  if (!isTaskTable(grid)) return null;
  return {
    grid,
    front: lines
      .slice(0, first)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  };
}

export function parseText(text: string, directory: readonly UnitSpec[], fileName: string): ParseResult {
  checkText(text, fileName);
  const pasted = tabGrid(text, fileName);
  if (pasted) return parseTables([pasted.grid], pasted.front, directory, fileName);
  const warnings: ImportWarning[] = [];
  const paragraphs = splitParagraphs(text);
  const { front, sections } = outline(paragraphs);
  const body =
    sections.length > 0
      ? paragraphs.slice(front.length)
      : paragraphs.slice(
          Math.max(
            0,
            paragraphs.findIndex((p) => markerOf(p.text) !== null),
          ),
        );
  // Without any outline marker the whole text is read for tasks, and its opening lines for the title.
  const head = sections.length > 0 ? front : paragraphs.slice(0, paragraphs.length - body.length);
  const unmarked = sections.length === 0 && paragraphs.every((p) => markerOf(p.text) === null);
  const meta = parseMeta(unmarked ? paragraphs.slice(0, 15) : head, fileName);
  const tree = buildOutline(body);
  const { categories, tasks: raw } = readTasks(tree, warnings, { firstLeads: statesFirstLeads(paragraphs) });
  if (raw.length === 0) {
    const tasksPart = findSection(sections, /任务|重点工作|主要措施|工作措施|重点举措|主要工作/);
    if (tasksPart) {
      throw new LuoshiError(
        'invalid_input',
        `文件“${fileName}”第 ${tasksPart.line} 行的“${tasksPart.title}”下没有可识别的任务，无法导入。任务需写明牵头单位或责任单位（如“牵头单位：…”或“（A、B负责）”）。`,
        'file',
      );
    }
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”中没有找到任务部分：没有写明牵头单位或责任单位的条目（如“牵头单位：区教育局”“（A、B负责）”“（责任单位：…）”），也没有“建设任务”“主要任务”等部分，无法导入。请确认文件是分条列出任务和责任单位的工作方案。`,
      'file',
    );
  }
  reportSkipped(tree, raw, warnings);
  const goalSection = findSection(sections, /目标/);
  // The plan's horizon: its 目标 part, else the year its title names (济源示范区2023年…政策措施).
  const titleYear = /(20\d{2})年/.exec(meta.title);
  const defaultYear =
    (goalSection ? goalSection.paragraphs.map((p) => goalYearOf(p.text)).find((y) => y !== null) : null) ??
    (titleYear ? Number(titleYear[1]) : null);
  const projectSections = sections;
  return finishPlan({
    fileName,
    meta,
    categories,
    raw,
    warnings,
    directory,
    defaultYear,
    baselineParagraphs: findSection(sections, /基础|现状/)?.paragraphs ?? [],
    projectSections,
    taskLines: new Set(raw.map((t) => t.line)),
  });
}

interface PlanParts {
  fileName: string;
  meta: PlanMeta;
  categories: ParsedCategory[];
  raw: RawTask[];
  warnings: ImportWarning[];
  directory: readonly UnitSpec[];
  defaultYear: number | null;
  baselineParagraphs: readonly Paragraph[];
  projectSections: readonly Section[];
  taskLines: ReadonlySet<number>;
}

/** Tasks numbered, units resolved, targets, baselines and projects read: the plan. Shared by text and table layouts. */
export function finishPlan(parts: PlanParts): ParseResult {
  const { meta, categories, raw, warnings, defaultYear } = parts;
  numberTasks(raw, warnings);
  applyPlanPrefixes(raw);
  const resolver = new UnitResolver(parts.directory);
  const tasks: ParsedTask[] = raw.map((t) => {
    if (t.title.trim() === '') {
      // A numbered item with units but no words of its own ("（一）" alone, then 责任单位：…): no task to track.
      throw new LuoshiError(
        'invalid_input',
        `文件“${parts.fileName}”第 ${t.line} 行的任务没有任务名称（编号或单位后没有文字），无法导入。请在该行写明任务名称，或删去多余的编号。`,
        'file',
      );
    }
    const roles = resolveRoles(t.units, resolver);
    if (roles.leadUnits.length === 0 && roles.responsibleUnits.length === 0) {
      warnings.push({
        line: t.line,
        code: 'no_units',
        message: `第 ${t.line} 行的任务“${t.title}”没有写明牵头或责任单位，请手工指定。`,
      });
    } else if (roles.leadUnits.length === 0) {
      warnings.push({
        line: t.line,
        code: 'no_lead_unit',
        message: `第 ${t.line} 行的任务“${t.title}”没有写明牵头单位，请手工指定。`,
      });
    }
    const found = extractTargets(t.body, { defaultYear, lineAt: t.lineAt });
    warnings.push(...found.warnings);
    return {
      no: t.no,
      category: t.category,
      title: t.title,
      body: t.body,
      ...roles,
      targets: found.targets,
      line: t.line,
    };
  });

  const baselines = extractBaselines(parts.baselineParagraphs);
  attachBaselines(tasks, baselines);

  const projects: ParsedProject[] = extractProjects(parts.projectSections, parts.taskLines).map((p) => {
    const units: RawUnit[] = [
      ...p.leadUnits.flatMap((v) => splitUnitList(v)).map((name) => ({ name, line: p.line, role: 'lead' as const })),
      ...p.responsibleUnits
        .flatMap((v) => splitUnitList(v))
        .map((name) => ({ name, line: p.line, role: 'responsible' as const })),
    ];
    const { leadUnits, responsibleUnits } = resolveRoles(units, resolver);
    return { ...p, leadUnits, responsibleUnits };
  });

  warnings.push(...resolver.warnings);
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    plan: { meta, categories, tasks, baselines, projects, warnings },
    directory: resolver.directory(),
  };
}

/**
 * A plan whose tasks are table rows (a Word table, an Excel sheet): the tables' rows as tasks, the
 * text around them (a Word file's paragraphs) for the title, issuer and 文号.
 */
export function parseTables(
  grids: readonly Grid[],
  front: readonly string[],
  directory: readonly UnitSpec[],
  fileName: string,
): ParseResult {
  const warnings: ImportWarning[] = [];
  const categories: ParsedCategory[] = [];
  const raw: RawTask[] = [];
  const titleRows: string[] = [];
  for (const grid of grids) {
    const read = readTaskTable(grid, warnings);
    titleRows.push(...read.titleRows);
    for (const task of read.tasks) {
      const title = read.categories.find((c) => c.no === task.category)?.title ?? '主要任务';
      let category = categories.find((c) => c.title === title);
      if (!category) categories.push((category = { no: categories.length + 1, title }));
      raw.push({ ...task, category: category.no });
    }
  }
  if (raw.length === 0) {
    const where = grids[0]?.where ?? `文件“${fileName}”`;
    throw new LuoshiError(
      'invalid_input',
      `${where}的任务表在表头下没有任务行，无法导入。请确认任务写在表头下方的各行中。`,
      'file',
    );
  }
  // Without text around the table (an Excel list), the rows above its header give the title.
  const heading = front.length > 0 ? front : titleRows;
  const paragraphs: Paragraph[] = heading.map((text, i) => ({
    text,
    line: i + 1,
    starts: [{ offset: 0, line: i + 1 }],
  }));
  const meta = parseMeta(paragraphs, fileName);
  const defaultYear = heading.map(goalYearOf).find((y) => y !== null) ?? null;
  return finishPlan({
    fileName,
    meta,
    categories,
    raw,
    warnings,
    directory,
    defaultYear,
    baselineParagraphs: [],
    projectSections: [],
    taskLines: new Set(),
  });
}
