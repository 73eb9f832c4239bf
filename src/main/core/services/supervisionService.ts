import type { Actor } from '../../../shared/domain/accounts';
import { effectiveDeadline } from '../../../shared/domain/progress';
import { chinaDate } from '../../../shared/domain/rounds';
import {
  behindUnitIds,
  fillReminder,
  supervisionSettingsSchema,
  type ReminderEntity,
  type ReminderSummary,
  type RemindInput,
  type SupervisionSettings,
} from '../../../shared/domain/supervision';
import { LuoshiError } from '../../../shared/errors';
import { quarterLabel } from '../../../shared/quarters';
import type { Clock } from '../clock';
import { inTransaction, type ReadableDB, type WritableDB } from '../db/database';
import {
  extensionsOfRound,
  insertReminder,
  openRemindersOfUnit,
  remindersOfRound,
  type DbReminder,
} from '../store/remindersStore';
import { getRoundRow, unitNames } from '../store/roundsStore';
import { readSupervisionSettings, writeSupervisionSettings } from '../store/supervisionSettings';
import type { AuditService } from './auditService';
import { authorize } from '../policy';
import type { ReportQueries } from './reportQueries';

/**
 * 督办: reminders (催办) to units in a round, and the settings they and the three-colour warning
 * use. A reminder is stored and audited, and shows in the reminded unit's 待办 and 工作台 while
 * the round is open.
 */
export class SupervisionService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly queries: ReportQueries,
  ) {}

  settings(): SupervisionSettings {
    return readSupervisionSettings(this.db);
  }

  setSettings(actor: Actor, input: SupervisionSettings): SupervisionSettings {
    authorize(actor, 'supervision.setSettings');
    const settings = supervisionSettingsSchema.parse(input);
    inTransaction(this.db, () => {
      writeSupervisionSettings(this.db, settings);
      this.audit.append({
        actor,
        role: actor.roles.includes('coordinator') ? 'coordinator' : 'admin',
        subjectType: 'settings',
        subjectId: null,
        event: 'settings.update',
        opinion: `督办设置：临近截止 ${settings.dueSoonDays} 天黄色预警，低于应达值超过 ${settings.redMarginPercent}% 红色预警`,
        details: { supervision: settings },
      });
    });
    return this.settings();
  }

  /**
   * Remind one unit, or every unit that drafts an overdue (超期未报) or lagging (进度滞后) report
   * in the round. The message's placeholders are filled in per unit; one audit entry per unit.
   */
  remind(actor: Actor, input: RemindInput): ReminderEntity[] {
    authorize(actor, 'supervision.remind');
    const sent = inTransaction(this.db, () => {
      const round = getRoundRow(this.db, input.roundId);
      if (!round) throw new LuoshiError('not_found', `未找到编号为 ${input.roundId} 的填报轮次。`, 'roundId');
      const label = quarterLabel({ year: round.year, quarter: round.quarter });
      if (round.status !== 'open' && round.carry_over !== 1) {
        throw new LuoshiError('conflict', `${label}填报轮次已关闭，不能再催办。如需补报，请先重新开启本轮。`);
      }
      const names = unitNames(this.db);
      let unitIds: number[];
      if (input.unitId !== undefined) {
        if (!names.has(input.unitId))
          throw new LuoshiError('not_found', `未找到编号为 ${input.unitId} 的单位。`, 'unitId');
        unitIds = [input.unitId];
      } else {
        unitIds = behindUnitIds(this.queries.overviewRows(input.roundId).rows);
        if (unitIds.length === 0) throw new LuoshiError('conflict', `${label}没有超期未报或进度滞后的单位，无需催办。`);
      }
      const extensions = new Map(extensionsOfRound(this.db, input.roundId).map((e) => [e.unit_id, e]));
      const at = this.clock.nowIso();
      return unitIds.map((unitId) => {
        const unit = names.get(unitId) ?? `单位 ${unitId}`;
        const deadline = chinaDate(effectiveDeadline(round.deadline, unitId, extensions));
        const message = fillReminder(input.message.trim(), { unit, quarter: label, deadline });
        const id = insertReminder(this.db, { roundId: input.roundId, unitId, message, sentBy: actor.userId }, at);
        this.audit.append({
          actor,
          role: 'coordinator',
          subjectType: 'round',
          subjectId: input.roundId,
          event: 'round.remind',
          opinion: `催办${unit}：${message}`,
          details: { reminderId: id, unitId, unit },
        });
        return id;
      });
    });
    const ids = new Set(sent);
    return remindersOfRound(this.db, input.roundId)
      .filter((r) => ids.has(r.id))
      .map((r) => this.entity(r));
  }

  /** Per unit: how often it was reminded in the round, and the last reminder. */
  summaries(roundId: number): ReminderSummary[] {
    return reminderSummaries(this.db, roundId);
  }

  /** Every reminder of the round, newest first. */
  ofRound(roundId: number): ReminderEntity[] {
    return remindersOfRound(this.db, roundId).map((r) => this.entity(r));
  }

  /** Reminders to the caller's unit in open rounds, newest first (their 待办 and 工作台). */
  mine(actor: Actor): ReminderEntity[] {
    if (actor.unitId === null) return [];
    return openRemindersOfUnit(this.db, actor.unitId).map((r) => this.entity(r));
  }

  private entity(r: DbReminder): ReminderEntity {
    const round = getRoundRow(this.db, r.round_id);
    return {
      id: r.id,
      roundId: r.round_id,
      quarterLabel: round ? quarterLabel({ year: round.year, quarter: round.quarter }) : '',
      unitId: r.unit_id,
      unitName: r.unit_name,
      message: r.message,
      sentBy: r.sent_by_name ?? '系统',
      sentAt: r.sent_at,
    };
  }
}

/** Per unit: how often it was reminded in the round, and the last reminder; the latest first. */
export function reminderSummaries(db: ReadableDB, roundId: number): ReminderSummary[] {
  const byUnit = new Map<number, ReminderSummary>();
  // Newest first: the first one met is the last sent.
  for (const r of remindersOfRound(db, roundId)) {
    const seen = byUnit.get(r.unit_id);
    if (seen) seen.count += 1;
    else
      byUnit.set(r.unit_id, {
        unitId: r.unit_id,
        unitName: r.unit_name,
        count: 1,
        lastAt: r.sent_at,
        lastBy: r.sent_by_name ?? '系统',
        lastMessage: r.message,
      });
  }
  return [...byUnit.values()];
}
