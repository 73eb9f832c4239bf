import { describe, expect, it } from 'vitest';
import { passwordSchema } from '../../src/shared/domain/accounts';
import { passwordWeakness } from '../../src/shared/domain/passwordPolicy';

describe('the password strength rule', () => {
  it.each([
    ['12345678', '全是数字'],
    ['1234567', '至少 8 位'],
    ['Ab1!', '至少 8 位'],
    ['aaaaaaaa', '同一个字符'],
    ['11111111', '同一个字符'],
    ['20251008', '全是数字'],
    ['abcdefgh', '连续'],
    ['hgfedcba', '连续'],
    ['qwertyui', '连续'],
    ['asdfghjkl', '连续'],
    ['Password', '最常被猜中'],
    ['abcd1234', '最常被猜中'],
    ['admin123', '最常被猜中'],
    ['zhangsan', '至少两类'],
    ['luoshitong', '至少两类'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(passwordWeakness(password)).toContain(reason);
    expect(passwordSchema.safeParse(password).success).toBe(false);
  });

  it.each([
    'password-123',
    'correct-horse',
    'Gu4nli-Yuan',
    'luoshi-demo',
    'zhangsan2025',
    '落实通密码2025',
    'correcthorsebatterystaple',
  ])('accepts %s', (password) => {
    expect(passwordWeakness(password)).toBeNull();
    expect(passwordSchema.safeParse(password).success).toBe(true);
  });
});
