/**
 * Text that XML 1.0 can hold, for the Word and Excel writers alike: C0 controls other than tab,
 * LF and CR, DEL, the non-characters U+FFFE/U+FFFF and lone surrogates (invalid once serialised as
 * UTF-8) are dropped. Callers turn their own line breaks into \n first.
 */
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}
