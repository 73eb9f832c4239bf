import { foldWidth, tidySpacing } from './normalize';
import { labelRe, markerOf } from './structure';

/**
 * A logical paragraph: one or more source lines joined where a page break (or a hard wrap) cut a
 * paragraph in two. Keeps where each source line starts so a clause can be traced to its line.
 */
export interface Paragraph {
  text: string;
  /** 1-based source line of the first character. */
  line: number;
  /** Offsets in `text` where each joined source line begins, ascending. */
  starts: Array<{ offset: number; line: number }>;
}

/** The 1-based source line of a character offset within a paragraph. */
export function lineAt(paragraph: Paragraph, offset: number): number {
  let line = paragraph.line;
  for (const start of paragraph.starts) {
    if (start.offset > offset) break;
    line = start.line;
  }
  return line;
}

/** A line ends a sentence (or a self-contained item) when it ends with one of these. */
const closingChars = new Set([...'。！？；：!?;:）)」』】…']);
const stops = new Set([...'。！？!?']);
const quotes = new Set([...'"”’']);
/** A broken sentence shows some punctuation before the break; bare title lines have none. */
const sentenceMarks = /[，、。；：,;:]/;
/** Document numbers and dates stand alone. */
const standalone = /^(?:[\u4e00-\u9fa5]{1,12}[〔[［【]\d{4}|\d{4}年\d{1,2}月\d{1,2}日$)/;

function endsClosed(text: string): boolean {
  const last = text.at(-1) ?? '';
  if (closingChars.has(last)) return true;
  return quotes.has(last) && stops.has(text.at(-2) ?? '');
}

/** A paragraph being built, with what its first line told us, so joins stay linear. */
interface Open {
  paragraph: Paragraph;
  parts: string[];
  kind: LineKind;
  hasStop: boolean;
  hasMarks: boolean;
  last: string;
}

type LineKind = 'marker' | 'label' | 'text';

function kindOf(line: string): LineKind {
  if (labelRe.test(line)) return 'label';
  return markerOf(line) ? 'marker' : 'text';
}

/** Page numbers as PDF text carries them: "- 2 重庆市人民政府办公厅发布", "— 3 —", "第 3 页". */
const pageNumber = /^(?:[-—–]\s*\d{1,3}\s*[-—–]?(?:\s*\S{0,30})?|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3})$/;
const punctuated = /[，。；：、,;:（）()]/;

/**
 * Running headers and footers of a printed or PDF document: page numbers, and short unpunctuated
 * lines repeated on several pages after a page break (a blank line or a page number). They are
 * dropped, so the paragraph they interrupt joins up again.
 */
function runningLines(lines: readonly string[]): Set<number> {
  const drop = new Set<number>();
  const count = new Map<string, number>();
  lines.forEach((line) => count.set(line, (count.get(line) ?? 0) + 1));
  lines.forEach((line, i) => {
    if (line === '') return;
    if (pageNumber.test(line)) {
      drop.add(i);
      return;
    }
    if (
      (count.get(line) ?? 0) < 3 ||
      line.length < 6 ||
      line.length > 40 ||
      punctuated.test(line) ||
      kindOf(line) !== 'text'
    )
      return;
    const before = lines[i - 1];
    if (i === 0 || before === '' || (before !== undefined && pageNumber.test(before))) drop.add(i);
  });
  return drop;
}

/** Whether a paragraph may continue on the next line (it was cut by a page break). */
function unbalanced(text: string): boolean {
  return (text.match(/[（(]/g)?.length ?? 0) > (text.match(/[）)]/g)?.length ?? 0);
}

function isOpen(open: Open): boolean {
  if (endsClosed(open.last)) return false;
  // "（责" at a line's end: a label or list cut by a hard wrap.
  if (unbalanced(open.parts.join(''))) return true;
  if (open.kind === 'label') return true;
  if (open.kind === 'marker') return open.hasStop;
  return open.hasMarks;
}

/** After a unit label only the rest of a unit list can follow: no sentence. */
function continues(open: Open, next: string): boolean {
  if (open.kind !== 'label') return true;
  if (/[。！？]/.test(next) || next.length > 300) return false;
  // A list cut by a page break: the label's line ends on a separator, or the next line goes on with one.
  return (
    /[、，,；;（(]$/.test(open.last) || /^[、，,；;）)]/.test(next) || /[、，,]/.test(next) || /^各.{1,10}$/.test(next)
  );
}

export function splitParagraphs(text: string): Paragraph[] {
  const lines = foldWidth(text)
    .split(/\r\n|\r|\n|\u2028|\u2029|\f/)
    .map(tidySpacing);
  const running = runningLines(lines);
  const paragraphs: Paragraph[] = [];
  let current: Open | null = null;
  let length = 0;
  const close = (): void => {
    if (current) current.paragraph.text = current.parts.join('');
  };
  lines.forEach((line, index) => {
    if (line === '' || running.has(index)) return;
    const lineNo = index + 1;
    if (current && isOpen(current) && kindOf(line) === 'text' && !standalone.test(line) && continues(current, line)) {
      // Both sides are tidy already; a space is needed only between two Latin words or numbers.
      const glue = /[0-9A-Za-z]$/.test(current.last) && /^[0-9A-Za-z]/.test(line) ? ' ' : '';
      current.parts.push(glue + line);
      current.paragraph.starts.push({ offset: length + glue.length, line: lineNo });
      length += glue.length + line.length;
      current.last = line;
      current.hasStop ||= /[。；]/.test(line);
      current.hasMarks ||= sentenceMarks.test(line);
      return;
    }
    close();
    const paragraph: Paragraph = { text: line, line: lineNo, starts: [{ offset: 0, line: lineNo }] };
    const kind = kindOf(line);
    current = {
      paragraph,
      parts: [line],
      kind,
      hasStop: /[。；]/.test(line),
      hasMarks: sentenceMarks.test(line),
      last: line,
    };
    length = line.length;
    paragraphs.push(paragraph);
  });
  close();
  return paragraphs;
}
