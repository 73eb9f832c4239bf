/**
 * Login rate limit for the browser mode. Policy: at most `maxFailures` failed logins per
 * `windowMs`, counted both per client address (one machine guessing many names) and per
 * username (many machines guessing one name). When either count is reached, further attempts
 * are refused with 429 until the oldest failure in the window expires, even if the password
 * would have been right, so a guesser learns nothing while blocked.
 *
 * A successful login clears the username's count but not the address's: otherwise an attacker
 * holding one valid account could reset the address counter between guesses at other accounts.
 */

export interface LoginRateLimitOptions {
  maxFailures: number;
  windowMs: number;
  /** Keys kept at most per table (addresses, usernames); unlocked ones are dropped first, oldest first, so a flood cannot exhaust memory or unlock an account. */
  maxKeys: number;
}

const defaultLoginRateLimit: LoginRateLimitOptions = { maxFailures: 5, windowMs: 5 * 60_000, maxKeys: 10_000 };

type LoginAttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

export interface LoginRateLimiter {
  /** May this address try to log in as this username now? */
  check(address: string, username: string): LoginAttemptDecision;
  recordFailure(address: string, username: string): void;
  recordSuccess(address: string, username: string): void;
}

/** Usernames are matched as the accounts service matches them (trimmed); case folded so 'Admin' and 'admin' share a count. */
function usernameKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `addr:${address}`;
}

/** The Chinese refusal, saying how long to wait. */
export function retryMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} 秒` : `${Math.ceil(retryAfterSeconds / 60)} 分钟`;
  return `登录失败次数过多，已暂时锁定。请在 ${wait}后再试；如忘记密码，请联系管理员重置。`;
}

/** The refusal for `auth.changePassword` (the same limiter, counting wrong current passwords). */
export function passwordChangeRetryMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} 秒` : `${Math.ceil(retryAfterSeconds / 60)} 分钟`;
  return `当前密码输错次数过多，修改密码已暂时锁定。请在 ${wait}后再试；如忘记密码，请联系管理员重置。`;
}

export function createLoginRateLimiter(
  options: LoginRateLimitOptions = defaultLoginRateLimit,
  now: () => number = Date.now,
): LoginRateLimiter {
  // Failure times per key, oldest first, addresses and usernames apart: a flood of new addresses
  // must not push a locked account out of the table. A Map keeps insertion order, which the cap uses.
  const byAddress = new Map<string, number[]>();
  const byUser = new Map<string, number[]>();
  const tableOf = (key: string) => (key.startsWith('user:') ? byUser : byAddress);

  const recent = (key: string, at: number): number[] => {
    const failures = tableOf(key);
    const times = failures.get(key);
    if (!times) return [];
    const kept = times.filter((t) => at - t < options.windowMs);
    if (kept.length === 0) failures.delete(key);
    else if (kept.length !== times.length) failures.set(key, kept);
    return kept;
  };

  /** Over the cap, drop the oldest key that is not locked; only when all are locked, the oldest. */
  const evict = (failures: Map<string, number[]>): void => {
    for (const [key, times] of failures) {
      if (times.length < options.maxFailures) {
        failures.delete(key);
        return;
      }
    }
    const oldest = failures.keys().next();
    if (oldest.done !== true) failures.delete(oldest.value);
  };

  const add = (key: string, at: number): void => {
    const failures = tableOf(key);
    const times = recent(key, at);
    // Only the last maxFailures matter for the decision; older ones are dropped.
    const next = [...times, at].slice(-options.maxFailures);
    failures.delete(key);
    failures.set(key, next);
    while (failures.size > options.maxKeys) evict(failures);
  };

  return {
    check(address, username) {
      const at = now();
      let unblockAt = 0;
      for (const key of [addressKey(address), usernameKey(username)]) {
        const times = recent(key, at);
        if (times.length >= options.maxFailures) {
          // Blocked until enough failures leave the window to drop below the limit.
          const first = times[times.length - options.maxFailures] ?? at;
          unblockAt = Math.max(unblockAt, first + options.windowMs);
        }
      }
      if (unblockAt === 0) return { allowed: true };
      const retryAfterSeconds = Math.max(1, Math.ceil((unblockAt - at) / 1000));
      return { allowed: false, retryAfterSeconds, message: retryMessage(retryAfterSeconds) };
    },
    recordFailure(address, username) {
      const at = now();
      add(addressKey(address), at);
      add(usernameKey(username), at);
    },
    recordSuccess(_address, username) {
      byUser.delete(usernameKey(username));
    },
  };
}
