import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { auditFolderOf, fileAuditKeySource, macOfEntry } from '../../../src/main/core/audit/auditKey';
import { customPropertyOf, witnessPropertyNames } from '../../../src/main/core/audit/documentWitness';
import { backupToFolder, restoreBackup } from '../../../src/main/core/backup';
import { sha256Of } from '../../../src/main/core/files/wholeFile';
import { hashAuditRow } from '../../../src/main/core/services/auditService';
import type { DbAuditRow } from '../../../src/main/core/store/auditStore';
import { makeTempDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';
import { auditRows, lastAuditId, verifyAudit } from './helpers';

let world: TestWorld;
let spare: { dir: string; cleanup: () => void };
let reportId: number;
let coordinator: Actor;
let clerk: Actor;
let leader: Actor;

beforeEach(async () => {
  world = await createWorld();
  spare = makeTempDir('luoshi-filed-witness-');
  coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  clerk = world.user('health.clerk', ['clerk'], unitNames.health);
  leader = world.user('health.leader', ['leader'], unitNames.health);
  const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const row = world.core.workflow.rounds.overview(round.id).rows.find((r) => r.no === 2 && r.kind === 'task');
  if (!row) throw new Error('task 2 missing');
  reportId = row.reportId;
  const drafted = world.completeDraft(clerk, reportId);
  world.core.workflow.reports.addAttachment(
    clerk,
    reportId,
    drafted,
    '佐证材料.txt',
    Buffer.from('佐证材料').toString('base64'),
  );
  fileThrough(reportId, drafted + 1);
  world.core.flushAuditWitness();
});
afterEach(() => {
  world.cleanup();
  spare.cleanup();
});

function fileThrough(id: number, draftVersion: number): void {
  const reports = world.core.workflow.reports;
  let version = reports.transition(clerk, { reportId: id, version: draftVersion, event: 'report.submit' });
  version = reports.transition(leader, { reportId: id, version, event: 'report.approve', opinion: '同意' });
  reports.transition(coordinator, { reportId: id, version, event: 'report.file' });
}

const verify = (...witnessFiles: string[]) => verifyAudit(world.core.paths.dataDir, ...witnessFiles);

const db = () => world.core.db;
const rows = () => auditRows(db());
const lastId = () => lastAuditId(db());
/** What someone holding the file does first: the trigger that freezes filed reports is dropped. */
const editReport = (column: string, value: string, id: number) => {
  db().exec('DROP TRIGGER IF EXISTS reports_filed_frozen');
  db().prepare(`UPDATE reports SET ${column} = ? WHERE id = ?`).run(value, id);
};
const fileEntryOf = (id: number) =>
  db().prepare(`SELECT * FROM audit_log WHERE event = 'report.file' AND report_id = ?`).get(id) as DbAuditRow;

function dropKeptWitnesses(): void {
  const folder = auditFolderOf(world.core.paths.dataDir);
  rmSync(join(folder, 'head.json'), { force: true });
  rmSync(join(folder, 'receipts.log'), { force: true });
}

async function exportedDocx(): Promise<string> {
  const file = await world.core.documents.render({ kind: 'task', reportId });
  const path = join(spare.dir, file.fileName);
  writeFileSync(path, file.bytes);
  return path;
}

describe('the 审计摘要 of official documents', () => {
  it('carries the sealed head in the document properties and verifies against it', async () => {
    const path = await exportedDocx();
    const parts = unzipSync(new Uint8Array(readFileSync(path)));
    const custom = strFromU8(parts['docProps/custom.xml'] ?? new Uint8Array());
    expect(custom).toContain('审计摘要');
    const last = rows()[rows().length - 1];
    expect(customPropertyOf(custom, witnessPropertyNames.head)).toBe(`${last?.id}:${last?.hash}:${last?.mac}`);
    expect(customPropertyOf(custom, witnessPropertyNames.seal)).toMatch(/^[0-9a-f]{64}$/);
    // Word keeps a property value to 255 characters.
    for (const match of custom.matchAll(/<vt:lpwstr>([^<]*)<\/vt:lpwstr>/g))
      expect((match[1] ?? '').length).toBeLessThanOrEqual(255);
    const kept = Number(/与 (\d+) 份审计见证一致/.exec((await verify()).out)?.[1]);
    const result = await verify(path);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`与 ${kept + 1} 份审计见证一致`);
  });

  it('catches the tail cut and the head fixed, with every kept witness deleted, by the exported document', async () => {
    const path = await exportedDocx();
    const total = lastId();
    db().exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
    db()
      .prepare('DELETE FROM audit_log WHERE id > ?')
      .run(total - 2);
    const head = db()
      .prepare('SELECT id, hash FROM audit_log WHERE id = ?')
      .get(total - 2) as { id: number; hash: string };
    db().prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(`${head.id}:${head.hash}`);
    dropKeptWitnesses();
    expect((await verify()).code).toBe(0);
    const result = await verify(path);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${total - 1} 条记录`);
    expect(result.err).toContain(`记载审计记录至第 ${total} 条，数据库中只有 ${total - 2} 条`);
    expect(result.err).toContain(path);
  });

  it('refuses a document whose 审计摘要 was edited to match a rewritten trail (its seal no longer matches)', async () => {
    const path = await exportedDocx();
    const parts = unzipSync(new Uint8Array(readFileSync(path)));
    const custom = strFromU8(parts['docProps/custom.xml'] ?? new Uint8Array());
    const head = customPropertyOf(custom, witnessPropertyNames.head) ?? '';
    const earlier = rows()[rows().length - 3] as DbAuditRow;
    const { zipSync, strToU8 } = await import('fflate');
    parts['docProps/custom.xml'] = strToU8(custom.replace(head, `${earlier.id}:${earlier.hash}:${earlier.mac}`));
    const edited = join(spare.dir, 'edited.docx');
    writeFileSync(edited, zipSync(parts));
    const result = await verify(edited);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${earlier.id} 条记录`);
    expect(result.err).toContain('认证码不符');
    expect(result.err).toContain(edited);
  });

  it('says plainly when a .docx carries no 审计摘要', async () => {
    const path = await exportedDocx();
    const parts = unzipSync(new Uint8Array(readFileSync(path)));
    expect(parts['docProps/custom.xml']).toBeDefined();
    const { zipSync, strToU8 } = await import('fflate');
    parts['docProps/custom.xml'] = strToU8('<?xml version="1.0"?><Properties></Properties>');
    const stripped = join(spare.dir, 'stripped.docx');
    writeFileSync(stripped, zipSync(parts));
    const result = await verify(stripped);
    expect(result.code).toBe(1);
    expect(result.err).toContain('没有审计摘要');
  });
});

