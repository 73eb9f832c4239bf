import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../src/shared/contract';
import { describeFieldPath, fieldLabels } from '../../../src/shared/contract/fieldLabels';
import { parseUnknown } from '../../../src/shared/contract/parse';
import { refusalOf as refusal } from '../../helpers/refusal';

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  in?: unknown;
  out?: unknown;
  options?: unknown[];
  valueType?: unknown;
  getter?: () => unknown;
  left?: unknown;
  right?: unknown;
  items?: unknown[];
  innerType?: unknown;
}

/** Every object key reachable in a zod schema. */
function keysOf(schema: unknown, keys = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (!schema || seen.has(schema)) return keys;
  seen.add(schema);
  const def = (schema as { _zod?: { def?: SchemaDef } })._zod?.def;
  if (!def) return keys;
  const walk = (s: unknown) => keysOf(s, keys, seen);
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape ?? {})) {
      keys.add(key);
      walk(value);
    }
  } else if (def.type === 'lazy' && def.getter) walk(def.getter());
  else
    [
      def.element,
      def.in,
      def.out,
      def.valueType,
      def.left,
      def.right,
      def.innerType,
      ...(def.options ?? []),
      ...(def.items ?? []),
    ].forEach(walk);
  return keys;
}

describe('field labels in messages', () => {
  it('has a Chinese label for every field of every method’s input', () => {
    const keys = new Set<string>();
    for (const method of Object.values(contract)) keysOf(method.input, keys);
    expect(keys.size).toBeGreaterThan(40);
    const missing = [...keys].filter((k) => !fieldLabels[k]);
    expect(missing, `add labels to src/shared/contract/fieldLabels.ts for: ${missing.join(', ')}`).toEqual([]);
  });

  it('names 「用户名」 where it used to say 参数字段「username」', () => {
    const error = refusal(() =>
      parseUnknown(contract['users.create'].input, {
        username: '',
        displayName: '张三',
        password: 'password-1',
        unitId: null,
        roles: ['clerk'],
      }),
    );
    expect(error.message).toMatch(/^「用户名」无效：/);
    expect(error.message).not.toMatch(/username|参数字段/);
    expect(error.field).toBe('username');
  });

  it('reads a nested path as the user would', () => {
    expect(describeFieldPath(['content', 'indicatorValues', 1, 'value'])).toBe(
      '「内容」的「指标本季度值」第 2 项的「数值」',
    );
    const error = refusal(() => parseUnknown(z.object({ progress: z.string() }), { progress: 3 }, '报告内容'));
    expect(error.message).toMatch(/^报告内容中的「进展情况」无效：/);
  });
});
