import fc from 'fast-check';
import { LuoshiError } from '../../../src/shared/errors';

/** Pieces of text that break naive parsers, XML writers and spreadsheets. */
const hostilePieces = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001F',
  '\u007F',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDC00',
  '\uDBFF\uDFFF',
  '😀',
  '\u202E',
  '\u200B',
  '\r',
  '\r\n',
  '\n\n\n',
  '\t',
  '<w:t>',
  '</w:t>',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&#0;',
  '<script>alert(1)</script>',
  '"',
  "'",
  '=HYPERLINK("http://evil.example","点我")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-1-1',
  '@SUM(A1)',
  '一、',
  '二、',
  '（一）',
  '1.',
  '第一条',
  '牵头单位：',
  '责任单位：',
  '区社会事业局',
  '各办事处',
  '到2025年',
  '达到 100%',
  '不低于',
  '个',
  '%',
  '‰',
  '　',
  '\u3000\u3000',
  '：',
  '；',
  '。',
];

export const hostilePiece = fc.constantFrom(...hostilePieces);

/** Text mixing hostile pieces with arbitrary UTF-16 (lone surrogates included). */
export const hostileText = (maxPieces = 40): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        hostilePiece,
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
      ),
      { maxLength: maxPieces },
    )
    .map((parts) => parts.join(''));

/** Occasionally a very long text: a hostile piece repeated to ~10,000 characters. */
export const longHostileText: fc.Arbitrary<string> = fc
  .tuple(hostileText(6), fc.integer({ min: 2000, max: 10_000 }))
  .map(([piece, length]) =>
    (piece === '' ? 'x' : piece).repeat(Math.ceil(length / Math.max(1, piece.length))).slice(0, length),
  );

/** Run `fn`; a LuoshiError is a clear refusal, anything else is a crash. */
export async function refusesCleanly(fn: () => unknown): Promise<'ok' | 'refused'> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    if (error instanceof LuoshiError) {
      if (!/[\u4e00-\u9fff]/.test(error.message))
        throw new Error(`LuoshiError without a Chinese message: ${error.message}`);
      return 'refused';
    }
    throw error;
  }
}

/** Fuzz budgets: modest so the whole suite stays well under a minute; no shrinking (inputs are costly to re-run), the first counterexample is reported. */
export const runs = (n: number): { numRuns: number; endOnFailure: boolean } => ({ numRuns: n, endOnFailure: true });
