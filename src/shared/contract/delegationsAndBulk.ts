import { z } from 'zod';
import { bulkInputSchema, bulkPreviewInputSchema, bulkPreviewItemSchema, bulkResultSchema } from '../domain/bulk';
import { createDelegationInputSchema, delegateCandidateSchema, delegationSchema } from '../domain/delegations';
import { defineMethod } from './define';

/** 批量办理 and 委托 (issue #16). */
export const delegationsAndBulkMethods = {
  /** The reports with, for filing, the consecutive archive numbers the rule proposes; nothing is taken. */
  'reports.bulkPreview': defineMethod({
    summary: '批量办理前的确认清单（归档时预排归档号）',
    access: 'user',
    input: bulkPreviewInputSchema,
    output: z.array(bulkPreviewItemSchema),
  }),
  /** Each item is its own audited step through the single-report path; refusals do not stop the rest. */
  'reports.bulk': defineMethod({
    summary: '批量归档、审核通过或会签，逐份办理并列出结果',
    access: 'user',
    input: bulkInputSchema,
    output: bulkResultSchema,
  }),
  /** The caller's delegations (given or received); all of them for 管理员 and 专班. */
  'delegations.list': defineMethod({
    summary: '委托列表（本人委托与受托；管理员、专班可见全部）',
    access: 'user',
    input: z.object({}),
    output: z.array(delegationSchema),
  }),
  'delegations.candidates': defineMethod({
    summary: '可受托的本单位同事',
    access: 'user',
    input: z.object({}),
    output: z.array(delegateCandidateSchema),
  }),
  /** A leader delegates review and sign-off to a colleague of the same unit, first and last day included. */
  'delegations.create': defineMethod({
    summary: '委托本单位同事代为审核、会签（负责人）',
    access: 'user',
    input: createDelegationInputSchema,
    output: delegationSchema,
  }),
  'delegations.end': defineMethod({
    summary: '提前结束委托（委托人）',
    access: 'user',
    input: z.object({ delegationId: z.number().int().positive() }),
    output: delegationSchema,
  }),
};
