import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type LuoshiCore } from '../../../src/main/core/core';
import { openMemoryDatabase, type WritableDB } from '../../../src/main/core/db/database';
import {
  createLoginRateLimiter,
  passwordCheckLimiters,
  passwordChangeRetryMessage,
  retryMessage,
} from '../../../src/main/core/services/loginLimiter';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';

const minute = 60_000;
const options = { maxFailures: 5, windowMs: 5 * minute };
const opened: { close(): void }[] = [];

afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

function limiter() {
  const db: WritableDB = openMemoryDatabase();
  opened.push(db);
  let clock = 1_000_000;
  const limit = createLoginRateLimiter(
    () => db,
    'login',
    options,
    () => clock,
  );
  return { db, limit, advance: (ms: number) => (clock += ms) };
}

const rows = (db: WritableDB) => (db.prepare('SELECT count(*) AS n FROM auth_failures').get() as { n: number }).n;

describe('login rate limit kept in the database', () => {
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

  it('deletes failures that left the window when new ones arrive, so the table stays small', () => {
    const { db, limit, advance } = limiter();
    for (let i = 0; i < 100; i++) limit.recordFailure(`addr-${i}`, `name-${i}`);
    expect(rows(db)).toBe(200);
    advance(5 * minute);
    limit.recordFailure('attacker', 'admin');
    expect(rows(db)).toBe(2);
  });

  it('keeps the sign-in and password-change counts apart', () => {
    const db = openMemoryDatabase();
    opened.push(db);
    const { loginLimiter, passwordChangeLimiter } = passwordCheckLimiters(
      () => db,
      options,
      () => 5_000_000,
    );
    for (let i = 0; i < 5; i++) passwordChangeLimiter.recordFailure('10.0.0.1', 'session s1');
    expect(passwordChangeLimiter.check('10.0.0.1', 'session s2').allowed).toBe(false);
    expect(loginLimiter.check('10.0.0.1', 'admin').allowed).toBe(true);
  });

  it('words short waits in seconds and long ones in minutes', () => {
    expect(retryMessage(30)).toContain('30 秒后再试');
    expect(retryMessage(61)).toContain('2 分钟后再试');
    expect(passwordChangeRetryMessage(120)).toContain('修改密码已暂时锁定。请在 2 分钟后再试');
  });
});

describe('login rate limit across server processes', () => {
  it('counts the failures of two cores on the same data folder together', async () => {
    const temp = makeTempDir();
    opened.push({ close: temp.cleanup });
    const open = async (): Promise<LuoshiCore> => {
      const core = await createCore({ dataDir: temp.dir, resourcesDir, loadSeedPlan: false });
      opened.unshift(core);
      return core;
    };
    const first = await open();
    const second = await open();
    const now = () => 7_000_000;
    const one = createLoginRateLimiter(() => first.db, 'login', options, now);
    const two = createLoginRateLimiter(() => second.db, 'login', options, now);
    // Three guesses land on one process and two on the other: five in all, so both refuse.
    for (let i = 0; i < 3; i++) one.recordFailure('10.0.0.5', 'admin');
    for (let i = 0; i < 2; i++) two.recordFailure('10.0.0.6', 'admin');
    expect(one.check('10.0.0.7', 'admin').allowed).toBe(false);
    expect(two.check('10.0.0.8', 'admin').allowed).toBe(false);
    // A success on one process clears the name for the other too.
    one.recordSuccess('10.0.0.5', 'admin');
    expect(two.check('10.0.0.8', 'admin').allowed).toBe(true);
  });
});
