import sanitize from 'sanitize-filename';

/**
 * A file name every system accepts (sanitize-filename: characters Windows and macOS refuse, control
 * characters, reserved names such as CON and NUL, trailing dots and spaces, 255 bytes), the
 * extension kept. Refused characters become _, so 关于…/…的报告 stays readable.
 */
const bytes = (text: string): number => new TextEncoder().encode(text).length;

export function safeFileName(name: string, fallback = '文件'): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  // Leave room for the extension within the 255-byte limit (a Han character is 3 bytes).
  const room = 255 - bytes(ext);
  let cleaned = sanitize(stem.replace(/[. ]+$/, ''), { replacement: '_' });
  while (bytes(cleaned) > room) cleaned = [...cleaned].slice(0, -1).join('');
  // A reserved name (CON, NUL …) comes back as bare replacements: name it by the fallback.
  if (/^_*$/.test(cleaned) || sanitize(cleaned) !== cleaned) cleaned = fallback;
  return `${cleaned}${ext}`;
}
