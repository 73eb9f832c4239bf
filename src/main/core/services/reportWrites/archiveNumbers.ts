import type { Actor } from '../../../../shared/domain/accounts';
import type { ReportKind } from '../../../../shared/domain/reports';
import { LuoshiError } from '../../../../shared/errors';
import { chinaYear, formatArchiveNo, isValidArchivePattern } from '../../../../shared/workflow';
import { inTransaction } from '../../db/database';
import { authorize, settingsRole } from '../../policy';
import { getSetting, nextSequence, setSetting } from '../../store/settingsStore';
import type { ReportWriteGuards } from './guards';

/** Settings keys and defaults for archive numbers (归档号) and the compiled report's 发文字号. */
export const archiveSettings = {
  reportPattern: { key: 'archive.reportPattern', fallback: '经开儿童落实档〔{year}〕{seq:4}号' },
  compiledPattern: { key: 'archive.compiledPattern', fallback: '郑经儿童专班〔{year}〕{seq}号' },
} as const;

/** Archive numbers: their patterns (a setting), the next number a filing takes, and those it would take. */
export class ArchiveNumbers {
  constructor(private readonly guards: ReportWriteGuards) {}

  archivePatterns(): { reportPattern: string; compiledPattern: string } {
    const { db } = this.guards;
    return {
      reportPattern: getSetting(db, archiveSettings.reportPattern.key) ?? archiveSettings.reportPattern.fallback,
      compiledPattern: getSetting(db, archiveSettings.compiledPattern.key) ?? archiveSettings.compiledPattern.fallback,
    };
  }

  setArchivePatterns(actor: Actor, patterns: { reportPattern: string; compiledPattern: string }): void {
    const { db, audit } = this.guards;
    authorize(actor, 'reports.setArchiveSettings');
    for (const [field, pattern] of Object.entries(patterns)) {
      if (!isValidArchivePattern(pattern)) {
        throw new LuoshiError(
          'invalid_input',
          `归档号格式「${pattern}」中缺少序号占位符 {seq}（可写作 {seq:4} 表示补足 4 位）。`,
          field,
        );
      }
    }
    inTransaction(db, () => {
      setSetting(db, archiveSettings.reportPattern.key, patterns.reportPattern);
      setSetting(db, archiveSettings.compiledPattern.key, patterns.compiledPattern);
      audit.append({
        actor,
        role: settingsRole(actor),
        subjectType: 'settings',
        subjectId: null,
        event: 'settings.update',
        details: patterns,
      });
    });
  }

  /** Take the next archive number for a report of `kind` (inside the filing transaction). */
  nextArchiveNo(kind: ReportKind): string {
    const year = chinaYear(this.guards.clock.nowIso());
    const patterns = this.archivePatterns();
    const compiled = kind === 'compiled';
    const seq = nextSequence(this.guards.db, archiveSequenceKey(kind, year));
    return formatArchiveNo(compiled ? patterns.compiledPattern : patterns.reportPattern, year, seq);
  }

  /**
   * The next `count` archive numbers the rule would give reports of `kind` now, without taking
   * them: what a bulk filing shows for confirmation. Filing itself still takes each number.
   */
  proposedArchiveNos(kind: ReportKind, count: number): string[] {
    const year = chinaYear(this.guards.clock.nowIso());
    const patterns = this.archivePatterns();
    const taken = Number(getSetting(this.guards.db, archiveSequenceKey(kind, year)) ?? '0');
    const pattern = kind === 'compiled' ? patterns.compiledPattern : patterns.reportPattern;
    return Array.from({ length: count }, (_, i) => formatArchiveNo(pattern, year, taken + i + 1));
  }
}

/** The settings key of a year's archive-number sequence (report numbers and 发文字号 run apart). */
function archiveSequenceKey(kind: ReportKind, year: number): string {
  return `${kind === 'compiled' ? 'archive.compiledSeq' : 'archive.reportSeq'}.${year}`;
}
