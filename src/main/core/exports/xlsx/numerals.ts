const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99; larger numbers stay Arabic). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : tens === 1 ? '十' : `${digits[tens]}十`;
  return tensText + (ones === 0 ? '' : digits[ones]);
}

/** （一）title — unless the title already carries its number. */
export function categoryHeading(no: number, title: string): string {
  return /^[（(][一二三四五六七八九十]+[）)]/.test(title) ? title : `（${chineseNumeral(no)}）${title}`;
}

/** 一、title */
export function sectionHeading(index: number, title: string): string {
  return `${chineseNumeral(index)}、${title}`;
}
