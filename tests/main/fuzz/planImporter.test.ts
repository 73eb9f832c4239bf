import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { LuoshiError } from '../../../src/shared/errors';
import { defaultUnitDirectory, parsePlanSource, parsePlanText, seedPlanFile } from '../../../src/main/core/importer';
import { resourcesDir } from '../../helpers/tempDir';
import { hostilePiece, hostileText, refusesCleanly, runs } from './hostile';

/**
 * Hostile plan documents: mutated copies of the real seed plan, random bytes named .txt or .docx,
 * and .docx packages with hostile XML. The importer returns a plan or throws a LuoshiError with a
 * Chinese message; nothing else.
 */
const directory = defaultUnitDirectory();
const seedLines = readFileSync(seedPlanFile(resourcesDir), 'utf8').split('\n');

type Mutation =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number; count: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'splice'; at: number; offset: number; text: string }
  | { kind: 'swap'; a: number; b: number };

const index = fc.nat({ max: seedLines.length - 1 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: index, count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: index, count: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: index, text: hostileText(8) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: index,
    offset: fc.nat({ max: 80 }),
    text: fc.oneof(hostilePiece, hostileText(3)),
  }),
  fc.record({ kind: fc.constant('swap' as const), a: index, b: index }),
);

function mutate(lines: string[], mutations: Mutation[]): string {
  const out = [...lines];
  for (const m of mutations) {
    switch (m.kind) {
      case 'delete':
        out.splice(m.at, m.count);
        break;
      case 'duplicate':
        out.splice(m.at, 0, ...out.slice(m.at, m.at + m.count));
        break;
      case 'insert':
        out.splice(m.at, 0, m.text);
        break;
      case 'splice': {
        const line = out[m.at] ?? '';
        out[m.at] = line.slice(0, m.offset) + m.text + line.slice(m.offset);
        break;
      }
      case 'swap': {
        const a = out[m.a] ?? '';
        out[m.a] = out[m.b] ?? '';
        out[m.b] = a;
        break;
      }
    }
  }
  return out.join('\n');
}

async function docxWith(documentXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('plan importer under hostile input', () => {
  it('mutated seed plans parse to a plan or a clear refusal, and parsed plans stay well formed', () => {
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const text = mutate(seedLines, mutations);
        try {
          const { plan } = parsePlanText(text, directory);
          outcomes.ok += 1;
          // A plan that comes back is usable: numbered tasks with titles, units from the directory.
          for (const task of plan.tasks) {
            expect(task.title.trim()).not.toBe('');
            for (const unit of [...task.leadUnits, ...task.responsibleUnits]) expect(unit.trim()).not.toBe('');
          }
        } catch (error) {
          if (!(error instanceof LuoshiError)) throw error;
          outcomes.refused += 1;
        }
      }),
      runs(150),
    );
    expect(outcomes.ok + outcomes.refused).toBe(150);
    // 150 whole parses of the 665-line seed plan: about 3 s on an idle core, over 5 s on a shared, loaded one.
  }, 20_000);

  it('random bytes named .txt or .docx give a plan or a LuoshiError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('方案.txt', '方案.docx', '方案.TXT', '方案'),
        async (bytes, fileName) => {
          await refusesCleanly(() => parsePlanSource({ fileName, bytes: Buffer.from(bytes) }, directory));
        },
      ),
      runs(150),
    );
  });

  it('the seed plan with random bytes flipped gives a plan or a LuoshiError', async () => {
    const seed = readFileSync(seedPlanFile(resourcesDir));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: seed.length - 1 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 30 }),
        async (flips) => {
          const bytes = Buffer.from(seed);
          for (const [at, value] of flips) bytes[at] = value;
          await refusesCleanly(() => parsePlanSource({ fileName: '方案.txt', bytes }, directory));
        },
      ),
      runs(60),
    );
  });

  it('.docx packages with hostile XML give a plan or a LuoshiError', async () => {
    const paragraph = hostileText(10).map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`);
    const xml = fc.oneof(
      fc
        .array(paragraph, { maxLength: 20 })
        .map(
          (ps) =>
            `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${ps.join('')}</w:body></w:document>`,
        ),
      hostileText(30),
    );
    await fc.assert(
      fc.asyncProperty(xml, async (documentXml) => {
        await refusesCleanly(async () =>
          parsePlanSource({ fileName: '方案.docx', bytes: await docxWith(documentXml) }, directory),
        );
      }),
      runs(60),
    );
  });
});
