import JSZip from 'jszip';

/**
 * Just enough OOXML reading for the conformance tests: parts by name, paragraphs with their
 * properties and runs, attribute look-ups. The writer's output is the thing under test, so this
 * reads the raw XML rather than anything the writer exposes.
 */

export interface Run {
  text: string;
  rPr: string;
  xml: string;
}

export interface ParagraphXml {
  xml: string;
  pPr: string;
  text: string;
  runs: Run[];
}

export interface Docx {
  parts: Map<string, string>;
  document: string;
  styles: string;
  settings: string;
  paragraphs: ParagraphXml[];
  footer(type: 'default' | 'even', sectionIndex?: number): string;
  sections: string[];
}

const unescape = (value: string): string =>
  value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function textOf(xml: string): string {
  return Array.from(xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g), (match) => unescape(match[1] ?? '')).join('');
}

export function paragraphsOf(xml: string): ParagraphXml[] {
  return Array.from(xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g), (match) => {
    const paragraph = match[0];
    const pPr = /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(paragraph)?.[0] ?? '';
    const runs = Array.from(paragraph.matchAll(/<w:r>[\s\S]*?<\/w:r>/g), (run) => ({
      xml: run[0],
      rPr: /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(run[0])?.[0] ?? '',
      text: textOf(run[0]),
    }));
    return { xml: paragraph, pPr, text: textOf(paragraph), runs };
  });
}

/** The value of `attr` on the first `<tag …>` in `xml`, or undefined. */
export function attr(xml: string, tag: string, name: string): string | undefined {
  const element = new RegExp(`<${tag}(?=[\\s/>])[^>]*>`).exec(xml)?.[0];
  if (!element) return undefined;
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

export const num = (value: string | undefined): number => (value === undefined ? Number.NaN : Number(value));

export async function readDocx(buffer: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir && /\.(xml|rels)$/.test(name)) parts.set(name, await file.async('string'));
  }
  const document = parts.get('word/document.xml') ?? '';
  const rels = parts.get('word/_rels/document.xml.rels') ?? '';
  const sections = Array.from(document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g), (match) => match[0]);
  return {
    parts,
    document,
    styles: parts.get('word/styles.xml') ?? '',
    settings: parts.get('word/settings.xml') ?? '',
    paragraphs: paragraphsOf(document.replace(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g, '')),
    sections,
    footer(type, sectionIndex = 0) {
      const section = sections[sectionIndex] ?? '';
      const id = new RegExp(
        `<w:footerReference[^>]*w:type="${type}"[^>]*r:id="([^"]+)"|<w:footerReference[^>]*r:id="([^"]+)"[^>]*w:type="${type}"`,
      ).exec(section);
      const rid = id?.[1] ?? id?.[2];
      const target = rid
        ? new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)
        : null;
      const path = target ? `word/${target[1] ?? target[2] ?? ''}` : '';
      return parts.get(path) ?? '';
    },
  };
}

/** XML 1.0 forbids these anywhere in a document. */
export const illegalXmlChars =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
