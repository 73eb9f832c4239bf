import type { DocumentSettings } from '../../../../../shared/domain/documents';
import type { AnswerState } from '../../../../../shared/domain/instructions';
import type { IndicatorRating, StatusCounts, TaskStatus } from '../../../../../shared/domain/progress';

export type { IndicatorRating, StatusCounts, TaskStatus };

/**
 * Plain data the composers read. They know nothing of the database: the caller maps stored plans,
 * rounds and filed reports to these shapes.
 */

export interface RoundRef {
  year: number;
  /** 1–4. */
  quarter: number;
}

export interface PlanRef {
  /** 《…工作方案》 without the book-title marks, e.g. 郑州经开区贯彻落实郑州市儿童友好城市建设工作方案. */
  title: string;
  /** The plan's own 发文字号, e.g. 郑经管政〔2023〕32号, if it has one. */
  docNumber?: string | null;
  /** What the work is about, used in titles: 儿童友好城市建设. */
  subject: string;
}

export interface TaskProgress {
  /** The plan's task number (1–55), unique across categories. */
  no: number;
  title: string;
  leadUnits: string[];
  status: TaskStatus;
  /** 进展情况 as filed; empty when nothing was reported. */
  progress: string;
  problems: string;
  nextSteps: string;
}

export interface CategoryProgress {
  /** 1-based: （一） is 1. */
  no: number;
  title: string;
  tasks: TaskProgress[];
}

export interface IndicatorProgress {
  taskNo: number;
  metric: string;
  /** The target as the plan states it, e.g. ≥6个 or 控制在25%以内. */
  target: string;
  baseline: string | null;
  /** This quarter's value from the submitted report; null when none counts. */
  current: string | null;
  /** 应达值 by the quarter's end (序时进度); null when it cannot be drawn. */
  expected: string | null;
  unit: string;
  /** The progress rule's rating (src/shared/domain/progress.ts). */
  rating: IndicatorRating;
}

/** A 批示 open at some time in the quarter, with each addressed unit's line as stored. */
export interface InstructionProgress {
  taskNo: number;
  text: string;
  issuedBy: string;
  /** ISO instant. */
  issuedAt: string;
  /** ISO date (Asia/Shanghai). */
  dueDate: string;
  lines: { unit: string; state: AnswerState; answer: string; overdue: boolean }[];
}

export interface QuarterlyReportInput {
  plan: PlanRef;
  round: RoundRef;
  settings: DocumentSettings;
  categories: CategoryProgress[];
  indicators: IndicatorProgress[];
  /** 批示 open at some time in the quarter: listed in the annex 领导批示落实情况 when there are any. */
  instructions?: InstructionProgress[];
  /**
   * Whether the round's deadline has passed. After it, a task that is 未报送 was reported in time and
   * sent back for rework (the progress rule), and is worded so.
   */
  deadlinePassed?: boolean;
  /** 成文日期 (ISO). */
  date: string;
  /** 发文字号 once assigned; null for a draft. */
  docNumber: string | null;
}

export interface TaskReportInput {
  plan: PlanRef;
  round: RoundRef;
  settings: DocumentSettings;
  category: { no: number; title: string };
  task: TaskProgress & {
    /** The task's text in the plan. */
    body: string;
    responsibleUnits: string[];
  };
  indicators: IndicatorProgress[];
  date: string;
  docNumber: string | null;
  /** The reporting unit; defaults to the first lead unit. */
  issuer?: { name: string; mark: string };
  /** Defaults to the settings' issuer (the task force), to whom units report. */
  addressee?: string;
}

export interface BulletinTask {
  no: number;
  title: string;
  categoryNo: number;
  categoryTitle: string;
  leadUnits: string[];
  /** Units that have not reported, for an overdue task; empty otherwise. */
  missingUnits: string[];
  status: 'lagging' | 'overdue';
  /** Why it lags, from the filed report or the office's review. */
  problems: string;
}

export interface BulletinInput {
  plan: PlanRef;
  round: RoundRef;
  settings: DocumentSettings;
  /** Counts for the whole round. */
  totals: StatusCounts;
  tasks: BulletinTask[];
  /** Rectification due date (ISO); the caller makes it fall after the round's own deadline. */
  correctionDeadline: string;
  /** The round's reporting deadline (ISO date). */
  roundDeadline: string;
  /** Whether that deadline has passed (see QuarterlyReportInput.deadlinePassed). */
  deadlinePassed?: boolean;
  date: string;
  docNumber: string | null;
  /** Defaults to 各成员单位. */
  addressee?: string;
}
