import { LuoshiError } from '../../../shared/errors';

/**
 * Policy: an attachment is accepted by what its bytes are, not by its name. Allowed: PDF, Office
 * documents (OOXML and OFD are zip containers; old .doc/.xls/.ppt and WPS are OLE compound files),
 * zip, RAR and 7z archives, PNG/JPEG/GIF/BMP/TIFF images, and plain text. Refused whatever the
 * name: executables (Windows MZ, Linux ELF, macOS Mach-O, scripts starting with #!), and files
 * named as programs or scripts (.exe, .bat, .js …) even when their bytes are text.
 */

export type AttachmentKind = 'pdf' | 'zip' | 'ole' | 'rar' | '7z' | 'image' | 'text';

const signatures: { kind: AttachmentKind; bytes: number[] }[] = [
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // docx/xlsx/pptx/ofd/zip
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty zip
  { kind: 'ole', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // doc/xls/ppt/wps
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // PNG
  { kind: 'image', bytes: [0xff, 0xd8, 0xff] }, // JPEG
  { kind: 'image', bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { kind: 'image', bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  { kind: 'image', bytes: [0x42, 0x4d] }, // BMP
  { kind: 'image', bytes: [0x49, 0x49, 0x2a, 0x00] }, // TIFF little-endian
  { kind: 'image', bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // TIFF big-endian
];

const executables: { what: string; bytes: number[] }[] = [
  { what: 'Windows 可执行程序', bytes: [0x4d, 0x5a] }, // MZ: .exe .dll .scr .com
  { what: 'Linux 可执行程序', bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
  { what: 'macOS 可执行程序', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { what: 'macOS 可执行程序', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { what: 'macOS 可执行程序', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { what: 'macOS 可执行程序', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { what: '脚本程序', bytes: [0x23, 0x21] }, // #!
];

const programExtensions = new Set([
  'exe',
  'dll',
  'com',
  'scr',
  'msi',
  'msp',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'cpl',
  'jar',
  'lnk',
  'reg',
  'sh',
  'bash',
  'app',
  'apk',
  'elf',
  'run',
  'pif',
  'gadget',
]);

const startsWith = (bytes: Uint8Array, signature: number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** Text: no NUL and almost no other control bytes in the first 64 KB (UTF-8, GBK and ASCII all pass). */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65_536);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
  }
  return control <= sample.length / 200;
}

const allowedText =
  '允许的类型：PDF，Word、Excel、PowerPoint、WPS 与 OFD 文档，zip、rar、7z 压缩包，PNG、JPEG、GIF 等图片，以及纯文本文件。';

/** What the attachment is; refuses programs and unknown contents with a message naming the file. */
export function checkAttachmentType(fileName: string, bytes: Uint8Array): AttachmentKind {
  const executable = executables.find((e) => startsWith(bytes, e.bytes));
  if (executable) {
    throw new LuoshiError(
      'invalid_input',
      `附件「${fileName}」的内容是${executable.what}，不论文件名如何都不能作为附件上传。${allowedText}`,
      'contentBase64',
    );
  }
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension !== undefined && programExtensions.has(extension)) {
    throw new LuoshiError(
      'invalid_input',
      `附件「${fileName}」是程序或脚本文件（.${extension}），不能作为附件上传。${allowedText}`,
      'contentBase64',
    );
  }
  const known = signatures.find((s) => startsWith(bytes, s.bytes));
  if (known) return known.kind;
  if (looksLikeText(bytes)) return 'text';
  throw new LuoshiError(
    'invalid_input',
    `附件「${fileName}」的文件类型无法识别，未上传。${allowedText}其他格式请先转换为 PDF 再上传。`,
    'contentBase64',
  );
}
