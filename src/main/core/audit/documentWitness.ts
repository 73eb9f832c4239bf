import { readFileSync } from 'node:fs';
import { formatChinaTime } from '../../../shared/workflow/format';
import { readBoundedZip } from '../files/boundedZip';
import { parseWitnesses, sealWitness, witnessFormat, type AuditWitness } from './auditWitness';

/**
 * The 审计摘要 of an official Word document: the audit chain's head when the document was
 * rendered (entry id, hash, MAC), sealed with the audit key like every other witness, in the
 * document's custom properties (docProps/custom.xml). A filed or exported document thus carries
 * a witness outside the database; `luoshi audit verify --witness FILE.docx` reads it back.
 *
 * The witness's time is the head entry's own time, not the time of rendering, so the same
 * document over the same trail renders to the same bytes.
 */

/**
 * The properties holding the witness, each under Word's 255-character limit for a property value
 * (a whole witness line is longer): the head `id:hash:mac`, the time, and the seal over both.
 */
export const witnessPropertyNames = {
  head: 'LuoshiAuditHead',
  writtenAt: 'LuoshiAuditTime',
  seal: 'LuoshiAuditSeal',
} as const;
/** The property a reader sees in Word's 属性 dialog. */
const summaryPropertyName = '审计摘要';

export interface AuditHead {
  id: number;
  at: string;
  hash: string;
  mac: string | null;
}

/** The custom properties for a document rendered over this head; none without a key (nothing to seal with). */
export function auditDigestProperties(key: Buffer | null, head: AuditHead | null): { name: string; value: string }[] {
  if (key === null || head === null) return [];
  const witness = { id: head.id, hash: head.hash, mac: head.mac ?? '', writtenAt: head.at };
  const summary = `落实通审计记录至第 ${head.id} 条（${formatChinaTime(head.at)}），哈希 ${head.hash.slice(0, 16)}…，认证码 ${witness.mac.slice(0, 16)}…`;
  return [
    { name: summaryPropertyName, value: summary },
    { name: witnessPropertyNames.head, value: `${witness.id}:${witness.hash}:${witness.mac}` },
    { name: witnessPropertyNames.writtenAt, value: witness.writtenAt },
    { name: witnessPropertyNames.seal, value: sealWitness(key, witness) },
  ];
}

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');

/** The value of one custom property in docProps/custom.xml, or null when it is not there. */
export function customPropertyOf(xml: string, name: string): string | null {
  for (const match of xml.matchAll(/<property\b([^>]*)>([\s\S]*?)<\/property>/g)) {
    const attributes = match[1] ?? '';
    const named = /\bname="([^"]*)"/.exec(attributes);
    if (!named || unescapeXml(named[1] ?? '') !== name) continue;
    const value = /<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>/.exec(match[2] ?? '');
    return value ? unescapeXml(value[1] ?? '') : '';
  }
  return null;
}

/** The witness an official .docx carries; problems name the file and what is missing. */
export function readDocumentWitness(file: string): { witnesses: AuditWitness[]; problems: string[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { witnesses: [], problems: [`无法读取公文 ${file}：${(error as Error).message}`] };
  }
  let xml: string | null;
  try {
    const zip = readBoundedZip(bytes, {
      fileName: file,
      keep: (name) => name === 'docProps/custom.xml',
      limits: { maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024 },
    });
    const part = zip.parts.get('docProps/custom.xml');
    xml = part ? Buffer.from(part).toString('utf8') : null;
  } catch (error) {
    return { witnesses: [], problems: [`公文 ${file} 无法读取：${(error as Error).message}`] };
  }
  const property = (name: string) => (xml === null ? null : customPropertyOf(xml, name));
  const head = property(witnessPropertyNames.head);
  const writtenAt = property(witnessPropertyNames.writtenAt);
  const seal = property(witnessPropertyNames.seal);
  if (head === null && writtenAt === null && seal === null) {
    return {
      witnesses: [],
      problems: [`公文 ${file} 的文档属性中没有审计摘要（导出于启用审计密钥之前，或属性被删除）`],
    };
  }
  const source = `公文 ${file} 的审计摘要`;
  const line = JSON.stringify({ format: witnessFormat, version: 1, head, writtenAt, seal });
  const parsed = parseWitnesses(line, source);
  return {
    witnesses: parsed.witnesses.map((w) => ({ ...w, source })),
    problems: parsed.problems.map(() => `${source}不完整或无法识别（已损坏或被改动）`),
  };
}
