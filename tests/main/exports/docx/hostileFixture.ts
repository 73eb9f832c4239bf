import { composeQuarterlyReport } from '../../../../src/main/core/exports/docx/compose';
import type { OfficialDocument } from '../../../../src/shared/domain/documents';
import { quarterlyInput } from './fixtures';

/** A report whose every field holds what users paste: controls, markup, emoji, huge paragraphs. */

export const markup = '<w:t>注入</w:t></w:r></w:p><w:p>&amp;&lt;"\'';
// Controls with no meaning in text: they vanish.
export const controls =
  'A\u0000B\u0001C\u0007D\u001FE\u007FF\u0090G\uFFFEH\uFFFFI\uD800J\uDFFFK\u200BL\uFEFFM\u202EN\u0008O';
export const emoji = '儿童👧🏻乐园🎈，家庭👨‍👩‍👧';
export const longParagraph = '儿童友好城市建设'.repeat(1250); // 10,000 characters

export function hostileDocument(): OfficialDocument {
  const doc = composeQuarterlyReport(quarterlyInput());
  return {
    ...doc,
    header: { issuerMark: `${controls}${emoji}`, docNumber: `郑经${markup}〔2025〕3号` },
    title: `${markup}${emoji}${controls}${'很长的标题'.repeat(60)}`,
    addressee: `区党工委${controls}\r\n管委会`,
    blocks: [
      { type: 'heading', level: 1, text: `一、${markup}`, body: `${controls}\n第二行${emoji}` },
      { type: 'paragraph', text: longParagraph },
      // Line breaks of every kind (Word's manual break U+000B, form feed, CR, LS) start new paragraphs.
      {
        type: 'paragraph',
        text: `第一段${controls}\u000B第二段\u000C第三段\r\n第四段\r第五段\u2028第六段\t制表${emoji}`,
      },
      { type: 'heading', level: 2, text: `（一）${'\u0000'.repeat(50)}` },
      {
        type: 'table',
        columns: [
          { title: markup, weight: 1 },
          { title: controls, weight: 0.001 },
        ],
        rows: [[longParagraph], [emoji, markup, 'extra cell']],
      },
    ],
    attachments: [{ title: controls, blocks: [{ type: 'paragraph', text: markup }], landscape: true }],
    attachmentNote: [markup, '', `${emoji}。`],
    signature: { organization: `${markup}${controls}`, date: '2025-10-08' },
    closing: {
      cc: [markup, '', controls, longParagraph.slice(0, 500)],
      printer: `${controls}${longParagraph.slice(0, 200)}`,
      printDate: '2025-10-08',
    },
  };
}
