import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt from node:crypto, stored as `scrypt$N$r$p$salt$key` (base64) so the
 * cost can rise later without invalidating old hashes. `cost: 'demo'` uses a small N for the
 * demo generator's throwaway accounts; it is still a real salted scrypt hash and verifies the
 * same way.
 */
export type HashCost = 'standard' | 'demo';

const params: Record<HashCost, { N: number; r: number; p: number }> = {
  standard: { N: 16384, r: 8, p: 1 },
  demo: { N: 1024, r: 8, p: 1 },
};
const keyLength = 32;

export function hashPassword(password: string, cost: HashCost = 'standard'): string {
  const { N, r, p } = params[cost];
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, keyText] = parts;
  const expected = Buffer.from(keyText ?? '', 'base64');
  if (expected.length === 0) return false;
  const key = scryptSync(password.normalize('NFC'), Buffer.from(saltText ?? '', 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}
