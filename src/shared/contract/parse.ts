import { z } from 'zod';
import { LuoshiError } from '../errors';
import { describeFieldPath } from './fieldLabels';

// Validation messages are shown to users, so zod speaks Chinese everywhere the contract is parsed.
z.config(z.locales.zhCN());

/**
 * Parse a value from outside the trust boundary. The type insists the input really is
 * `unknown`, so nobody parses an already-typed value by mistake (Signal's parseUnknown).
 * A failure names the first offending field by its Chinese label (「用户名」, not `username`);
 * the error's `field` keeps the path for the form that shows it.
 */
export function parseUnknown<S extends z.ZodType>(schema: S, value: unknown, what = '参数'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const label = issue && issue.path.length > 0 ? describeFieldPath(issue.path) : null;
  const where = label === null ? what : what === '参数' ? label : `${what}中的${label}`;
  throw new LuoshiError('invalid_input', `${where}无效：${issue?.message ?? '格式不正确'}`, field);
}
