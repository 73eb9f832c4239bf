import type { ParsedPlan } from '../../../shared/domain/plan';
import type { UnitSpec } from '../../../shared/domain/units';

export interface PlanSource {
  fileName: string;
  bytes: Uint8Array;
  /** For an .xlsx: the sheet to read (default: the first). */
  sheet?: string;
}

export interface ParseResult {
  /** Units as canonical names; warnings inside plan.warnings (with line). */
  plan: ParsedPlan;
  /** The input directory plus any new units (needsReview: true). */
  directory: UnitSpec[];
  /** For an .xlsx: every sheet's name, and the one read. */
  sheets?: string[];
  sheet?: string;
}
