import type { Comparator, ImportWarning, ParsedTarget } from '../../../shared/domain/plan';
import type { NumberToken } from './numbers';
import { clauses, goalYearOf, isCountUnit, isIndicatorUnit, scanNumbers, sentences } from './numbers';

/**
 * Quantitative, dated targets in a task's text. By Chinese legal convention 以上/以下/以内
 * include the number (≥/≤); 不少于 is ≥; 达到 a count is ≥; 控制在/降至 cap a rate (≤).
 * A bare count ("建成儿童友好幼儿园7所") is a target only in a sentence that sets a goal year;
 * times, ages and kinds (1000天, 12课时, 35种) never are.
 */

/** Comparator words that stand right before the number, longest first. */
const before: Array<[string, Comparator, boolean]> = (
  [
    ['大于等于', 'gte', true],
    ['不少于', 'gte', true],
    ['不低于', 'gte', true],
    ['不小于', 'gte', true],
    ['至少', 'gte', true],
    ['≥', 'gte', true],
    ['小于等于', 'lte', true],
    ['不超过', 'lte', true],
    ['不高于', 'lte', true],
    ['不多于', 'lte', true],
    ['不大于', 'lte', true],
    ['≤', 'lte', true],
    ['大于', 'gt', true],
    ['超过', 'gt', true],
    ['高于', 'gt', true],
    ['多于', 'gt', true],
    ['小于', 'lt', true],
    ['低于', 'lt', true],
    ['少于', 'lt', true],
    ['降至', 'lte', false],
    ['降到', 'lte', false],
    ['下降到', 'lte', false],
    ['下降至', 'lte', false],
    ['降低到', 'lte', false],
    ['降低至', 'lte', false],
    ['减少到', 'lte', false],
    ['减少至', 'lte', false],
    ['控制在', 'lte', false],
    ['达到', 'gte', false],
    ['达', 'gte', false],
    ['提高到', 'gte', false],
    ['提高至', 'gte', false],
    ['提升到', 'gte', false],
    ['提升至', 'gte', false],
    ['增加到', 'gte', false],
    ['增加至', 'gte', false],
    ['增至', 'gte', false],
    ['保持在', 'gte', false],
    ['稳定在', 'gte', false],
    ['保持', 'gte', false],
    ['约为', 'approx', true],
    ['约', 'approx', true],
    ['大约', 'approx', true],
    ['等于', 'eq', true],
    ['为', 'eq', false],
  ] as Array<[string, Comparator, boolean]>
).sort((a, b) => b[0].length - a[0].length);

const after: Array<[string, Comparator]> = [
  ['左右', 'approx'],
  ['及以上', 'gte'],
  ['以上', 'gte'],
  ['及以下', 'lte'],
  ['以下', 'lte'],
  ['以内', 'lte'],
];

const leadingFiller =
  /^(?:并且|并|且|和|同时|其中|力争|确保|保障|保证|努力|基本|(?:到|至)?\d{4}年(?:底|末)?|“?十[三四五六]五”?期间|全区|郑州经开区|经开区|我区|辖区|本区|全市|建成|完成|实现|累计建成)/;
const trailingFiller = /(?:持续|均|稳定|逐步|分别|要|实现|全区|累计|将|已)$/;

function cleanMetric(text: string): string {
  let metric = text.trim().replace(/^[，、,；：:\s]+|[，、,；：:\s]+$/g, '');
  for (;;) {
    const next = metric.replace(leadingFiller, '').replace(trailingFiller, '').trim();
    if (next === metric) return metric;
    metric = next;
  }
}

function comparatorBefore(pre: string): { word: string; comparator: Comparator; strict: boolean } | null {
  for (const [word, comparator, strict] of before) if (pre.endsWith(word)) return { word, comparator, strict };
  return null;
}

function comparatorAfter(post: string): { word: string; comparator: Comparator } | null {
  for (const [word, comparator] of after) if (post.startsWith(word)) return { word, comparator };
  return null;
}

interface Found {
  /** A standard to keep (每天1小时, 每学年不少于12课时) rather than a goal of a year. */
  standard?: boolean;
  metric: string;
  comparator: Comparator;
  value: number;
  value2?: number;
  unit: string;
  baseYear?: number;
}

