import { z } from 'zod';

/**
 * The unit directory: canonical units, their other names, sub-units, and collective groups
 * (各办事处, 各成员单位) whose members an administrator edits.
 */
const unitKinds = ['unit', 'group'] as const;
export const unitKindSchema = z.enum(unitKinds);

/** A directory entry as the importer and the seed directory describe it (no ids). */
export const unitSpecSchema = z.object({
  name: z.string().min(1),
  kind: unitKindSchema,
  aliases: z.array(z.string()),
  /** Canonical name of the parent unit for a sub-unit such as 区党群工作部（妇联）. */
  parent: z.string().nullable(),
  /** For a group: canonical names of its members. */
  members: z.array(z.string()),
  /** Added by an import because no entry matched; an administrator should review it. */
  needsReview: z.boolean(),
});
export type UnitSpec = z.infer<typeof unitSpecSchema>;

export const unitSchema = unitSpecSchema.extend({
  id: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;
