import type { ReportView } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDate, formatDateTime } from '../../app/format';
import { formatBytes } from '../../components/files';
import { PrintFrame } from './PrintFrame';

/**
 * 打印 one report: task, unit, quarter, content, indicators, attachments and the review and
 * sign-off trail. Read through reports.get and reports.timeline, so the read rules
 * (src/main/core/policy/reads.ts) decide: whoever may not read the report gets their refusal, not a page.
 */
export function ReportPrint({ reportId }: { reportId: number }) {
  const loaded = useLoad(
    () => Promise.all([api['reports.get']({ reportId }), api['reports.timeline']({ reportId })]),
    [reportId],
  );
  const [report, timeline] = loaded.data ?? [];
  const trail = (timeline ?? []).filter((e) => e.reportId === reportId && e.stateAfterLabel !== null);
  return (
    <PrintFrame
      title={report ? `${report.subjectLabel}进展报告` : '进展报告'}
      loading={loaded.loading && !loaded.data}
      error={loaded.error}
      onRetry={loaded.reload}
    >
      {report && <ReportDocument report={report} trail={trail} />}
    </PrintFrame>
  );
}

function ReportDocument({
  report,
  trail,
}: {
  report: ReportView;
  trail: { id: number; at: string; summary: string }[];
}) {
  return (
    <>
      <h1>
        {report.quarterLabel}
        {report.subjectLabel}
        {report.kindLabel}
      </h1>
      <table>
        <tbody>
          <tr>
            <th style={{ width: '16%' }}>事项</th>
            <td colSpan={3}>
              {report.subjectLabel} {report.title}
            </td>
          </tr>
          <tr>
            <th>起草单位</th>
            <td>{report.draftingUnit ?? '工作专班'}</td>
            <th style={{ width: '16%' }}>季度</th>
            <td>{report.quarterLabel}</td>
          </tr>
          <tr>
            <th>流转状态</th>
            <td>
              {report.stateLabel}
              {report.revision > 1 ? `（第 ${report.revision} 次修订）` : ''}
            </td>
            <th>进度</th>
            <td>{report.statusLabel}</td>
          </tr>
          <tr>
            <th>截止日期</th>
            <td>
              {formatDate(report.deadline)}
              {report.extended ? '（已延期）' : ''}
            </td>
            <th>归档号</th>
            <td>{report.archiveNo ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>一、工作进展</h2>
      <p>{report.content.progress || '（未填写）'}</p>
      <h2>二、存在问题</h2>
      <p>{report.content.problems || '（未填写）'}</p>
      <h2>三、下一步计划</h2>
      <p>{report.content.nextSteps || '（未填写）'}</p>
      {report.content.completed && <p>本任务已全部完成。</p>}
      {report.indicators.length > 0 && (
        <>
          <h2>四、指标完成情况</h2>
          <table>
            <thead>
              <tr>
                <th>指标</th>
                <th>目标</th>
                <th>应达值</th>
                <th>本季度实际值</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {report.indicators.map((i) => (
                <tr key={i.indicatorId}>
                  <td>{i.metric}</td>
                  <td>{i.target}</td>
                  <td>{i.expected === null ? '—' : `${i.expected}${i.unit}`}</td>
                  <td>{i.value === null ? (i.noNewProgress ? '无新进展' : '未填') : `${i.value}${i.unit}`}</td>
                  <td>{i.note || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>附件</h2>
      {report.attachments.length === 0 ? (
        <p>无</p>
      ) : (
        <table>
          <tbody>
            {report.attachments.map((a, k) => (
              <tr key={a.id}>
                <td style={{ width: '6%' }}>{k + 1}</td>
                <td>{a.fileName}</td>
                <td style={{ width: '14%' }}>{formatBytes(a.size)}</td>
                <td style={{ width: '30%' }}>
                  {a.uploadedBy} {formatDateTime(a.uploadedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>审核与会签记录</h2>
      {trail.length === 0 ? (
        <p>尚无流转记录。</p>
      ) : (
        <table>
          <tbody>
            {trail.map((e) => (
              <tr key={e.id}>
                <td style={{ width: '24%' }}>{formatDateTime(e.at)}</td>
                <td>{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
