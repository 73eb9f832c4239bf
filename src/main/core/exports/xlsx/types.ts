import type { ProjectKind } from '../../../../shared/domain/plan';
import type { QuarterRef, TaskStatus } from '../../../../shared/domain/ledgers';
import type { WarningLevel } from '../../../../shared/domain/progress';

/**
 * What the ledger writers take: plain data, no database. The caller maps its rows to these.
 * Per-quarter maps are keyed by `quarterKey` (`2025Q3`).
 */

export interface LedgerHeading {
  /** The ledger's title, e.g. 郑州经开区贯彻落实郑州市儿童友好城市建设工作方案重点任务推进台账 */
  title: string;
  /** 填报单位 */
  fillingUnit: string;
  /** 填报日期, ISO date (2025-10-15). */
  fillingDate: string;
  /** The quarters shown, one progress column each, in order. */
  quarters: QuarterRef[];
}

/** One task (or project) with its progress, as a row of a ledger. */
export interface ProgressItem {
  /** The plan's own number (not a row counter). */
  no: number | string;
  title: string;
  /** Target sentences, one per line. */
  targets: string[];
  leadUnits: string[];
  responsibleUnits: string[];
  /** 完成时限, e.g. 2025年底前; null when the plan gives none. */
  deadline: string | null;
  /** Progress text per quarter key (`2025Q3`); a missing key is an empty cell. */
  progressByQuarter: Record<string, string>;
  /** Status in the last quarter of the range; null when not yet known. */
  status: TaskStatus | null;
  /** 三色预警 in the last quarter of the range; null when not yet known. */
  warning?: WarningLevel | null;
  problems: string;
  nextSteps: string;
  remarks: string;
}

interface TaskLedgerCategory {
  /** 1-based: 1 is （一）. */
  no: number;
  title: string;
  tasks: ProgressItem[];
}

export interface TaskLedgerInput extends LedgerHeading {
  categories: TaskLedgerCategory[];
}

/** A project's content (建设内容) takes the place of a task's targets. */
interface ProjectItem extends Omit<ProgressItem, 'targets'> {
  content: string;
}

export interface ProjectLedgerGroup {
  kind: ProjectKind;
  projects: ProjectItem[];
}

export interface ProjectLedgerInput extends LedgerHeading {
  groups: ProjectLedgerGroup[];
}

export interface UnitLedgerItem extends ProgressItem {
  kind: 'task' | ProjectKind;
}

export interface UnitLedgerInput extends LedgerHeading {
  /** The unit whose ledger it is. */
  unitName: string;
  /** Tasks and projects the unit leads. */
  led: UnitLedgerItem[];
  /** Tasks and projects the unit takes part in as a responsible unit. */
  shared: UnitLedgerItem[];
}

export interface IndicatorLedgerRow {
  metric: string;
  /** The task the indicator belongs to; null for an indicator of the plan as a whole. */
  taskNo: number | null;
  taskTitle: string | null;
  /** Unit of measure: 人 个 % ‰ … */
  unit: string;
  baseline: number | null;
  baselineYear: number | null;
  /** The target as a person reads it, e.g. ≥ 6（2025年）. */
  target: string;
  /** Reported value per quarter key; missing or null is an empty cell. */
  valuesByQuarter: Record<string, number | null>;
  /** 应达值: the value due by 序时进度 where 是否达序 is judged; null when it cannot be drawn. */
  expected: number | null;
  /** Completion as a fraction (0.85 is 85%), computed by the caller; null when it cannot be. */
  completionRate: number | null;
  /** Whether the latest value keeps pace with the target (是否达序); null when unknown. */
  onPace: boolean | null;
  remarks?: string;
}

export interface IndicatorLedgerInput extends LedgerHeading {
  rows: IndicatorLedgerRow[];
}

// ---------------------------------------------------------------------------------------------
// Fill-in sheets

interface FillInIndicatorInput {
  indicatorId: number;
  metric: string;
  /** The target as text, e.g. ≥ 6 个（2025年）. */
  target: string;
  unit: string;
  /** The value currently stored for this round; null for none yet. */
  value: number | null;
}

export interface FillInRowInput {
  reportId: number;
  /** Bumps on every change of the report; the import refuses a report that moved on. */
  version: number;
  kind: 'task' | 'project';
  no: number | string;
  title: string;
  progress: string;
  problems: string;
  nextSteps: string;
  /** 本任务已全部完成, chosen on the sheet from a 是/否 list. */
  completed: boolean;
  indicators: FillInIndicatorInput[];
}

export interface FillInSheetInput {
  round: { id: number; year: number; quarter: number; /** ISO date */ deadline: string };
  unit: { id: number; name: string };
  /** Key for the HMAC that seals the identifiers; never written into the file. */
  secret: string;
  rows: FillInRowInput[];
  /** When the sheet is made (ISO); defaults to now. */
  createdAt?: string;
}
