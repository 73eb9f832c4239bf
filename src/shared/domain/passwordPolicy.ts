/**
 * Policy: the one password-strength rule, used by the first administrator's setup, account
 * creation, password reset and password change, on every transport (the contract's
 * `passwordSchema` applies it, and the accounts service checks again for the command line), and
 * by the forms before they send. A password is refused when it is shorter than 8 characters,
 * one character repeated, digits only, a run such as abcdefgh or a keyboard row, one of the
 * passwords every guessing list starts with, or, under 12 characters, made of one kind of
 * character only (letters, digits, or other signs). Long passphrases of letters alone pass.
 */

const minPasswordLength = 8;
const maxPasswordLength = 200;

/** The first entries of every password-guessing list (compared without case). */
const commonPasswords = new Set([
  'password',
  'passw0rd',
  'password1',
  'p@ssw0rd',
  'p@ssword',
  'qwertyui',
  'qwerty123',
  'qwer1234',
  'asdf1234',
  'zxcv1234',
  'abc12345',
  'abcd1234',
  'a1234567',
  'a12345678',
  'aa123456',
  'admin123',
  'admin888',
  'admin1234',
  'root1234',
  'test1234',
  'iloveyou',
  '1qaz2wsx',
  '1q2w3e4r',
  'q1w2e3r4',
  'woaini1314',
  'woaini520',
  'abc123456',
  'qq123456',
  'luoshi123',
]);

const keyboardRows = ['`1234567890-=', 'qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,./'];

function isRun(text: string): boolean {
  const lower = text.toLowerCase();
  let up = true;
  let down = true;
  for (let i = 1; i < lower.length; i += 1) {
    const step = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if (step !== 1) up = false;
    if (step !== -1) down = false;
  }
  if (up || down) return true;
  return keyboardRows.some((row) => row.includes(lower) || [...row].reverse().join('').includes(lower));
}

function kindsOf(text: string): number {
  const letters = /\p{L}/u.test(text) ? 1 : 0;
  const digits = /\p{N}/u.test(text) ? 1 : 0;
  const others = /[^\p{L}\p{N}]/u.test(text) ? 1 : 0;
  return letters + digits + others;
}

/** Why the password is too weak, in a sentence for the form; null when it is acceptable. */
export function passwordWeakness(password: string): string | null {
  const text = password.normalize('NFC');
  const length = [...text].length;
  if (length < minPasswordLength) return `密码至少 ${minPasswordLength} 位。`;
  if (length > maxPasswordLength) return `密码最多 ${maxPasswordLength} 位。`;
  if (/^(.)\1*$/su.test(text)) return '密码不能由同一个字符重复组成，请混合使用字母、数字和符号。';
  if (/^\p{N}+$/u.test(text)) return '密码不能全是数字，请加入字母或符号。';
  if (isRun(text)) return '密码不能是连续的字母、数字或键盘上相邻的一排键（如 abcdefgh、qwertyui），请换一个。';
  if (commonPasswords.has(text.toLowerCase())) return '这是最常被猜中的密码之一，请换一个。';
  if (length < 12 && kindsOf(text) < 2) return '少于 12 位的密码须包含字母、数字、符号中的至少两类。';
  return null;
}
