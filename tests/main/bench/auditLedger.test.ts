import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExcel } from '../../../src/main/core/exports/xlsx/excel';
import { AuditLedgerService } from '../../../src/main/core/services/ledgers/auditLedger';
import { auditRowCount } from '../../../src/main/core/store/auditLedgerQueries';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

let world: TestWorld | null = null;
afterEach(() => {
  world?.cleanup();
  world = null;
});

describe('the audit ledger', () => {
  it('writes every audit entry in chain order, across pages, with readable labels', async () => {
    world = await createWorld();
    const w = world;
    const admin = w.user('admin', ['admin'], null, '管理员');
    // 1,100 accounts: more entries than one page of the ledger's reads.
    for (let i = 0; i < 1100; i += 1) {
      w.core.workflow.accounts.create(
        admin,
        {
          username: `user${i}`,
          displayName: `用户${i}`,
          password: 'password-123',
          unitId: w.unitId(unitNames.social),
          roles: ['clerk'],
          mustChangePassword: false,
        },
        { hashCost: 'demo' },
      );
    }
    const coordinator = w.user('zb', ['coordinator'], unitNames.social, '专班');
    w.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-15' });
    const entries = auditRowCount(w.core.db);
    expect(entries).toBeGreaterThan(1100);

    const file = join(w.core.paths.dataDir, 'audit.xlsx');
    const { fileName, rows } = await new AuditLedgerService(w.core.db, w.core.clock).writeLedger(file);
    expect(rows).toBe(entries);
    expect(fileName).toBe('审计记录台账（截至2025年10月1日）.xlsx');

    const excel = await loadExcel();
    const workbook = new excel.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('审计记录台账');
    expect(sheet?.getRow(3).getCell(1).value).toBe('序号');
    // Rows 1–3 are the frame; the entries follow in chain order, numbered by their id.
    expect(sheet?.rowCount).toBe(entries + 3);
    const ids = Array.from({ length: entries }, (_, i) => sheet?.getRow(i + 4).getCell(1).value);
    expect(ids).toEqual(Array.from({ length: entries }, (_, i) => i + 1));
    const lastRow = sheet?.getRow(entries + 3);
    expect(lastRow?.getCell(6).value).toBe('开启填报轮次');
    expect(lastRow?.getCell(3).value).toBe('专班');
    expect(lastRow?.getCell(10).text).toMatch(/^[0-9a-f]{16}$/);
  }, 60_000);
});
