import { textWidth } from './textWidth';

/**
 * Breaks a title into lines for 7.3.1: "回行时，要做到词意完整，排列对称，长短适宜……使用梯形或菱形".
 * Lines break only between words (Intl.Segmenter), never before closing or after opening
 * punctuation, and the chosen breaks give balanced lines whose shape is a trapezoid (each line no
 * longer than the one above) or, from three lines on, a diamond.
 */

const closing = /^[，。、；：？！）》」』〕】”’…—,.;:?!)\]}%‰]/u;
const opening = /[（《「『〔【“‘([{]$/u;
// Function words that read badly at either edge of a line.
const particles = new Set(['的', '和', '与', '及', '或', '之']);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const singleHan = /^\p{Script=Han}$/u;

/**
 * ICU's dictionary leaves unknown words as single characters (滞|后, 超|期|未|报) and splits a
 * number from its unit (2025|年). Runs of single characters are glued back together, except the
 * particles, and a lone character sticks to the number before it.
 */
function glueFragments(segments: string[]): string[] {
  const result: string[] = [];
  let previousSingle = false;
  for (const segment of segments) {
    const single = singleHan.test(segment) && !particles.has(segment);
    const last = result.length - 1;
    const afterNumber = last >= 0 && /\d$/.test(result[last] ?? '') && singleHan.test(segment);
    if (last >= 0 && ((single && previousSingle) || afterNumber)) {
      result[last] = `${result[last] ?? ''}${segment}`;
    } else {
      result.push(segment);
    }
    previousSingle = single;
  }
  return result;
}

/** Words of the title with punctuation glued to its neighbour, so no break separates them. */
function words(text: string, maxWidth: number): string[] {
  const result: string[] = [];
  let glueNext = false;
  for (const segment of glueFragments(Array.from(segmenter.segment(text), (part) => part.segment))) {
    const pieces = textWidth(segment) > maxWidth ? Array.from(segment) : [segment];
    for (const piece of pieces) {
      const last = result.length - 1;
      if (last >= 0 && (glueNext || closing.test(piece))) {
        result[last] = `${result[last] ?? ''}${piece}`;
      } else {
        result.push(piece);
      }
      glueNext = opening.test(piece);
    }
  }
  return result;
}

function shapePenalty(widths: number[]): number {
  let trapezoid = 0;
  for (let i = 1; i < widths.length; i += 1) {
    const rise = (widths[i] ?? 0) - (widths[i - 1] ?? 0);
    if (rise > 0) trapezoid += rise * rise * 4;
  }
  if (widths.length < 3) return trapezoid;
  // Diamond: rising to the widest line, falling after it.
  const peak = widths.indexOf(Math.max(...widths));
  let diamond = 0;
  for (let i = 1; i < widths.length; i += 1) {
    const step = (widths[i] ?? 0) - (widths[i - 1] ?? 0);
    const wrongWay = i <= peak ? -step : step;
    if (wrongWay > 0) diamond += wrongWay * wrongWay * 4;
  }
  return Math.min(trapezoid, diamond);
}

function layoutCost(lines: string[][], maxWidth: number): number {
  const widths = lines.map((line) => textWidth(line.join('')));
  if (widths.some((width) => width > maxWidth)) return Number.POSITIVE_INFINITY;
  const mean = widths.reduce((sum, width) => sum + width, 0) / widths.length;
  let cost = widths.reduce((sum, width) => sum + (width - mean) ** 2, 0) + shapePenalty(widths);
  for (let i = 1; i < lines.length; i += 1) {
    const before = lines[i - 1]?.at(-1) ?? '';
    const after = lines[i]?.[0] ?? '';
    if (particles.has(before) || particles.has(after)) cost += 6;
  }
  return cost;
}

/** Every way to cut `count` words into `lineCount` non-empty lines. */
function* cuts(count: number, lineCount: number, start = 0): Generator<number[]> {
  if (lineCount === 1) {
    yield [];
    return;
  }
  for (let cut = start + 1; cut <= count - lineCount + 1; cut += 1) {
    for (const rest of cuts(count, lineCount - 1, cut)) yield [cut, ...rest];
  }
}

function split(tokens: string[], at: number[]): string[][] {
  const bounds = [0, ...at, tokens.length];
  return bounds.slice(1).map((end, i) => tokens.slice(bounds[i], end));
}

function greedy(tokens: string[], maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (current && textWidth(current + token) > maxWidth) {
      lines.push(current);
      current = token;
    } else {
      current += token;
    }
  }
  if (current) lines.push(current);
  return lines;
}

// Past this the search is pointless: such a "title" is pasted text, and greedy filling will do.
const maxSearchWords = 60;
const maxSearchLines = 4;

function breakOne(text: string, maxWidth: number): string[] {
  if (textWidth(text) <= maxWidth) return [text];
  const tokens = words(text, maxWidth);
  const minimum = Math.ceil(textWidth(text) / maxWidth);
  if (tokens.length > maxSearchWords || minimum > maxSearchLines) return greedy(tokens, maxWidth);
  for (let lineCount = minimum; lineCount <= Math.min(maxSearchLines, tokens.length); lineCount += 1) {
    let best: string[][] | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const at of cuts(tokens.length, lineCount)) {
      const lines = split(tokens, at);
      const cost = layoutCost(lines, maxWidth);
      if (cost < bestCost) {
        bestCost = cost;
        best = lines;
      }
    }
    if (best) return best.map((line) => line.join(''));
  }
  return greedy(tokens, maxWidth);
}

/**
 * The title's lines. A line break the clerk typed is kept; each part longer than `maxWidth`
 * (in 汉字) is broken further.
 */
export function breakTitle(title: string, maxWidth: number): string[] {
  return title
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .flatMap((part) => breakOne(part, maxWidth));
}
