import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LuoshiError } from '../../../../shared/errors';

/** LibreOffice's command, as installed on Linux (soffice, libreoffice), Windows and macOS. */
const candidates = ['soffice', 'libreoffice', 'soffice.exe'];
const knownPlaces = [
  'C:\\Program Files\\LibreOffice\\program',
  'C:\\Program Files (x86)\\LibreOffice\\program',
  '/Applications/LibreOffice.app/Contents/MacOS',
];
const conversionTimeoutMs = 120_000;

/** The LibreOffice program on this machine: LUOSHI_SOFFICE, else the first on PATH or in the usual places; null if none. */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LUOSHI_SOFFICE !== undefined)
    return env.LUOSHI_SOFFICE !== '' && existsSync(env.LUOSHI_SOFFICE) ? env.LUOSHI_SOFFICE : null;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...knownPlaces];
  for (const dir of dirs) {
    for (const name of candidates) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

export const libreOfficeMissing =
  '本机未安装 LibreOffice，无法生成 PDF。可以直接打印页面上的文字版，或下载 Word 文档后用 WPS/Word 打印；如需 PDF，请管理员在运行落实通的电脑上安装 LibreOffice 后重试。';

/**
 * A .docx converted to PDF by LibreOffice, headless, in a temporary folder with its own profile
 * (so a LibreOffice the user has open, or a second conversion, does not block this one).
 */
export async function docxToPdf(docx: Buffer, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const soffice = findLibreOffice(env);
  if (soffice === null) throw new LuoshiError('conflict', libreOfficeMissing);
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    writeFileSync(input, docx);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: conversionTimeoutMs, windowsHide: true },
        (error: Error | null) => (error ? reject(error) : resolve()),
      );
    });
    const output = join(dir, 'document.pdf');
    if (!existsSync(output)) throw new Error('LibreOffice wrote no PDF');
    return readFileSync(output);
  } catch (error) {
    if (error instanceof LuoshiError) throw error;
    throw new LuoshiError(
      'internal',
      'LibreOffice 未能将公文转换为 PDF（可能超时或文档过大）。请稍后重试，或下载 Word 文档后打印。',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
