import { z } from 'zod';
import { reminderSchema, remindInputSchema, supervisionSettingsSchema } from '../domain/supervision';
import { defineMethod } from './define';
import { generatedFileSchema } from './ledgers';

export const supervisionMethods = {
  /** The 督办 settings: the three-colour warning rules and the 催办 template. */
  'supervision.settings': defineMethod({
    summary: '督办设置：三色预警规则与催办通知模板',
    access: 'user',
    input: z.object({}),
    output: supervisionSettingsSchema,
  }),
  'supervision.setSettings': defineMethod({
    summary: '修改督办设置（专班、管理员）',
    access: 'user',
    input: supervisionSettingsSchema,
    output: supervisionSettingsSchema,
  }),
  /** Remind one unit, or every unit whose report is overdue or lagging (专班); stored and audited. */
  'supervision.remind': defineMethod({
    summary: '催办：一个单位，或全部超期未报、进度滞后的单位（专班）',
    access: 'user',
    input: remindInputSchema,
    output: z.array(reminderSchema),
  }),
  'supervision.ofRound': defineMethod({
    summary: '本轮的催办记录（最新在前）',
    access: 'user',
    input: z.object({ roundId: z.number().int().positive() }),
    output: z.array(reminderSchema),
  }),
  /** Reminders to the caller's unit in open rounds: shown in 待办 and on the 工作台. */
  'supervision.mine': defineMethod({
    summary: '本单位收到的催办（填报中的轮次）',
    access: 'user',
    input: z.object({}),
    output: z.array(reminderSchema),
  }),
  /** 催办通知 in the official format: the units reminded in the round and the message (专班). */
  'supervision.exportNotice': defineMethod({
    summary: '导出催办通知（Word，公文格式）：本轮被催办的单位与催办内容（专班）',
    access: 'user',
    input: z.object({ roundId: z.number().int().positive() }),
    output: generatedFileSchema,
  }),
};
