import { z } from 'zod';
import { passwordWeakness } from './passwordPolicy';

/** Roles: 经办人 drafts, 负责人 reviews and signs for a unit, 专班 coordinates and files, 管理员 administers. */
export const roles = ['clerk', 'leader', 'coordinator', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  clerk: '经办人',
  leader: '负责人',
  coordinator: '专班',
  admin: '管理员',
};

/** The signed-in user as the core sees them when checking a permission. */
export const actorSchema = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(roleSchema),
  /** Set for an account an administrator created or reset: the app asks for a new password before anything else. */
  mustChangePassword: z.boolean().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** A user account as administrators see it. The password hash never leaves the core. */
export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** The user has not yet replaced the password an administrator set. */
  mustChangePassword: z.boolean().optional(),
});
export type UserEntity = z.infer<typeof userSchema>;

/** Login names: letters, digits and . _ - so they can be typed on any keyboard. */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,40}$/, '用户名应为 2–40 位字母、数字或 . _ -');
/** A new password: the shared strength rule (passwordPolicy.ts). */
export const passwordSchema = z.string().superRefine((password, context) => {
  const weakness = passwordWeakness(password);
  if (weakness !== null) context.addIssue({ code: 'custom', message: weakness });
});
export const displayNameSchema = z.string().trim().min(1, '请填写姓名').max(40, '姓名过长');

export const createUserInputSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  unitId: z.number().int().positive().nullable(),
  roles: z.array(roleSchema).min(1, '至少选择一个角色'),
  /** Ask the user for a new password at first sign-in (default yes: an administrator chose this one). */
  mustChangePassword: z.boolean().default(true),
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;

export const updateUserInputSchema = z.object({
  userId: z.number().int().positive(),
  displayName: displayNameSchema.optional(),
  unitId: z.number().int().positive().nullable().optional(),
  roles: z.array(roleSchema).min(1, '至少选择一个角色').optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const authStatusSchema = z.object({
  /** True on first run: no account exists yet, so the administrator must be created. */
  needsSetup: z.boolean(),
  /** The signed-in user of this session, if any. */
  actor: actorSchema.nullable(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

/** The part of an actor the workflow machine needs to decide a permission. */
export interface ActorRef {
  userId: number;
  unitId: number | null;
  roles: readonly Role[];
  /**
   * Leaders this user stands in for under an active 委托 (delegation), as the core found them:
   * the machine's guards let the user act for any party one of them could act for (代 X).
   */
  actingFor?: readonly DelegatorRef[];
}

/** A leader as the machine sees them when a delegate acts in their place. */
export interface DelegatorRef {
  userId: number;
  unitId: number | null;
  roles: readonly Role[];
}
