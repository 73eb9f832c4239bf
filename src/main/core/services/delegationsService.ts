import type { Actor } from '../../../shared/domain/accounts';
import {
  createDelegationInputSchema,
  delegationStatus,
  delegationStatusLabels,
  type CreateDelegationInput,
  type DelegationEntity,
} from '../../../shared/domain/delegations';
import { parseUnknown } from '../../../shared/contract/parse';
import { LuoshiError } from '../../../shared/errors';
import { chinaIsoDate, formatChinaDate } from '../../../shared/time';
import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import { authorize, mayDo } from '../policy';
import * as store from '../store/delegationsStore';
import type { DbDelegation } from '../store/delegationsStore';
import { getUser, listUsers } from '../store/usersStore';
import type { AuditService } from './auditService';

/**
 * 委托: a leader delegates review and sign-off to a colleague of the same unit for a period
 * (shared/domain/delegations.ts holds the rule of "active"; policy/delegation.ts applies it when
 * someone acts). Creating and ending one are audited; the leader ends their own early, and the
 * administrator and the task force see every delegation.
 */
export class DelegationsService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The caller's own delegations (given or received); every one for an administrator or 专班. */
  list(actor: Actor): DelegationEntity[] {
    const rows = mayDo(actor, 'delegations.listAll')
      ? store.allDelegations(this.db)
      : store.delegationsOfUser(this.db, actor.userId);
    return rows.map((row) => this.entity(row));
  }

  /** Colleagues a leader may delegate to: enabled accounts of the same unit, not the leader. */
  candidates(actor: Actor): { userId: number; displayName: string }[] {
    if (actor.unitId === null) return [];
    return listUsers(this.db)
      .filter((u) => u.unitId === actor.unitId && u.id !== actor.userId && !u.disabled)
      .map((u) => ({ userId: u.id, displayName: u.displayName }));
  }

  create(actor: Actor, input: CreateDelegationInput): DelegationEntity {
    authorize(actor, 'delegations.create');
    const valid = parseUnknown(createDelegationInputSchema, input as unknown, '委托');
    if (actor.unitId === null || actor.unitName === null) {
      throw new LuoshiError('forbidden', '您的账号没有所属单位，不能委托他人审核、会签。请联系管理员设置所属单位。');
    }
    const delegate = getUser(this.db, valid.delegateId);
    if (!delegate) throw new LuoshiError('not_found', `未找到编号为 ${valid.delegateId} 的账号。`, 'delegateId');
    if (delegate.id === actor.userId)
      throw new LuoshiError('invalid_input', '不能委托给自己，请选择本单位的其他同事。', 'delegateId');
    if (delegate.unitId !== actor.unitId) {
      throw new LuoshiError(
        'forbidden',
        `${delegate.displayName}不是本单位（${actor.unitName}）的人员，不能受托审核、会签。请选择本单位的同事。`,
        'delegateId',
      );
    }
    if (delegate.disabled)
      throw new LuoshiError('invalid_input', `${delegate.displayName}的账号已停用，不能受托。`, 'delegateId');
    const now = this.clock.nowIso();
    const today = chinaIsoDate(now);
    if (valid.endsOn < today) {
      throw new LuoshiError(
        'invalid_input',
        `结束日期 ${formatChinaDate(valid.endsOn)} 已过，请选择今天（${formatChinaDate(today)}）或以后的日期。`,
        'endsOn',
      );
    }
    return inTransaction(this.db, () => {
      const id = store.insertDelegation(this.db, {
        delegatorId: actor.userId,
        delegateId: delegate.id,
        unitId: actor.unitId ?? 0,
        startsOn: valid.startsOn,
        endsOn: valid.endsOn,
        note: valid.note,
        createdAt: now,
      });
      this.audit.append({
        actor,
        role: 'leader',
        subjectType: 'user',
        subjectId: delegate.id,
        event: 'delegation.create',
        opinion: valid.note,
        details: {
          delegationId: id,
          delegateId: delegate.id,
          delegateName: delegate.displayName,
          startsOn: valid.startsOn,
          endsOn: valid.endsOn,
        },
      });
      return this.entity(this.mustGet(id));
    });
  }

  /** End a delegation before its last day: only the leader who gave it. */
  end(actor: Actor, delegationId: number): DelegationEntity {
    return inTransaction(this.db, () => {
      const row = this.mustGet(delegationId);
      if (row.delegator_id !== actor.userId) {
        throw new LuoshiError('forbidden', `只有委托人（${row.delegator_name}）可以提前结束这项委托。`, 'delegationId');
      }
      const now = this.clock.nowIso();
      const status = delegationStatus({ startsOn: row.starts_on, endsOn: row.ends_on, endedAt: row.ended_at }, now);
      if (status === 'ended' || status === 'expired') {
        throw new LuoshiError(
          'conflict',
          `这项委托已${delegationStatusLabels[status].replace(/^已/, '')}，无需再结束。`,
          'delegationId',
        );
      }
      store.endDelegation(this.db, row.id, now, actor.userId);
      this.audit.append({
        actor,
        role: 'leader',
        subjectType: 'user',
        subjectId: row.delegate_id,
        event: 'delegation.end',
        details: { delegationId: row.id, delegateId: row.delegate_id, delegateName: row.delegate_name },
      });
      return this.entity(this.mustGet(row.id));
    });
  }

  private mustGet(id: number): DbDelegation {
    const row = store.getDelegation(this.db, id);
    if (!row) throw new LuoshiError('not_found', `未找到编号为 ${id} 的委托。`, 'delegationId');
    return row;
  }

  private entity(row: DbDelegation): DelegationEntity {
    const status = delegationStatus(
      { startsOn: row.starts_on, endsOn: row.ends_on, endedAt: row.ended_at },
      this.clock.nowIso(),
    );
    return {
      id: row.id,
      delegatorId: row.delegator_id,
      delegatorName: row.delegator_name,
      delegateId: row.delegate_id,
      delegateName: row.delegate_name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      note: row.note,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      status,
      statusLabel: delegationStatusLabels[status],
    };
  }
}
