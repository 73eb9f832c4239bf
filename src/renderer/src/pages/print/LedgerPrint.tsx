import type { MethodInput, MethodOutput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { PrintFrame } from './PrintFrame';

type LedgerRequest = MethodInput<'ledgers.print'>;
type Sheet = MethodOutput<'ledgers.print'>;

/** The print view's address for a ledger: the export's own request, in the route. */
export function ledgerPrintPath(request: LedgerRequest): string {
  return `/print/ledger/${encodeURIComponent(JSON.stringify(request))}`;
}

export function parseLedgerRequest(param: string | undefined): LedgerRequest | null {
  try {
    const value: unknown = JSON.parse(param ?? '');
    return value && typeof value === 'object' ? (value as LedgerRequest) : null;
  } catch {
    return null;
  }
}

/**
 * 打印 a ledger's first sheet as a table: the very cells of the exported workbook (ledgers.print
 * reads them back from it), merged cells merged, columns in the workbook's proportions. The core
 * applies the export's read rules.
 */
export function LedgerPrint({ param }: { param: string | undefined }) {
  const loaded = useLoad(() => {
    const request = parseLedgerRequest(param);
    return request
      ? api['ledgers.print'](request)
      : Promise.reject(new Error('打印地址无效：缺少台账种类和季度。请回到「台账导出」重新点击「打印」。'));
  }, [param]);
  const sheet = loaded.data;
  return (
    <PrintFrame
      title={sheet ? sheet.fileName.replace(/\.xlsx$/, '') : '台账'}
      loading={loaded.loading && !sheet}
      error={loaded.error}
      onRetry={loaded.reload}
      wide
    >
      {sheet && <SheetTable sheet={sheet} />}
    </PrintFrame>
  );
}

function SheetTable({ sheet }: { sheet: Sheet }) {
  // Cells covered by a merge (other than its top-left) are not drawn.
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    spans.set(`${m.top}:${m.left}`, { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r += 1)
      for (let c = m.left; c <= m.right; c += 1) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const total = sheet.columnWidths.reduce((a, b) => a + b, 0) || 1;
  return (
    <table aria-label={sheet.sheetName} style={{ tableLayout: 'fixed', fontSize: '9pt' }}>
      <colgroup>
        {sheet.columnWidths.map((w, i) => (
          <col key={i} style={{ width: `${((w / total) * 100).toFixed(2)}%` }} />
        ))}
      </colgroup>
      <tbody>
        {sheet.rows.map((row, r) => (
          <tr key={r}>
            {row.map((text, c) => {
              const key = `${r + 1}:${c + 1}`;
              if (covered.has(key)) return null;
              const span = spans.get(key);
              return (
                <td key={c} {...(span ?? {})} style={{ whiteSpace: 'pre-wrap' }}>
                  {text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
