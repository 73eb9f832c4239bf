import { roleLabels, type Actor, type Role } from '../../../shared/domain/accounts';
import { LuoshiError } from '../../../shared/errors';

/** Refuse unless the actor holds one of `roles`; the message says which roles may do `what`. */
export function requireRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (roles.some((r) => actor.roles.includes(r))) return;
  const names = roles.map((r) => roleLabels[r]).join('或');
  throw new LuoshiError('forbidden', `只有${names}可以${what}。`);
}
