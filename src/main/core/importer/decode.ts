import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { LuoshiError } from '../../../shared/errors';

/** Plans are a few hundred kilobytes; anything this large is not a plan. */
export const maxSourceBytes = 10 * 1024 * 1024;

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Share of characters that never occur in a text document (controls other than tab/newline). */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  // By UTF-16 unit, not by code point: every character counted is in the BMP, and the string iterator is far slower.
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || c === 0x7f) bad += 1;
  }
  return bad / text.length;
}

function decodeText(bytes: Uint8Array, fileName: string): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”不是文本文件（含有二进制内容），无法读取。请选择 .txt 或 .docx 格式的工作方案。`,
      'file',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: Chinese text saved by Windows tools is GBK/GB18030.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  }
}

async function decodeDocx(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    // mammoth ends every paragraph with a blank line; one line per paragraph makes the line
    // numbers of warnings the paragraph numbers of the document.
    return result.value.replace(/\n\n/g, '\n');
  } catch {
    throw new LuoshiError('invalid_input', `文件“${fileName}”不是有效的 Word（.docx）文件，无法读取。`, 'file');
  }
}

/**
 * The text of a plan file: .docx through mammoth; text as UTF-8 (with or without BOM), UTF-16
 * with BOM, else GB18030/GBK. Refuses empty, oversize and binary files with a message that
 * names the file.
 */
export async function decodeSource(fileName: string, bytes: Uint8Array): Promise<string> {
  checkSize(fileName, bytes);
  const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip || /\.docx$/i.test(fileName)) return checkText(await decodeDocx(bytes, fileName), fileName);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”是旧版 Office（.doc/.xls）格式，无法直接读取。请在 Word 或 Excel 中另存为 .docx、.xlsx 或 .txt 后再导入。`,
      'file',
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”是 PDF 文件，无法直接读取。请用 PDF 阅读器“导出为文本”或复制全文另存为 .txt（或另存为 .docx）后再导入；扫描件需先做文字识别。`,
      'file',
    );
  }
  return checkText(decodeText(bytes, fileName), fileName);
}

/** Empty and oversize files are refused before anything reads them. */
export function checkSize(fileName: string, bytes: Uint8Array): void {
  if (bytes.byteLength === 0) {
    throw new LuoshiError('invalid_input', `文件“${fileName}”是空文件，没有可导入的内容。`, 'file');
  }
  if (bytes.byteLength > maxSourceBytes) {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”大小为 ${megabytes(bytes.byteLength)} MB，超过 10 MB 的上限，未导入。请确认选择的是工作方案文件。`,
      'file',
    );
  }
}

/** Text that is mostly control characters or undecodable bytes is binary in disguise. */
export function checkText(text: string, fileName: string): string {
  if (controlShare(text) > 0.01) {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”不是文本文件（含有无法识别的字符），无法读取。请选择 .txt 或 .docx 格式的工作方案。`,
      'file',
    );
  }
  if (text.trim() === '') {
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”没有文字内容，没有可导入的任务。如是扫描件（图片）转出的文件，请先做文字识别（OCR），再导入识别出的文字。`,
      'file',
    );
  }
  return text;
}
