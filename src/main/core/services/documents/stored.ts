import { safeFileName } from '../../../../shared/domain/fileNames';
import { chinaIsoDate } from '../../../../shared/time';
import { officialDocumentSchema, type OfficialDocument } from '../../../../shared/domain/documents';
import { LuoshiError } from '../../../../shared/errors';
import type { DocReport } from '../../store/documentQueries';

/**
 * The compiled report's document as stored with the report. What is rendered is always this
 * stored value; what filing adds is the 发文字号, which is the report's archive number, and the
 * 签发人 (the task force leaders who signed it off, services/delegatedSteps.ts).
 */
export function storedCompiledDocument(report: DocReport, issuers: readonly string[] = []): OfficialDocument {
  if (report.kind !== 'compiled') {
    throw new LuoshiError('invalid_input', `报告 ${report.id} 不是季度工作进展情况报告。`, 'compiledReportId');
  }
  let raw: unknown = null;
  try {
    raw = report.content_json === null ? null : JSON.parse(report.content_json);
  } catch {
    raw = null;
  }
  const parsed = officialDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `（字段 ${issue.path.map(String).join('.')}）` : '';
    throw new LuoshiError(
      'conflict',
      `季度工作进展情况报告（编号 ${report.id}）保存的正文不是可以排版的公文${field}。请工作专班在编辑器中重新生成正文并保存后再导出。`,
      'compiledReportId',
    );
  }
  // 签发人 come only from the sign-off record of a filed report, never from a saved draft.
  const { issuers: _saved, ...header } = parsed.data.header;
  const document = { ...parsed.data, header };
  if (report.archive_no === null) return document;
  return {
    ...document,
    header: { ...header, docNumber: report.archive_no, ...(issuers.length > 0 ? { issuers: [...issuers] } : {}) },
  };
}

/** The file name a document is saved under: its title, e.g. 关于2025年第三季度…的报告.docx. */
export function documentFileName(document: OfficialDocument): string {
  return safeFileName(`${document.title.replace(/\s+/g, '') || '公文'}.docx`, '公文');
}

/** Today in China Standard Time, as an ISO date: the 成文日期 of a fresh composition. */
export function chinaDate(iso: string): string {
  return chinaIsoDate(iso);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
