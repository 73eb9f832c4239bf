import { userInfo } from 'node:os';
import { localOperator, type LocalOperator } from '../core/policy';

/** The person running `luoshi`: named in the audit trail by their OS account. */
export function cliOperator(): LocalOperator {
  let name = process.env['USER'] ?? '';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return localOperator(name);
}
