/**
 * Chinese full-text search without a word segmenter: every run of Han characters is indexed as its
 * overlapping character pairs ("托育服务" → "托育 育服 服务"), everything else as unicode61 sees it.
 * A query of two or more characters becomes the phrase of its pairs, which matches exactly where
 * the query occurs as a substring: what LIKE '%q%' finds, through an index. FTS5's trigram
 * tokenizer silently finds nothing for two-character words, the commonest Chinese word length, and
 * a dictionary segmenter misses words it cut differently in the text (see docs/performance.md §5).
 */
const hanRun = /\p{Script=Han}+/gu;

export function toIndexText(text: string): string {
  return text.replace(hanRun, (run) => ` ${pairs(run).join(' ')} `);
}

function pairs(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** True when some term of the query is a single Han character, which pairs cannot find. */
export function needsScan(query: string): boolean {
  return splitTerms(query).some(
    (term) => /^\p{Script=Han}$/u.test(term) || [...term].some((c, i, all) => isLoneHan(all, i, c)),
  );
}

function isLoneHan(chars: string[], i: number, c: string): boolean {
  const han = (s: string | undefined) => s !== undefined && /\p{Script=Han}/u.test(s);
  return han(c) && !han(chars[i - 1]) && !han(chars[i + 1]);
}

export function splitTerms(query: string): string[] {
  return query
    .split(/[\s\u3000]+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/**
 * An FTS5 MATCH expression: every term must occur (AND), each as the phrase of its index tokens.
 * Tokens are quoted so no user text is read as FTS5 syntax. Null when nothing indexable remains.
 */
export function toMatchQuery(query: string): string | null {
  const phrases: string[] = [];
  for (const term of splitTerms(query)) {
    const tokens = toIndexText(term)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length > 0);
    if (tokens.length === 0) continue;
    phrases.push(tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' + '));
  }
  return phrases.length === 0 ? null : phrases.map((p) => `(${p})`).join(' AND ');
}
