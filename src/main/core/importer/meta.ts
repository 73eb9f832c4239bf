import type { PlanMeta } from '../../../shared/domain/plan';
import type { Paragraph } from './text/paragraphs';
import { squeezeSpaces } from './text/normalize';

/** 郑经管政〔2023〕32号, also written with [ ] ［ ］ 【 】 or ( ). */
const docNumberRe = /^([\u4e00-\u9fa5]{1,12})\s*[〔[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号$/;
const dateRe = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
/** Title lines carry no sentence punctuation. */
const titleLike = /^[^，。；：,;:！？]+$/;

function docNumberOf(text: string): string | null {
  const m = docNumberRe.exec(squeezeSpaces(text));
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : null;
}

/**
 * Issuer, document number and title from the front matter. The notice title
 * "X关于印发《Y》的通知" gives both the issuer X and the plan title Y; a header line "X文件"
 * gives the issuer when present.
 */
export function parseMeta(front: readonly Paragraph[], fileName: string): PlanMeta {
  const head = front.slice(0, 15);
  let docNumber: string | null = null;
  let issuer = '';
  const groups: string[][] = [];
  let group: string[] | null = null;
  for (const p of head) {
    const text = squeezeSpaces(p.text);
    const number = docNumberOf(text);
    if (number !== null) {
      docNumber ??= number;
      group = null;
      continue;
    }
    if (/文件$/.test(text) && text.length <= 30) {
      issuer ||= text.replace(/文件$/, '');
      group = null;
      continue;
    }
    if (titleLike.test(text) && !dateRe.test(text) && !/^[（(]此件/.test(text)) {
      if (!group) groups.push((group = []));
      group.push(text);
    } else {
      group = null;
    }
  }
  const candidates = groups.map((g) => g.join(''));
  const notice =
    candidates.find((c) => /关于/.test(c)) ??
    candidates.find((c) => /(方案|意见|规划|计划|办法|措施|细则|要点|清单|行动)$/.test(c)) ??
    candidates.find((c) => c.length >= 6 && c.length <= 60);
  let title = '';
  if (notice) {
    const issued = /^(.*?)关于印发《?(.+?)》?的通知$/.exec(notice);
    const about = /^(.+?)关于/.exec(notice);
    if (issued) {
      issuer ||= issued[1] ?? '';
      title = issued[2] ?? '';
    } else {
      if (about) issuer ||= about[1] ?? '';
      title = notice;
    }
  }
  if (title === '') title = fileName.replace(/\.[^.]+$/, '');
  // The issuer signs above the date: "兰州市人民政府办公室" / "2022年12月13日".
  if (issuer === '') {
    const signed = head.findIndex(
      (p, i) =>
        dateRe.test(squeezeSpaces(head[i + 1]?.text ?? '')) &&
        /^[^，。；：,;:]{2,30}(?:政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|委)$/.test(squeezeSpaces(p.text)),
    );
    if (signed >= 0) issuer = squeezeSpaces(head[signed]?.text ?? '');
  }
  return { issuer, docNumber, title };
}
