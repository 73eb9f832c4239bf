import type { ImportWarning, ParsedCategory, UnitRole } from '../../../../shared/domain/plan';
import { LuoshiError } from '../../../../shared/errors';
import type { Paragraph } from '../text/paragraphs';
import { squeezeSpaces, tidySpacing, foldWidth } from '../text/normalize';
import { firstSentence } from '../text/structure';
import { splitUnitList } from '../units';
import { roleOfLabel } from './attributions';
import type { RawTask, RawUnit } from './tasks';
import { joinPieces, stripAttributions } from './tasks';

/**
 * A task list as a table (a Word table, an Excel sheet): one row per task, columns recognised by
 * their headers in any order — 序号, 任务/重点任务/工作任务/具体措施, 牵头单位, 责任单位/配合单位,
 * 完成时限, 目标 — below any title rows. Cells merged down (a category, a lead unit shared by
 * several tasks) count for every row they cover; a row merged across is a category heading.
 */
export interface GridCell {
  text: string;
  /** The cell continues a merge from the row above. */
  mergedFromAbove: boolean;
}

export interface Grid {
  rows: GridCell[][];
  /** Row numbers as the user sees them (sheet rows; table rows counted from 1). */
  rowNumbers: number[];
  /** "文件“x.xlsx”工作表“Sheet1”" or "文件“x.docx”的表格": named in every message. */
  where: string;
}

type Column = 'no' | 'category' | 'task' | 'content' | 'unit' | 'deadline' | 'target' | 'remark';

interface Header {
  row: number;
  columns: Array<{ column: Column; role?: UnitRole; title: string } | null>;
}

const clean = (text: string): string => squeezeSpaces(foldWidth(text)).replace(/[\s：:*]/g, '');

function columnOf(title: string): { column: Column; role?: UnitRole } | null {
  const t = clean(title);
  if (t === '') return null;
  if (/^(?:序号|编号|序|No\.?|NO\.?)$/i.test(t)) return { column: 'no' };
  if (/领导/.test(t)) return null;
  if (/(?:牵头|主责)(?:单位|部门)?/.test(t)) return { column: 'unit', role: 'lead' };
  if (
    /^(?:责任|配合|参与|协办|协助|指导|承办)(?:单位|部门)/.test(t) ||
    /^(?:配合|参与|协办|协助|指导)$/.test(t) ||
    /^(?:责任主体|实施主体|责任单位)/.test(t)
  ) {
    return { column: 'unit', role: /^承办|主体/.test(t) ? 'responsible' : roleOfLabel(t) };
  }
  if (/时限|完成时间|时间节点|时间安排|进度安排|完成期限/.test(t)) return { column: 'deadline' };
  if (/^(?:类别|分类|领域|板块|方面|任务类别|工作类别|重点领域|项目类别|一级任务|类型)$/.test(t))
    return { column: 'category' };
  if (/^(?:目标|指标|预期目标|目标任务|工作目标|预期成果|量化指标|考核指标|目标要求)$/.test(t))
    return { column: 'target' };
  if (/^(?:备注|说明)$/.test(t)) return { column: 'remark' };
  if (/^(?:具体内容|任务内容|工作内容|主要内容|具体措施|工作措施|具体举措|措施内容|工作要求|具体要求|内容)$/.test(t))
    return { column: 'content' };
  if (/任务|措施|举措|事项|工作|项目/.test(t) && t.length <= 8) return { column: 'task' };
  return null;
}

