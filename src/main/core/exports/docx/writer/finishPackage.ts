import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { patchStylesXml } from './offGrid';

/**
 * The last pass over the packed file. It patches what docx cannot write (the off-grid style) and
 * makes the bytes a function of the document alone: docx stamps the package with the current time,
 * so the same OfficialDocument would otherwise give a different file on every export, and the copy
 * shown for sign-off could not be checked against the copy filed.
 */

const escapeXml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function patchCoreXml(xml: string, date: string, author: string): string {
  const stamp = `${date}T00:00:00Z`;
  return xml
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`)
    .replace(/(<cp:lastModifiedBy>)[^<]*(<\/cp:lastModifiedBy>)/, `$1${escapeXml(author)}$2`);
}

export function finishPackage(docx: Buffer, options: { date: string; author: string }): Promise<Buffer> {
  // fflate (which docx itself packs with) rather than JSZip: the re-zip was most of an export's
  // time with JSZip's deflate, and fflate encodes whole parts, never splitting a surrogate pair.
  const files = unzipSync(new Uint8Array(docx.buffer, docx.byteOffset, docx.byteLength));
  const entryDate = new Date(`${options.date}T00:00:00Z`);
  const rewrites: Record<string, (xml: string) => string> = {
    'word/styles.xml': patchStylesXml,
    'docProps/core.xml': (xml) => patchCoreXml(xml, options.date, options.author),
  };
  const out: Zippable = {};
  for (const name of Object.keys(files).sort()) {
    const data = files[name];
    if (!data || name.endsWith('/')) continue;
    const rewrite = rewrites[name];
    out[name] = [rewrite ? strToU8(rewrite(strFromU8(data))) : data, { mtime: entryDate, level: 6 }];
  }
  return Promise.resolve(Buffer.from(zipSync(out)));
}