describe('what is filed is covered by the filing entry', () => {
  it('records the content hash, archive number and signatures of the filing', () => {
    const details = JSON.parse(fileEntryOf(reportId).details_json) as {
      filed: { contentHash: string; archiveNo: string; signatures: { stage: string }[] };
    };
    expect(details.filed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(details.filed.archiveNo).toMatch(/号$/);
    expect(details.filed.signatures.map((s) => s.stage)).toEqual(['review']);
  });

  it('catches an edited progress text of a filed report, naming the report', async () => {
    expect((await verify()).code).toBe(0);
    editReport('progress', '改写后的进展情况。', reportId);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${fileEntryOf(reportId).id} 条记录`);
    expect(result.err).toContain(`编号 ${reportId}`);
    expect(result.err).toContain('内容');
  });

  it('catches an attachment of a filed report swapped for other bytes', async () => {
    db()
      .prepare('UPDATE attachments SET sha256 = ?, stored_name = ? WHERE report_id = ?')
      .run('f'.repeat(64), 'f'.repeat(64), reportId);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`编号 ${reportId}`);
    expect(result.err).toContain('附件');
  });

  it('catches a rewritten archive number', async () => {
    editReport('archive_no', '郑经儿童专班〔2025〕99号', reportId);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain('归档号被改为「郑经儿童专班〔2025〕99号」');
  });

  it('catches an approval re-attributed in report_signatures', async () => {
    db().prepare('UPDATE report_signatures SET user_id = ? WHERE report_id = ?').run(coordinator.userId, reportId);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `签批人由 ${leader.displayName}（用户 ${leader.userId}） 被改为 ${coordinator.displayName}（用户 ${coordinator.userId}）`,
    );
    expect(result.err).toContain(`第 1 轮审核，${unitNames.health}`);
  });

  it('leaves filings from before the record unchecked, and checks the ones after', async () => {
    // The filing as the previous version wrote it: no `filed` record, chain and MACs intact.
    const key = fileAuditKeySource(world.core.paths.dataDir).load();
    if (!key) throw new Error('no key');
    const entry = fileEntryOf(reportId);
    const { filed: _filed, ...oldDetails } = JSON.parse(entry.details_json) as Record<string, unknown>;
    const all = rows();
    const update = db().prepare(
      'UPDATE audit_log SET details_json = @details_json, prev_hash = @prev_hash, hash = @hash, mac = @mac WHERE id = @id',
    );
    let previous = all.find((r) => r.id === entry.id - 1)?.hash ?? '0'.repeat(64);
    for (const original of all.filter((r) => r.id >= entry.id)) {
      const changed = original.id === entry.id ? { ...original, details_json: JSON.stringify(oldDetails) } : original;
      const { hash: _hash, mac: _mac, ...rest } = { ...changed, prev_hash: previous };
      const hash = hashAuditRow(rest);
      update.run({ ...changed, prev_hash: previous, hash, mac: macOfEntry(key, original.id, hash) });
      previous = hash;
    }
    db()
      .prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`)
      .run(`${all[all.length - 1]?.id}:${previous}`);
    dropKeptWitnesses();
    expect(await verify()).toMatchObject({ code: 0 });
    // An old filing's text edited is beyond what its entry recorded.
    editReport('progress', '旧版本归档后改写。', reportId);
    expect(await verify()).toMatchObject({ code: 0 });

    // A correction filed now carries the record, and editing it is caught.
    const revision = world.core.workflow.reports.reopen(
      coordinator,
      reportId,
      world.core.workflow.reportQueries.get(coordinator, reportId).version,
      '更正数据',
    );
    fileThrough(revision, world.core.workflow.reportQueries.get(clerk, revision).version);
    expect(await verify()).toMatchObject({ code: 0 });
    editReport('next_steps', '改写后的下步打算。', revision);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`编号 ${revision}`);
  });
});

