import { chinaIsoDate } from '../../../../shared/time';
import { formatChinaTime } from '../../../../shared/workflow/format';
import type { Clock } from '../../clock';
import type { ReadableDB } from '../../db/database';
import type { AuditLedgerRow } from '../../exports/xlsx/auditLedger';
import { writeAuditLedger } from '../../exports/xlsx/auditLedger';
import type { LedgerTarget } from '../../exports/xlsx/excel';
import { auditLedgerRowsAfter, type AuditLedgerDbRow } from '../../store/auditLedgerQueries';
import { getSetting } from '../../store/settingsStore';
import { roleLabels } from '../../../../shared/domain/accounts';
import { auditEventLabel } from '../../../../shared/domain/audit';
import { reportStateLabels } from '../../../../shared/domain/reports';
import { defaultOfficeName, officeNameSetting } from './naming';

/** Rows read per query: big enough to amortise the query, small enough to keep memory flat. */
const PAGE = 1000;

const subjectLabels: Record<string, string> = {
  report: '报告',
  round: '填报轮次',
  user: '账号',
  settings: '设置',
  plan: '工作方案',
};

function subjectText(row: AuditLedgerDbRow): string {
  const label = subjectLabels[row.subject_type] ?? row.subject_type;
  const id = row.report_id ?? row.subject_id;
  const revision = row.revision !== null && row.revision > 1 ? `（第${row.revision}次修订）` : '';
  return id === null ? label : `${label} #${id}${revision}`;
}

// Plain lookups rather than schema parses: this runs once per entry, 100,000 times a ledger.
const roleLabelOf = new Map<string, string>(Object.entries(roleLabels));
const stateLabelOf = new Map<string, string>(Object.entries(reportStateLabels));

function stateLabel(state: string | null): string {
  return state === null ? '—' : (stateLabelOf.get(state) ?? state);
}

/** The labels the app shows elsewhere (the timeline), for one stored entry. */
function auditLedgerRow(row: AuditLedgerDbRow): AuditLedgerRow {
  const changed = row.state_before !== row.state_after;
  return {
    id: row.id,
    at: formatChinaTime(row.at),
    actor: row.actor_name,
    unit: row.unit_name ?? '',
    role: row.role === null ? '' : (roleLabelOf.get(row.role) ?? ''),
    event: auditEventLabel(row.event),
    subject: subjectText(row),
    opinion: row.opinion,
    stateChange: changed ? `${stateLabel(row.state_before)} → ${stateLabel(row.state_after)}` : '',
    hash: row.hash_prefix,
  };
}

/** The whole audit log in chain order, one page per query. */
function* auditLedgerRows(db: ReadableDB): Generator<AuditLedgerRow> {
  let after = 0;
  for (;;) {
    const page = auditLedgerRowsAfter(db, after, PAGE);
    for (const row of page) yield auditLedgerRow(row);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return;
    after = last.id;
  }
}

/**
 * The audit ledger (审计记录台账, .xlsx): every entry of the audit trail, for an inspector who
 * wants the trail on paper or in Excel. Kept beside LedgerService rather than in it so the two
 * can evolve separately; the lead may fold it into LedgerService's kinds.
 */
export class AuditLedgerService {
  constructor(
    private readonly db: ReadableDB,
    private readonly clock: Clock,
  ) {}

  /** Streams the ledger to a file path or stream; returns the suggested file name and the row count. */
  async writeLedger(target: LedgerTarget): Promise<{ fileName: string; rows: number }> {
    const today = chinaIsoDate(this.clock.nowIso());
    const office = getSetting(this.db, officeNameSetting)?.trim() || defaultOfficeName;
    const rows = await writeAuditLedger(
      { title: '落实通审计记录台账', fillingUnit: office, fillingDate: today, rows: auditLedgerRows(this.db) },
      target,
    );
    const [y, m, d] = today.split('-').map(Number);
    return { fileName: `审计记录台账（截至${y}年${m}月${d}日）.xlsx`, rows };
  }
}
