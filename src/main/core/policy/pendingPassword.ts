import { LuoshiError } from '../../../shared/errors';
import type { Actor } from '../../../shared/domain/accounts';
import type { MethodName } from '../../../shared/contract';

/**
 * What an account whose password an administrator set (or reset) may call before it chooses its
 * own: enough to see who is signed in, change the password, or sign out. The renderer shows only
 * the password dialog then; this rule makes the core refuse everything else too, whatever the client.
 */
export const allowedWhilePasswordPending: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.status',
  'auth.login',
  'auth.logout',
  'auth.changePassword',
  'system.info',
]);

export function requirePasswordSettled(actor: Actor | null, method: MethodName): void {
  if (actor?.mustChangePassword !== true || allowedWhilePasswordPending.has(method)) return;
  throw new LuoshiError(
    'forbidden',
    '管理员为您设置的初始密码尚未修改：请先修改密码（登录后按提示设置自己的新密码），再进行其他操作。',
  );
}
