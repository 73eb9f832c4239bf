import { z } from 'zod';

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
});
export type Actor = z.infer<typeof actorSchema>;
