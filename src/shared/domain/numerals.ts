/**
 * Chinese numerals as official documents write them (一, 十, 十二, 二十, 一百零一, 一百一十, 一千零一十,
 * 一万): one function for headings, quarters, ledgers and documents, 0–10,000; other numbers stay Arabic.
 */

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const units = ['千', '百', '十', ''] as const;

export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 10_000) return String(n);
  if (n === 0) return '零';
  if (n === 10_000) return '一万';
  const places = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let text = '';
  let pendingZero = false;
  places.forEach((digit, i) => {
    if (digit === 0) {
      if (text !== '') pendingZero = true;
      return;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    text += `${digits[digit]}${units[i]}`;
  });
  // 10–19 are read 十, 十一 … (not 一十一); inside larger numbers the 一 stays (一百一十).
  return n >= 10 && n < 20 ? text.slice(1) : text;
}
