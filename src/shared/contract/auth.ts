import { z } from 'zod';
import { actorSchema, authStatusSchema, displayNameSchema, passwordSchema, usernameSchema } from '../domain/accounts';
import { workflowNeedSchema } from '../domain/readiness';
import { defineMethod } from './define';

export const authMethods = {
  /**
   * Whether first-run setup is needed, and who is signed in on this session. On first run only,
   * `setupNeeds` lists the accounts the workflow will need (there are none yet, so nothing leaks).
   */
  'auth.status': defineMethod({
    summary: '登录状态；首次运行时提示创建管理员及流程所需的账号',
    access: 'public',
    input: z.object({}),
    output: authStatusSchema.extend({ setupNeeds: z.array(workflowNeedSchema) }),
  }),
  /** First run only: create the administrator account and sign in as it. */
  'auth.setup': defineMethod({
    summary: '首次运行：创建管理员账号并登录',
    access: 'public',
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }),
    output: actorSchema,
  }),
  /** Sign in; the transport remembers the session (cookie or window). */
  'auth.login': defineMethod({
    summary: '登录',
    access: 'public',
    input: z.object({ username: z.string().min(1, '请填写用户名'), password: z.string().min(1, '请填写密码') }),
    output: actorSchema,
  }),
  'auth.logout': defineMethod({
    summary: '退出登录',
    access: 'user',
    input: z.object({}),
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.changePassword': defineMethod({
    summary: '修改自己的密码',
    access: 'user',
    input: z.object({ currentPassword: z.string().min(1, '请填写当前密码'), newPassword: passwordSchema }),
    output: z.object({ ok: z.literal(true) }),
  }),
};
