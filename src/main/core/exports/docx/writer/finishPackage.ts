import JSZip from 'jszip';
import { patchStylesXml } from './offGrid';

/**
 * The last pass over the packed file. It patches what docx cannot write (the off-grid style) and
 * makes the bytes a function of the document alone: docx stamps the package with the current time,
 * so the same OfficialDocument would otherwise give a different file on every export, and the copy
 * shown for sign-off could not be checked against the copy filed.
 */

const escapeXml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function patchCoreXml(xml: string, date: string, author: string): string {
  const stamp = `${date}T00:00:00Z`;
  return xml
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`)
    .replace(/(<cp:lastModifiedBy>)[^<]*(<\/cp:lastModifiedBy>)/, `$1${escapeXml(author)}$2`);
}

export async function finishPackage(docx: Buffer, options: { date: string; author: string }): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const entryDate = new Date(`${options.date}T00:00:00Z`);
  const rewrites: Record<string, (xml: string) => string> = {
    'word/styles.xml': patchStylesXml,
    'docProps/core.xml': (xml) => patchCoreXml(xml, options.date, options.author),
  };
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (!entry || entry.dir) continue;
    const rewrite = rewrites[name];
    // Rewritten parts go in as UTF-8 bytes: JSZip encodes long strings in 16 KiB blocks and splits surrogate pairs.
    const data = rewrite ? Buffer.from(rewrite(await entry.async('string')), 'utf8') : await entry.async('nodebuffer');
    out.file(name, data, { date: entryDate, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
