import { describe, expect, it } from 'vitest';
import { createLoginRateLimiter, retryMessage } from '../../../src/main/server/rateLimit';

const minute = 60_000;

function limiter(maxKeys = 100) {
  let clock = 1_000_000;
  const limit = createLoginRateLimiter({ maxFailures: 5, windowMs: 5 * minute, maxKeys }, () => clock);
  return { limit, advance: (ms: number) => (clock += ms) };
}

describe('login rate limit', () => {
  it('allows four failures, refuses after the fifth, and says when to retry', () => {
    const { limit } = limiter();
    for (let i = 0; i < 4; i++) {
      limit.recordFailure('10.0.0.1', 'admin');
      expect(limit.check('10.0.0.1', 'admin').allowed).toBe(true);
    }
    limit.recordFailure('10.0.0.1', 'admin');
    const decision = limit.check('10.0.0.1', 'admin');
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.retryAfterSeconds).toBe(300);
    expect(decision.message).toContain('5 分钟后再试');
  });

  it('counts per username across addresses (many machines, one name)', () => {
    const { limit } = limiter();
    for (let i = 0; i < 5; i++) limit.recordFailure(`10.0.0.${i}`, 'admin');
    expect(limit.check('10.0.0.99', 'admin').allowed).toBe(false);
    expect(limit.check('10.0.0.99', ' ADMIN ').allowed).toBe(false);
    expect(limit.check('10.0.0.99', 'clerk').allowed).toBe(true);
  });

  it('counts per address across usernames (one machine, many names)', () => {
    const { limit } = limiter();
    for (let i = 0; i < 5; i++) limit.recordFailure('10.0.0.7', `user${i}`);
    expect(limit.check('10.0.0.7', 'someone-else').allowed).toBe(false);
    expect(limit.check('10.0.0.8', 'someone-else').allowed).toBe(true);
  });

  it('unblocks when the oldest failure leaves the window, one slot at a time', () => {
    const { limit, advance } = limiter();
    limit.recordFailure('a', 'u');
    advance(minute);
    for (let i = 0; i < 4; i++) limit.recordFailure('a', 'u');
    const blocked = limit.check('a', 'u');
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) expect(blocked.retryAfterSeconds).toBe(240);
    advance(4 * minute - 1);
    expect(limit.check('a', 'u').allowed).toBe(false);
    advance(1);
    expect(limit.check('a', 'u').allowed).toBe(true);
    // One more failure refills the window: blocked again until the next oldest expires.
    limit.recordFailure('a', 'u');
    expect(limit.check('a', 'u').allowed).toBe(false);
  });

  it('a success clears the username count but not the address count', () => {
    const { limit } = limiter();
    for (let i = 0; i < 4; i++) limit.recordFailure('a', 'victim');
    limit.recordSuccess('a', 'victim');
    limit.recordFailure('b', 'victim');
    expect(limit.check('b', 'victim').allowed).toBe(true);
    // The address 'a' still holds its four failures: one more blocks it for every name.
    limit.recordFailure('a', 'other');
    expect(limit.check('a', 'third').allowed).toBe(false);
  });

  it('keeps memory bounded under a flood of addresses', () => {
    const { limit } = limiter(10);
    for (let i = 0; i < 1000; i++) limit.recordFailure(`addr-${i}`, `name-${i}`);
    for (let i = 0; i < 5; i++) limit.recordFailure('attacker', 'admin');
    expect(limit.check('attacker', 'x').allowed).toBe(false);
  });

  it('words short waits in seconds and long ones in minutes', () => {
    expect(retryMessage(30)).toContain('30 秒后再试');
    expect(retryMessage(61)).toContain('2 分钟后再试');
  });

  it('keeps a locked account locked through a flood of junk failures from many addresses', () => {
    const { limit } = limiter(10_000);
    for (let i = 0; i < 5; i++) limit.recordFailure('127.0.0.2', 'admin');
    expect(limit.check('127.0.0.3', 'admin').allowed).toBe(false);
    // 8,500 failures from 1,700 addresses, each with a name of its own (17,000 keys over a cap of 10,000).
    for (let a = 0; a < 1700; a++) {
      for (let n = 0; n < 5; n++) limit.recordFailure(`127.1.${a >> 8}.${a & 255}`, `junk-${a}-${n}`);
    }
    expect(limit.check('127.0.0.9', 'admin').allowed).toBe(false);
  });
});
