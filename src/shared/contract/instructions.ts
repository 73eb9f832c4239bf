import { z } from 'zod';
import { actInstructionInputSchema, instructionSchema, issueInstructionInputSchema } from '../domain/instructions';
import { defineMethod } from './define';

export const instructionsMethods = {
  /** Issue a 批示 on a task to one or more units, with a due date (专班, or a 负责人 of a lead unit); audited. */
  'instructions.issue': defineMethod({
    summary: '下达批示：对任务（可指定报告）交办一个或多个单位，并给出办理时限（工作专班、牵头单位负责人）',
    access: 'user',
    input: issueInstructionInputSchema,
    output: instructionSchema,
  }),
  /** One addressed unit's line: save / submit / confirm / return (the unit), close / send back (issuer, 专班). */
  'instructions.act': defineMethod({
    summary: '批示落实：保存、提交确认、负责人确认或退回，批示人办结或退回重办',
    access: 'user',
    input: actInstructionInputSchema,
    output: instructionSchema,
  }),
  'instructions.get': defineMethod({
    summary: '一条批示及各承办单位的落实情况',
    access: 'user',
    input: z.object({ instructionId: z.number().int().positive() }),
    output: instructionSchema,
  }),
  /** The 批示 on a task the caller may read (task drawer). */
  'instructions.ofTask': defineMethod({
    summary: '任务上的批示及落实情况',
    access: 'user',
    input: z.object({ taskId: z.number().int().positive() }),
    output: z.array(instructionSchema),
  }),
  /** Every 批示 the caller may read; open ones only unless `all` (工作台). */
  'instructions.list': defineMethod({
    summary: '可查看的批示（默认只列未办结的）',
    access: 'user',
    input: z.object({ all: z.boolean().optional() }),
    output: z.array(instructionSchema),
  }),
  /** Open 批示 waiting for the caller: their unit's 落实, or ones to close (我的待办). */
  'instructions.todo': defineMethod({
    summary: '待我处理的批示：本单位待落实、待确认，或待批示人办结',
    access: 'user',
    input: z.object({}),
    output: z.array(instructionSchema),
  }),
};
