import { Result } from 'antd';
import { CompiledPrint } from './CompiledPrint';
import { LedgerPrint } from './LedgerPrint';
import { ReportPrint } from './ReportPrint';

/** #/print/report/<id>, #/print/compiled/<reportId>, #/print/ledger/<request>: the print views. */
export function PrintPage({ kind, param }: { kind: string | undefined; param: string | undefined }) {
  switch (kind) {
    case 'report':
      return <ReportPrint reportId={Number(param)} />;
    case 'compiled':
      return <CompiledPrint reportId={Number(param)} />;
    case 'ledger':
      return <LedgerPrint param={param} />;
    default:
      return <Result status="404" title="没有这个打印视图" subTitle="请从报告、季度报告或台账页面点击「打印」。" />;
  }
}