/** The first row (of the first ten) that names a task column and a unit column. */
function findHeader(grid: Grid): Header | null {
  for (let r = 0; r < Math.min(grid.rows.length, 10); r += 1) {
    const row = grid.rows[r] ?? [];
    const columns = row.map((cell) => {
      const found = columnOf(cell.text);
      return found ? { ...found, title: clean(cell.text) } : null;
    });
    // A merged header cell repeats across its columns: keep the first.
    columns.forEach((c, i) => {
      if (c && i > 0 && clean(row[i - 1]?.text ?? '') === c.title) columns[i] = null;
    });
    const hasTask = columns.some((c) => c?.column === 'task' || c?.column === 'content');
    const hasUnit = columns.some((c) => c?.column === 'unit');
    const next = grid.rows[r + 1] ?? [];
    const sub = next.map((cell) => columnOf(cell.text));
    // A two-row header: 责任单位 merged over 牵头 | 配合 on the row below.
    if (
      hasTask &&
      sub.some((c) => c?.column === 'unit') &&
      sub.every(
        (c, i) =>
          c !== null || clean(next[i]?.text ?? '') === '' || clean(next[i]?.text ?? '') === clean(row[i]?.text ?? ''),
      )
    ) {
      sub.forEach((c, i) => {
        if (c?.column === 'unit') columns[i] = { ...c, title: clean(next[i]?.text ?? '') };
      });
      return finish({ row: r + 1, columns });
    }
    if (hasTask && hasUnit) return finish({ row: r, columns });
  }
  return null;
}

function finish(header: Header): Header {
  const { columns } = header;
  {
    // 任务 + 具体内容: the first is the title, the second the text; a lone 内容 column is the task.
    if (!columns.some((c) => c?.column === 'task')) {
      const i = columns.findIndex((c) => c?.column === 'content');
      const c = columns[i];
      if (c) columns[i] = { ...c, column: 'task' };
    }
  }
  return header;
}

/** Whether a grid looks like a task list (a header row with task and unit columns). */
export function isTaskTable(grid: Grid): boolean {
  return findHeader(grid) !== null;
}

function cellText(text: string): string {
  return text
    .split(/\r?\n/)
    .map(tidySpacing)
    .filter((l) => l !== '')
    .join('\n');
}

function paragraphOf(text: string, line: number): Paragraph {
  return { text, line, starts: [{ offset: 0, line }] };
}

