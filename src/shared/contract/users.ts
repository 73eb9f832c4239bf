import { z } from 'zod';
import { createUserInputSchema, passwordSchema, updateUserInputSchema, userSchema } from '../domain/accounts';
import { readinessSchema } from '../domain/readiness';
import { unitKindSchema } from '../domain/units';
import { defineMethod } from './define';

const userId = z.number().int().positive();

export const usersMethods = {
  'users.list': defineMethod({
    summary: '账号列表（管理员、专班）',
    access: 'user',
    input: z.object({}),
    output: z.array(userSchema),
  }),
  'users.create': defineMethod({
    summary: '创建账号（管理员）',
    access: 'user',
    input: createUserInputSchema,
    output: userSchema,
  }),
  'users.update': defineMethod({
    summary: '修改账号的姓名、单位或角色（管理员）',
    access: 'user',
    input: updateUserInputSchema,
    output: userSchema,
  }),
  'users.disable': defineMethod({
    summary: '停用或重新启用账号（管理员）',
    access: 'user',
    input: z.object({ userId, disabled: z.boolean().default(true) }),
    output: userSchema,
  }),
  'users.resetPassword': defineMethod({
    summary: '重置账号密码（管理员）',
    access: 'user',
    input: z.object({ userId, password: passwordSchema, mustChangePassword: z.boolean().default(true) }),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** Which accounts the workflow still lacks (roles per unit), computed from the accounts and the plan. */
  'users.readiness': defineMethod({
    summary: '流程还缺哪些账号和角色（管理员、专班）',
    access: 'user',
    input: z.object({}),
    output: readinessSchema,
  }),
  /** The unit directory, for pickers (a user's unit, filters). */
  'units.list': defineMethod({
    summary: '单位目录（用于选择单位）',
    access: 'user',
    input: z.object({}),
    output: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        kind: unitKindSchema,
        parent: z.string().nullable(),
        aliases: z.array(z.string()),
        members: z.array(z.string()),
      }),
    ),
  }),
};
