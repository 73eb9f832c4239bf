import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { officialDocumentSchema, type Block, type OfficialDocument } from '../../../../shared/domain/documents';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDate } from '../../app/format';
import { PrintFrame } from './PrintFrame';

/**
 * 打印 the compiled quarterly report: its text as a printable page, and, where LibreOffice is
 * installed where Luoshi runs, the Word document itself as PDF (documents.pdf converts it;
 * otherwise the core says why not and what to do). Read through reports.get: the read rules decide.
 */
export function CompiledPrint({ reportId }: { reportId: number }) {
  const { message } = AntApp.useApp();
  const loaded = useLoad(() => api['reports.get']({ reportId }), [reportId]);
  const [busy, setBusy] = useState(false);
  const [pdfNotice, setPdfNotice] = useState<string | null>(null);
  const parsed = officialDocumentSchema.safeParse(loaded.data?.compiledContent);
  const document = parsed.success ? parsed.data : null;
  const openPdf = () => {
    setBusy(true);
    setPdfNotice(null);
    api['documents.pdf']({ compiledReportId: reportId }).then(
      (file) => {
        setBusy(false);
        const bytes = Uint8Array.from(atob(file.contentBase64), (ch) => ch.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        // The browser's PDF viewer prints it page for page as the Word document lays it out.
        if (!window.open(url, '_blank')) message.info('浏览器阻止了新窗口，请允许弹出窗口后重试。');
      },
      (e: Error) => {
        setBusy(false);
        setPdfNotice(e.message);
      },
    );
  };
  return (
    <PrintFrame
      title={document?.title ?? '季度工作进展情况报告'}
      loading={loaded.loading && !loaded.data}
      error={
        loaded.error ??
        (loaded.data && !document ? new Error('该报告还没有公文正文，请先在「报告」中起草季度报告。') : undefined)
      }
      onRetry={loaded.reload}
      actions={
        <Button loading={busy} onClick={openPdf}>
          打开 PDF（LibreOffice 转换）
        </Button>
      }
      notice={pdfNotice && <span role="alert">{pdfNotice}</span>}
    >
      {document && <DocumentText document={document} />}
    </PrintFrame>
  );
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) =>
        b.type === 'heading' ? (
          <p key={i} style={{ textIndent: '2em', fontWeight: b.level <= 2 ? 600 : 400 }}>
            {b.text}
            {b.body ?? ''}
          </p>
        ) : b.type === 'paragraph' ? (
          <p key={i} style={{ textIndent: '2em' }}>
            {b.text}
          </p>
        ) : (
          <table key={i}>
            <thead>
              <tr>
                {b.columns.map((c, k) => (
                  <th key={k}>{c.title}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, k) => (
                    <td key={k}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </>
  );
}

function DocumentText({ document }: { document: OfficialDocument }) {
  return (
    <>
      <p style={{ textAlign: 'center', color: '#c00', fontSize: '20pt', fontWeight: 600 }}>
        {document.header.issuerMark}
      </p>
      {document.header.docNumber && <p style={{ textAlign: 'center' }}>{document.header.docNumber}</p>}
      <h1>{document.title}</h1>
      {document.addressee && <p>{document.addressee}：</p>}
      <Blocks blocks={document.blocks} />
      {document.attachmentNote.length > 0 && <p>附件：{document.attachmentNote.join('；')}</p>}
      <p style={{ textAlign: 'right', marginTop: '18pt' }}>{document.signature.organization}</p>
      <p style={{ textAlign: 'right' }}>{formatDate(document.signature.date)}</p>
      {document.attachments.map((a, i) => (
        <section key={i} style={{ breakBefore: 'page' }}>
          <h2>附件{document.attachments.length > 1 ? i + 1 : ''}</h2>
          <h1>{a.title}</h1>
          <Blocks blocks={a.blocks} />
        </section>
      ))}
    </>
  );
}
