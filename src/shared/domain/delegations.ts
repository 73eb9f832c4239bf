import { z } from 'zod';
import { chinaIsoDate } from '../time';
import { isoDateSchema } from './documents';

/**
 * 委托 (delegation): a leader (负责人) hands review and sign-off to a named colleague of the same
 * unit for a period of China calendar days, first and last day included. While it is active the
 * colleague may approve, return, sign or object wherever the leader could, and is recorded as
 * 张三（代 李四）. It ends by itself after its last day, or earlier when the leader ends it.
 * This file holds the one rule of "active"; the core finds delegations, the machine decides.
 */

export interface DelegationPeriod {
  /** First day, China date YYYY-MM-DD (inclusive). */
  startsOn: string;
  /** Last day, China date YYYY-MM-DD (inclusive). */
  endsOn: string;
  /** When the leader ended it early (ISO instant), or null. */
  endedAt: string | null;
}

/** Active at `nowIso`: within its days in Asia/Shanghai, and not ended early by then. */
export function isDelegationActive(period: DelegationPeriod, nowIso: string): boolean {
  if (period.endedAt !== null && period.endedAt <= nowIso) return false;
  const today = chinaIsoDate(nowIso);
  return period.startsOn <= today && today <= period.endsOn;
}

export type DelegationStatus = 'pending' | 'active' | 'expired' | 'ended';

export const delegationStatusLabels: Record<DelegationStatus, string> = {
  pending: '未开始',
  active: '生效中',
  expired: '已到期',
  ended: '已提前结束',
};

export function delegationStatus(period: DelegationPeriod, nowIso: string): DelegationStatus {
  if (period.endedAt !== null && period.endedAt <= nowIso) return 'ended';
  const today = chinaIsoDate(nowIso);
  if (today < period.startsOn) return 'pending';
  if (today > period.endsOn) return 'expired';
  return 'active';
}

/** 张三（代 李四）: the delegate's name with the leader they stand in for. */
export function onBehalfLabel(delegate: string, leader: string): string {
  return `${delegate}（代 ${leader}）`;
}

export const delegationSchema = z.object({
  id: z.number().int(),
  delegatorId: z.number().int(),
  delegatorName: z.string(),
  delegateId: z.number().int(),
  delegateName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  note: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(['pending', 'active', 'expired', 'ended']),
  statusLabel: z.string(),
});
export type DelegationEntity = z.infer<typeof delegationSchema>;

export const createDelegationInputSchema = z
  .object({
    delegateId: z.number().int().positive(),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    note: z.string().trim().max(200, '说明过长（不超过 200 字）').default(''),
  })
  .refine((d) => d.startsOn <= d.endsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CreateDelegationInput = z.input<typeof createDelegationInputSchema>;

/** A colleague a leader may delegate to: an enabled account of the same unit. */
export const delegateCandidateSchema = z.object({ userId: z.number().int(), displayName: z.string() });