/** 儿童伤害死亡率以2020年为基数下降20% · 比2020年下降20%. */
function decreaseBy(clause: string): Found | null {
  const m =
    /^(.*?)(?:以(\d{4})年为基数|以(\d{4})年为基期|比(\d{4})年|较(\d{4})年)(?:下降|降低|减少)(\d+(?:\.\d+)?)(%|‰)/.exec(
      clause,
    );
  if (!m) return null;
  const metric = cleanMetric(m[1] ?? '');
  const baseYear = Number(m[2] ?? m[3] ?? m[4] ?? m[5]);
  if (metric === '') return null;
  return { metric, comparator: 'decreaseBy', value: Number(m[6]), unit: m[7] ?? '%', baseYear };
}

/** 补助标准由19000元/人/年提高至25000元/人/年 · 年龄范围由0—14岁扩大至0—17岁. */
function fromTo(clause: string, tokens: NumberToken[]): Found | null {
  const at = clause.indexOf('由');
  if (at < 0) return null;
  const first = tokens.find((t) => t.start === at + 1);
  if (!first) return null;
  const link = /^(?:提高|提升|增加|扩大|增长|降低|减少|下降|调整|缩小|压减)?(?:至|到)/.exec(clause.slice(first.end));
  if (!link) return null;
  const second = tokens.find((t) => t.start === first.end + link[0].length);
  if (!second || second.unit !== first.unit) return null;
  const metric = cleanMetric(clause.slice(0, at));
  if (metric === '') return null;
  // A range on both sides (0—14岁 → 0—17岁) moves its upper bound.
  return {
    metric,
    comparator: 'fromTo',
    value: first.value2 ?? first.value,
    value2: second.value2 ?? second.value,
    unit: first.unit,
  };
}

const predicateVerbs = /(建立|设立|开设|建有|配备|开展|实现|达到|完成|接受|参加|拥有|设置)/;

/** 95%的城市社区和85%的村建立家长学校 → two shares with one predicate. */
function percentOf(clause: string, tokens: NumberToken[]): Found[] | null {
  if (grantedShare.test(clause)) return null;
  const shares = tokens.filter(
    (t) =>
      t.unit === '%' && clause.startsWith('的', t.end) && !/按(?:照)?[^，。；]{0,12}$/.test(clause.slice(0, t.start)),
  );
  if (shares.length === 0) return null;
  const subjects = shares.map((t, i) => {
    const end = shares[i + 1]?.start ?? clause.length;
    return clause.slice(t.end + 1, end).replace(/(?:和|、|及|以及|，)$/, '');
  });
  const last = subjects.at(-1) ?? '';
  const verb = predicateVerbs.exec(last);
  const predicate = verb ? last.slice(verb.index) : '';
  if (verb) subjects[subjects.length - 1] = last.slice(0, verb.index);
  return shares.map((t, i) => ({
    metric: `${cleanMetric(subjects[i] ?? '')}${predicate}比例`,
    comparator: 'gte' as const,
    value: t.value,
    unit: '%',
  }));
}

/** 新生儿和5岁以下儿童死亡率分别控制在2.5‰和4‰以下. */
function respectively(clause: string, tokens: NumberToken[]): Found[] | 'unclear' | null {
  const at = clause.indexOf('分别');
  if (at < 0) return null;
  const values = tokens.filter((t) => t.start > at && isIndicatorUnit(t.unit));
  if (values.length < 2) return null;
  const first = values[0] as NumberToken;
  const cmp = comparatorBefore(clause.slice(at + 2, first.start));
  const lastValue = values.at(-1) as NumberToken;
  const post = comparatorAfter(clause.slice(lastValue.end));
  const comparator = post && !cmp?.strict ? post.comparator : (cmp?.comparator ?? 'gte');
  const subjects = cleanMetric(clause.slice(0, at))
    .split(/和|、|及/)
    .filter((s) => s !== '');
  if (subjects.length !== values.length) return 'unclear';
  const lastSubject = subjects.at(-1) ?? '';
  const head = /(?:[\u4e00-\u9fa5]{2}率|比例|人数|数量)$/.exec(lastSubject)?.[0] ?? '';
  return values.map((t, i) => {
    const subject = subjects[i] ?? '';
    const found: Found = {
      metric: subject.endsWith(head) ? subject : subject + head,
      comparator,
      value: t.value,
      unit: t.unit,
    };
    return found;
  });
}

/**
 * "每个社区均建有不少于20个托位规模的托育服务机构": the count measures the words after it; "A的B"
 * after the number reads as "B's A" (托育服务机构托位规模), and the verb before it goes.
 */
function metricWithTail(pre: string, tail: string): string {
  const of = /^(.+?)的(.+)$/.exec(tail);
  if (!of) return pre + tail;
  return pre.replace(/(?:均|都|各)?(?:建有|设有|配备|拥有|建成|设置)$/, '') + (of[2] ?? '') + (of[1] ?? '');
}

