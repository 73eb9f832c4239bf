import { chineseNumeral } from '../../../../shared/domain/numerals';

/** （一）title — unless the title already carries its number. */
export function categoryHeading(no: number, title: string): string {
  return /^[（(][一二三四五六七八九十]+[）)]/.test(title) ? title : `（${chineseNumeral(no)}）${title}`;
}

/** 一、title */
export function sectionHeading(index: number, title: string): string {
  return `${chineseNumeral(index)}、${title}`;
}
