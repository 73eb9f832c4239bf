import { inTransaction, type WritableDB } from '../db/database';
import {
  deleteFailuresOfKey,
  insertFailure,
  pruneFailures,
  recentFailureTimes,
  type AuthFailureScope,
} from '../store/authFailuresStore';

/**
 * Rate limit of password checks in the browser mode. Policy: at most `maxFailures` failed checks
 * per `windowMs`, counted both per client address (one machine guessing many names) and per
 * username (many machines guessing one name). When either count is reached, further attempts are
 * refused until the oldest failure in the window expires, even if the password would have been
 * right, so a guesser learns nothing while blocked.
 *
 * A successful check clears the username's count but not the address's: otherwise an attacker
 * holding one valid account could reset the address counter between guesses at other accounts.
 *
 * The failures live in the database (`auth_failures`, migration 0014), so every server process
 * on one database (`luoshi serve --workers N`) counts the same failures: N processes do not give
 * a guesser N times the attempts. Rows that left the window are deleted as new failures arrive.
 */

export interface LoginRateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const defaultLoginRateLimit: LoginRateLimitOptions = { maxFailures: 5, windowMs: 5 * 60_000 };

export type LoginAttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

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

function waitText(retryAfterSeconds: number): string {
  return retryAfterSeconds < 60 ? `${retryAfterSeconds} 秒` : `${Math.ceil(retryAfterSeconds / 60)} 分钟`;
}

/** The Chinese refusal, saying how long to wait. */
export function retryMessage(retryAfterSeconds: number): string {
  return `登录失败次数过多，已暂时锁定。请在 ${waitText(retryAfterSeconds)}后再试；如忘记密码，请联系管理员重置。`;
}

/** The refusal for `auth.changePassword` (the same limit, counting wrong current passwords). */
export function passwordChangeRetryMessage(retryAfterSeconds: number): string {
  return `当前密码输错次数过多，修改密码已暂时锁定。请在 ${waitText(retryAfterSeconds)}后再试；如忘记密码，请联系管理员重置。`;
}

/**
 * A limiter over the database. `db` is asked at each call: a restore replaces the connection
 * (core.ts), so the limiter must not hold on to the one it started with.
 */
export function createLoginRateLimiter(
  db: () => WritableDB,
  scope: AuthFailureScope,
  options: LoginRateLimitOptions = defaultLoginRateLimit,
  now: () => number = Date.now,
): LoginRateLimiter {
  return {
    check(address, username) {
      const at = now();
      let unblockAt = 0;
      for (const key of [addressKey(address), usernameKey(username)]) {
        const times = recentFailureTimes(db(), scope, key, at - options.windowMs, options.maxFailures);
        if (times.length >= options.maxFailures) {
          // Blocked until enough failures leave the window to drop below the limit: the oldest
          // of the newest maxFailures is the one that must go.
          const first = times[options.maxFailures - 1] ?? at;
          unblockAt = Math.max(unblockAt, first + options.windowMs);
        }
      }
      if (unblockAt === 0) return { allowed: true };
      const retryAfterSeconds = Math.max(1, Math.ceil((unblockAt - at) / 1000));
      return { allowed: false, retryAfterSeconds, message: retryMessage(retryAfterSeconds) };
    },
    recordFailure(address, username) {
      const at = now();
      const connection = db();
      inTransaction(connection, () => {
        pruneFailures(connection, scope, at - options.windowMs);
        insertFailure(connection, scope, addressKey(address), at);
        insertFailure(connection, scope, usernameKey(username), at);
      });
    },
    recordSuccess(_address, username) {
      const connection = db();
      inTransaction(connection, () => deleteFailuresOfKey(connection, scope, usernameKey(username)));
    },
  };
}

/** The two limits the browser mode applies: sign-in and the current password of a password change. */
export interface PasswordCheckLimiters {
  loginLimiter: LoginRateLimiter;
  passwordChangeLimiter: LoginRateLimiter;
}

export function passwordCheckLimiters(
  db: () => WritableDB,
  options: LoginRateLimitOptions = defaultLoginRateLimit,
  now: () => number = Date.now,
): PasswordCheckLimiters {
  return {
    loginLimiter: createLoginRateLimiter(db, 'login', options, now),
    passwordChangeLimiter: createLoginRateLimiter(db, 'password', options, now),
  };
}
