import { z } from 'zod';
import {
  closePreviewSchema,
  closeRoundInputSchema,
  extendInputSchema,
  extensionSchema,
  isoDate,
  openRoundInputSchema,
  roundOverviewSchema,
  roundSchema,
  roundWindowSchema,
} from '../domain/rounds';
import { defineMethod } from './define';

const roundId = z.number().int().positive();

export const roundsMethods = {
  'rounds.list': defineMethod({
    summary: '填报轮次列表（最新在前）',
    access: 'user',
    input: z.object({}),
    output: z.array(roundSchema),
  }),
  /** Open a round for a quarter: one report per task and project, in drafting. Coordinators only. */
  'rounds.open': defineMethod({
    summary: '开启季度填报轮次（专班）',
    access: 'user',
    input: openRoundInputSchema,
    output: roundSchema,
  }),
  /** Which quarters a round may be opened for now (the plan's period, not after the next quarter). */
  'rounds.window': defineMethod({
    summary: '可以开启填报轮次的季度范围',
    access: 'user',
    input: z.object({}),
    output: roundWindowSchema,
  }),
  /** What is still open in a round, for the closing dialog: counts per state and every unfiled report. */
  'rounds.closePreview': defineMethod({
    summary: '关闭前检查：本轮尚未归档的报告（专班）',
    access: 'user',
    input: z.object({ roundId }),
    output: closePreviewSchema,
  }),
  /**
   * Close a round; optionally file every report waiting to be filed, and carry the drafting
   * reports over or leave them unfinished. Submitted reports move on after closing either way.
   */
  'rounds.close': defineMethod({
    summary: '关闭填报轮次（专班）',
    access: 'user',
    input: closeRoundInputSchema,
    output: roundSchema,
  }),
  /** Delete a round opened by mistake: only while none of its reports was ever submitted. */
  'rounds.delete': defineMethod({
    summary: '删除未有报告提交过的填报轮次（专班）',
    access: 'user',
    input: z.object({ roundId }),
    output: z.object({ ok: z.literal(true), reports: z.number().int(), attachments: z.number().int() }),
  }),
  'rounds.setDeadline': defineMethod({
    summary: '修改填报轮次的报送截止日期（专班）',
    access: 'user',
    input: z.object({ roundId, deadline: isoDate }),
    output: roundSchema,
  }),
  /** 延期: give one unit a later deadline in the round, with a reason (audited). Coordinators only. */
  'rounds.extend': defineMethod({
    summary: '为单位延期：本轮报送截止日期延至新日期（专班，须填写理由）',
    access: 'user',
    input: extendInputSchema,
    output: extensionSchema,
  }),
  /** Take back a unit's 延期, with a reason (audited); its reports are judged by the round's deadline again. */
  'rounds.cancelExtension': defineMethod({
    summary: '取消单位延期：恢复本轮报送截止日期（专班，须填写理由）',
    access: 'user',
    input: z.object({ roundId, unitId: z.number().int().positive(), reason: z.string().max(500, '理由不超过 500 字') }),
    output: z.array(extensionSchema),
  }),
  /** Reopen a closed round; the reason is recorded in the audit trail. */
  'rounds.reopen': defineMethod({
    summary: '重新开启已关闭的填报轮次（专班，须填写理由）',
    access: 'user',
    input: z.object({ roundId, reason: z.string().max(500, '理由不超过 500 字') }),
    output: roundSchema,
  }),
  /** Every task's and project's report state and status in the round, and who is awaited. */
  'rounds.overview': defineMethod({
    summary: '轮次总览：各任务报告状态、进度状态与待办单位',
    access: 'user',
    input: z.object({ roundId }),
    output: roundOverviewSchema,
  }),
};
