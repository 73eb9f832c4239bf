import type { ParsedBaseline, ParsedTask } from '../../../shared/domain/plan';
import type { Paragraph } from './text/paragraphs';
import { lineAt } from './text/paragraphs';
import { clauses, goalYearOf, isIndicatorUnit, scanNumbers, sentences } from './numbers';

/**
 * Baseline figures from 二、建设基础: "截至2022年底，郑州经开区托育机构12家，共设托位数750个".
 * Each number with an indicator unit is one figure; its metric is the words before it in the
 * clause, without place names and verbs.
 */
const leading =
  /^(?:截至\d{4}年(?:底|末)?|\d{4}年\d{0,2}月?起|郑州经开区|经开区|全区|我区|辖区|拥有|共设|共有|现有|其中|和|及)/;
const trailing = /(?:达到|达|为|分别为|共|约|分别|已)$/;

function cleanBaselineMetric(text: string): string {
  let metric = text.trim();
  for (;;) {
    const next = metric.replace(leading, '').replace(trailing, '').trim();
    if (next === metric) return metric;
    metric = next;
  }
}

export function extractBaselines(paragraphs: readonly Paragraph[]): ParsedBaseline[] {
  const baselines: ParsedBaseline[] = [];
  for (const paragraph of paragraphs) {
    let year: number | null = null;
    for (const sentence of sentences(paragraph.text)) {
      const since = /^(\d{4})年\d{0,2}月?起/.exec(sentence.text);
      year = goalYearOf(sentence.text) ?? (since ? Number(since[1]) : year);
      for (const clause of clauses(sentence.text)) {
        let from = 0;
        for (const token of scanNumbers(clause.text)) {
          if (!isIndicatorUnit(token.unit) || token.value2 !== undefined) continue;
          const metric = cleanBaselineMetric(clause.text.slice(from, token.start));
          from = token.end;
          if (metric.length < 2) continue;
          baselines.push({
            metric,
            value: token.value,
            unit: token.unit,
            year,
            text: clause.text.trim(),
            line: lineAt(paragraph, sentence.start + clause.start),
          });
        }
      }
    }
  }
  return baselines;
}

/** Same measure under another word: 成长迟缓率 and 生长迟缓率. */
const synonyms: Array<[RegExp, string]> = [[/成长迟缓/g, '生长迟缓']];

function core(metric: string): string {
  let text = metric;
  for (const [re, to] of synonyms) text = text.replace(re, to);
  return text.replace(/儿童|“|”/g, '');
}

/**
 * Attaches a baseline to each target that measures the same thing in the same unit. A rate may
 * be narrowed by a qualifier (义务教育巩固率 → 九年义务教育巩固率); a count must match exactly,
 * so 幼儿园 never becomes the baseline of 儿童友好幼儿园, nor 托位数 of 每千人口托位数.
 */
export function attachBaselines(tasks: ParsedTask[], baselines: readonly ParsedBaseline[]): void {
  for (const task of tasks) {
    for (const target of task.targets) {
      const t = core(target.metric);
      const match = baselines.find((b) => {
        if (b.unit !== target.unit) return false;
        const c = core(b.metric);
        if (c === t) return true;
        return /(率|比例)$/.test(c) && t.endsWith(c);
      });
      if (match) {
        target.baseline = { value: match.value, year: match.year };
      }
    }
  }
}