export function readTaskTable(
  grid: Grid,
  warnings: ImportWarning[],
): { categories: ParsedCategory[]; tasks: RawTask[]; titleRows: string[] } {
  const header = findHeader(grid);
  if (!header) {
    throw new LuoshiError(
      'invalid_input',
      `${grid.where}中没有找到任务表的表头：前 10 行中应有一行同时含“任务”（或“重点任务”“工作任务”“具体措施”）列和“牵头单位”或“责任单位”列。请检查表头后再导入。`,
      'file',
    );
  }
  const at = (column: Column): number[] => header.columns.flatMap((c, i) => (c?.column === column ? [i] : []));
  const taskColumn = at('task')[0] ?? 0;
  const contentColumn = at('content')[0];
  const unitColumns = header.columns.flatMap((c, i) =>
    c?.column === 'unit' ? [{ i, role: c.role ?? 'responsible', title: c.title }] : [],
  );
  const categoryColumn = at('category')[0];
  const noColumn = at('no')[0];
  const categories: ParsedCategory[] = [];
  const tasks: RawTask[] = [];
  const category = (title: string): number => {
    const known = categories.find((c) => c.title === title);
    if (known) return known.no;
    categories.push({ no: categories.length + 1, title });
    return categories.length;
  };
  let currentCategory: number | null = null;
  let previousTask: string | null = null;

  for (let r = header.row + 1; r < grid.rows.length; r += 1) {
    const row = grid.rows[r] ?? [];
    const line = grid.rowNumbers[r] ?? r + 1;
    const text = (i: number | undefined): string => (i === undefined ? '' : cellText(row[i]?.text ?? ''));
    const filled = row.map((c) => cellText(c.text)).filter((t) => t !== '');
    if (filled.length === 0) continue;
    // A row merged across (every filled cell the same text): a category heading.
    if (
      new Set(filled).size === 1 &&
      filled.length >= Math.min(2, row.length) &&
      unitColumns.every((u) => text(u.i) === '' || text(u.i) === filled[0])
    ) {
      currentCategory = category(
        squeezeSpaces(filled[0] ?? '').replace(
          /^[一二三四五六七八九十]+[、.．]\s*|^[（(][一二三四五六七八九十]+[）)]\s*/,
          '',
        ),
      );
      previousTask = null;
      continue;
    }
    // "一、提升政务服务" (or 一 in the 序号 column) on a row without units: a category.
    const noUnits = unitColumns.every((u) => text(u.i) === '' || row[u.i]?.mergedFromAbove);
    const numeral =
      /^[一二三四五六七八九十]+$/.test(text(noColumn)) ||
      /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])/.test(text(taskColumn));
    if (noUnits && numeral && text(taskColumn) !== '') {
      currentCategory = category(
        squeezeSpaces(text(taskColumn)).replace(
          /^[一二三四五六七八九十]+[、.．]\s*|^[（(][一二三四五六七八九十]+[）)]\s*/,
          '',
        ),
      );
      previousTask = null;
      continue;
    }
    const taskCell = row[taskColumn];
    const taskText = text(taskColumn);
    if (taskText === '' || (taskCell?.mergedFromAbove && taskText === previousTask)) {
      const hasUnits = unitColumns.some((u) => text(u.i) !== '' && !row[u.i]?.mergedFromAbove);
      if (hasUnits) {
        warnings.push({
          line,
          code: 'row_without_task',
          message: `${grid.where}第 ${line} 行写了单位，但“${header.columns[taskColumn]?.title ?? '任务'}”列是空的，未作为任务导入，请核对。`,
        });
      }
      continue;
    }
    previousTask = taskText;
    if (categoryColumn !== undefined && text(categoryColumn) !== '')
      currentCategory = category(squeezeSpaces(text(categoryColumn)));
    const categoryNo = currentCategory ?? category('主要任务');
    const lines = taskText.split('\n');
    let title: string;
    let rest: string;
    if (contentColumn !== undefined) {
      title = squeezeSpaces(taskText.replace(/\n/g, ''));
      rest = text(contentColumn);
    } else if (lines.length > 1 && (lines[0] ?? '').length <= 60) {
      title = squeezeSpaces(lines[0] ?? '');
      rest = lines.slice(1).join('\n');
    } else {
      const split = firstSentence(taskText.replace(/\n/g, ''));
      title = split.sentence;
      rest = split.rest;
    }
    title = stripAttributions(title.replace(/^\d{1,3}\s*[.．、]\s*|^[（(]\d{1,3}[）)]\s*/, '').replace(/[。；]$/, ''));
    if (title === '') {
      // Only a number or an attribution in the task cell: no task name, as with an empty cell.
      warnings.push({
        line,
        code: 'row_without_task',
        message: `${grid.where}第 ${line} 行的“${header.columns[taskColumn]?.title ?? '任务'}”列只有编号或单位，没有任务名称，未作为任务导入，请核对。`,
      });
      continue;
    }
    const extras = header.columns.flatMap((c, i) => {
      if (!c || (c.column !== 'target' && c.column !== 'deadline')) return [];
      const value = text(i);
      return value === '' ? [] : [`${c.title}：${value}`];
    });
    const pieces = [rest, ...extras]
      .filter((p) => p !== '')
      .map((p) => ({ text: p, paragraph: paragraphOf(p, line), shift: 0 }));
    const { body, lineAt } = joinPieces(pieces, line);
    const units: RawUnit[] = unitColumns.flatMap((u) =>
      splitUnitList(text(u.i).replace(/\n/g, '、')).map((name) => ({ name, line, role: u.role })),
    );
    const printedNo = Number(/^\d{1,4}/.exec(text(noColumn))?.[0] ?? NaN);
    tasks.push({
      no: Number.isFinite(printedNo) && printedNo > 0 ? printedNo : tasks.length + 1,
      category: categoryNo,
      title,
      body,
      line,
      units,
      lineAt,
    });
  }
  const titleRows = grid.rows
    .slice(0, header.row)
    .map((row) => [...new Set(row.map((c) => squeezeSpaces(cellText(c.text))).filter((t) => t !== ''))].join(''))
    .filter((t) => t !== '');
  return { categories, tasks, titleRows };
}