describe('a backup whose filed report was edited', () => {
  it('is refused by restore, naming the report', async () => {
    const backup = (await backupToFolder(world.core)).file;
    const zip = await JSZip.loadAsync(readFileSync(backup));
    const dbFile = join(spare.dir, 'edited.db');
    writeFileSync(dbFile, await zip.file('database/luoshi.db')!.async('nodebuffer'));
    const copy = new Database(dbFile);
    copy.exec('DROP TRIGGER IF EXISTS reports_filed_frozen');
    copy.prepare('UPDATE reports SET problems = ? WHERE id = ?').run('备份中改写的问题。', reportId);
    copy.close();
    const bytes = readFileSync(dbFile);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      entries: { path: string; size: number; sha256: string }[];
    };
    const entry = manifest.entries.find((e) => e.path === 'database/luoshi.db')!;
    entry.size = bytes.length;
    entry.sha256 = sha256Of(bytes);
    zip.file('database/luoshi.db', bytes);
    zip.file('manifest.json', JSON.stringify(manifest));
    const tampered = join(spare.dir, 'edited.luoshibak');
    writeFileSync(tampered, await zip.generateAsync({ type: 'nodebuffer' }));

    const target = join(spare.dir, 'target');
    mkdirSync(auditFolderOf(target), { recursive: true });
    copyFileSync(join(world.core.auditFolder, 'key'), join(auditFolderOf(target), 'key'));
    const error = await restoreBackup(tampered, target).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toContain('未恢复');
    expect(error?.message).toContain(`编号 ${reportId}`);
    expect(error?.message).toContain('在归档后被改动');
  });
});