/** The ordinary shape: metric, comparator, number and unit, qualifier; 、 continues a list. */
/** Money a plan pays out (subsidies, awards, caps on them) is not a target. */
const payout = /给予|补贴|补助|奖励|奖补|资助|贴息|最高|发放|减免|返还|退还|扶持资金|支持资金|资金支持|消费券/;
const isMoney = (unit: string): boolean => /^(?:万|亿)?元/.test(unit);
/** Units of time a standard is counted in: 每天1小时, 每学年12课时. */
const timeUnits = new Set(['小时', '课时', '分钟']);
const perPeriod = /每(?:天|日|周|月|年|学年|学期|人|班)/;

/**
 * A number that qualifies who or what the clause is about ("对单户担保金额500万元以下的小微企业…
 * 担保费率不超过1%": 500万元 is a condition, 1% the target).
 */
function conditionEnd(clause: string, token: NumberToken): number | null {
  const rest = clause.slice(token.end);
  const direct =
    /^(?:及|或)?(?:以上|以下|以内)(?:（含[^）]{0,12}）|\(含[^)]{0,12}\))?[\u4e00-\u9fa5]{0,4}的/.exec(rest) ??
    /^(?:（含）|\(含\))?的/.exec(rest);
  if (direct && !/^(?:及|或)?(?:以上|以下|以内)?(?:的比例|的占比)/.test(rest)) return token.end + direct[0].length;
  // 不少于300人、600人的大型团队: a list ending in a condition is one.
  const listed = /^、[^，。；、]{0,6}?\d+(?:\.\d+)?[^，。；、\d]{0,4}?的/.exec(rest);
  if (listed) return token.end + listed[0].length;
  const qualified = /^[^，。；的]{0,20}的/.exec(rest);
  if (qualified && /^(?:对|对于|针对|凡|按|按照)/.test(clause.trim())) return token.end + qualified[0].length;
  return null;
}

/** A share the plan pays or grants (给予…50%的财政贴息, 减按25%计入): a policy term, not a target. */
const grantedShare = /给予|补贴|贴息|奖励|奖补|资助|减免|减按|退还|返还|分担/;

function ordinary(clause: string, tokens: NumberToken[], dated: boolean): Found[] {
  const found: Found[] = [];
  let from = 0;
  let shared: string | null = null;
  for (const token of tokens) {
    if (token.start < from) continue;
    const standardTime = timeUnits.has(token.unit);
    if (!isIndicatorUnit(token.unit) && !standardTime) continue;
    if (isMoney(token.unit) && payout.test(clause)) continue;
    const condition = conditionEnd(clause, token);
    if (condition !== null) {
      from = condition;
      continue;
    }
    if ((token.unit === '%' || token.unit === '‰') && grantedShare.test(clause)) continue;
    const pre = clause.slice(from, token.start);
    const cmp = comparatorBefore(pre);
    const rest = clause.slice(token.end);
    const post = comparatorAfter(rest);
    let comparator: Comparator | null = cmp
      ? post && (!cmp.strict || post.comparator === 'approx')
        ? post.comparator
        : cmp.comparator
      : (post?.comparator ?? null);
    // A standard with no year of its own: 每天1小时, 每学年不少于12课时, 掌握1—2项.
    let standard = false;
    if (standardTime) {
      if (!comparator && !perPeriod.test(clause)) continue;
      comparator ??= 'gte';
      standard = !dated;
    }
    if (!comparator && token.value2 !== undefined && isCountUnit(token.unit)) {
      comparator = 'range';
      standard = !dated;
    }
    let metric = cleanMetric((cmp ? pre.slice(0, pre.length - cmp.word.length) : pre).replace(/各$/, ''));
    let consumed = token.end + (post?.word.length ?? 0);
    const coverage = /^(?:全覆盖|覆盖)/.exec(rest);
    if (!comparator && coverage && token.unit === '%') {
      comparator = 'gte';
      metric = `${metric}覆盖率`;
      consumed = token.end + coverage[0].length;
    }
    if (!comparator && dated && isCountUnit(token.unit)) comparator = 'gte';
    if (token.value2 !== undefined && comparator !== null) comparator = 'range';
    if (!comparator) continue;
    // A noun after the count names what is counted: 0.8—1块足球场建设任务.
    const tail = /^[^，、；。]*/.exec(clause.slice(consumed))?.[0] ?? '';
    if (
      !post &&
      !coverage &&
      tail !== '' &&
      (isCountUnit(token.unit) || standardTime) &&
      !/^(?:并|且|和|及|以|，)/.test(tail)
    ) {
      metric = cleanMetric(metricWithTail(metric, tail.replace(/(?:建设任务|任务)$/, '')));
      consumed += tail.length;
    }
    if (metric === '') continue;
    // 睡眠时间小学生达到10小时、初中生达到9小时: later items of a 、 list share what the first names.
    const first = found[0];
    if (first && shared === null && metric.length <= 4 && first.metric.length > metric.length + 1) {
      shared = first.metric.slice(0, first.metric.length - metric.length);
      first.metric = first.metric.slice(shared.length) + shared;
    }
    if (shared !== null && found.length > 0 && metric.length <= 4) metric += shared;
    const target: Found = { metric, comparator, value: token.value, unit: token.unit };
    if (token.value2 !== undefined) target.value2 = token.value2;
    if (standard) target.standard = true;
    found.push(target);
    if (!/^[、和及]/.test(clause.slice(consumed))) break;
    from = consumed + 1;
  }
  return found;
}

