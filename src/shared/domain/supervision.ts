import { z } from 'zod';
import { defaultWarningRules, warningRulesSchema } from './progress';

/**
 * 督办 settings: the three-colour warning rules (progress.ts, rule 4) and the 催办 template. The
 * template may name {单位}, {季度} and {截止日期}; each reminder fills them in for its unit.
 */
export const supervisionSettingsSchema = warningRulesSchema.extend({
  reminderTemplate: z.string().trim().min(1, '催办通知模板不能为空').max(500, '催办通知模板不超过 500 字'),
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

export const defaultReminderTemplate =
  '{单位}：请于{截止日期}前报送{季度}工作进展情况，已超期或进度滞后的请抓紧补报并说明原因。';

export const defaultSupervisionSettings: SupervisionSettings = {
  ...defaultWarningRules,
  reminderTemplate: defaultReminderTemplate,
};

/** Fill a reminder template's placeholders for one unit. */
export function fillReminder(template: string, values: { unit: string; quarter: string; deadline: string }): string {
  return template
    .replaceAll('{单位}', values.unit)
    .replaceAll('{季度}', values.quarter)
    .replaceAll('{截止日期}', values.deadline);
}

/** Who is reminded: one unit, or every unit whose report is overdue or lagging. */
export const remindInputSchema = z.object({
  roundId: z.number().int().positive(),
  /** One unit; without it, every unit that drafts an overdue or lagging report in the round. */
  unitId: z.number().int().positive().optional(),
  message: z.string().trim().min(1, '催办内容不能为空').max(500, '催办内容不超过 500 字'),
});
export type RemindInput = z.infer<typeof remindInputSchema>;

export const reminderSchema = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  quarterLabel: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  message: z.string(),
  sentBy: z.string(),
  sentAt: z.string(),
});
export type ReminderEntity = z.infer<typeof reminderSchema>;

/** A unit's reminders in a round: how often, and the last one. */
export const reminderSummarySchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  count: z.number().int(),
  lastAt: z.string(),
  lastBy: z.string(),
  lastMessage: z.string(),
});
export type ReminderSummary = z.infer<typeof reminderSummarySchema>;

/** The units "催办超期、滞后单位" reminds: those drafting an overdue (超期未报) or lagging (进度滞后) report. */
export function behindUnitIds(rows: readonly { status: string; draftingUnitId: number | null }[]): number[] {
  const ids = rows
    .filter((r) => (r.status === 'overdue' || r.status === 'lagging') && r.draftingUnitId !== null)
    .map((r) => r.draftingUnitId ?? 0);
  return [...new Set(ids)];
}
