import type { FontMapping } from '../../../../../shared/domain/documents';
import { latinFont, songFont } from './runs';

/**
 * docx writes an empty word/fontTable.xml. This one lists every face the document uses, with the
 * GB2312 charset and, for the standard's legacy names, the name Windows ships them under, so
 * Word and WPS have a hint when a machine lacks the exact face.
 */

const alternates: Record<string, string> = {
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  方正小标宋简体: 'FZXiaoBiaoSong-B05S',
  黑体: 'SimHei',
  宋体: 'SimSun',
  仿宋: 'FangSong',
  楷体: 'KaiTi',
};

const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function fontTableXml(fonts: FontMapping): string {
  const cjk = [...new Set([fonts.xiaobiaosong, fonts.fangsong, fonts.heiti, fonts.kaiti, songFont])];
  const entries = cjk.map((name) => {
    const alt = alternates[name];
    return (
      `<w:font w:name="${escapeXml(name)}">` +
      (alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : '') +
      `<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`
    );
  });
  entries.push(
    `<w:font w:name="${latinFont}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries.join('') +
    '</w:fonts>'
  );
}