export interface TargetContext {
  /** The plan's goal year (三、建设目标), for targets whose task names none. */
  defaultYear: number | null;
  /** Line of each offset of the text, for warnings. */
  lineAt: (offset: number) => number;
}

export function extractTargets(
  text: string,
  context: TargetContext,
): { targets: ParsedTarget[]; warnings: ImportWarning[] } {
  const targets: ParsedTarget[] = [];
  const warnings: ImportWarning[] = [];
  let carriedYear: number | null = null;
  for (const sentence of sentences(text)) {
    const sentenceYear = goalYearOf(sentence.text);
    if (sentenceYear !== null) carriedYear = sentenceYear;
    const year = sentenceYear ?? carriedYear ?? context.defaultYear;
    // 全年/年内 in a plan of one year (济源2023年…): a goal for that year, like 到2025年.
    const dated = sentenceYear !== null || (context.defaultYear !== null && /全年|年内|当年/.test(sentence.text));
    // Eligibility thresholds of a payout ("对…游览3个以上景区…的旅行社给予奖励") are not targets: a
    // sentence that opens with 对 is read only after the clause that grants.
    const parts = clauses(sentence.text);
    const grants = /^\s*(?:对|对于|凡)/.test(sentence.text) ? parts.findIndex((c) => payout.test(c.text)) : -1;
    for (const clause of parts.slice(grants + 1)) {
      const body = clause.text.trim();
      const offset = sentence.start + clause.start + (clause.text.length - clause.text.trimStart().length);
      const tokens = scanNumbers(body);
      if (!tokens.some((t) => isIndicatorUnit(t.unit) || t.unit === '岁' || timeUnits.has(t.unit))) continue;
      if (tokens.every((t) => isMoney(t.unit)) && payout.test(body) && !/由\d/.test(body)) continue;
      // "…户型的，给予…": a clause ending in 的 states who qualifies.
      if (/的$/.test(body)) continue;
      let found: Found[] = [];
      const decrease = decreaseBy(body);
      const change = decrease ? null : fromTo(body, tokens);
      const split = decrease || change ? null : respectively(body, tokens);
      if (decrease) found = [decrease];
      else if (change) found = [change];
      else if (split === 'unclear') {
        warnings.push({
          line: context.lineAt(offset),
          code: 'target_unclear',
          message: `第 ${context.lineAt(offset)} 行“${body}”中“分别”前后的指标与数值个数不一致，未识别为指标，请手工核对。`,
        });
      } else if (split) found = split;
      else found = percentOf(body, tokens) ?? ordinary(body, tokens, dated);
      for (const f of found) {
        // 65万人 → 650000 人; the printed figure stays in `text`.
        const scale = /^(万|亿)(.+)$/.exec(f.unit);
        const factor = scale && isIndicatorUnit(scale[2] ?? '') ? (scale[1] === '万' ? 1e4 : 1e8) : 1;
        const unit = factor === 1 ? f.unit : (scale?.[2] ?? f.unit);
        const times = (v: number): number => Math.round(v * factor * 1e6) / 1e6;
        const target: ParsedTarget = {
          text: body,
          metric: f.metric,
          comparator: f.comparator,
          value: times(f.value),
          unit,
          year,
        };
        if (f.value2 !== undefined) target.value2 = times(f.value2);
        if (f.baseYear !== undefined) target.baseYear = f.baseYear;
        if (f.standard) target.standard = true;
        targets.push(target);
      }
    }
  }
  return { targets, warnings };
}
