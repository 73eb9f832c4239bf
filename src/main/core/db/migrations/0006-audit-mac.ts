import type { Migration } from './index';

/**
 * The audit trail's entries gain a MAC: HMAC-SHA256 with a per-install key kept outside the
 * database (core/audit/auditKey.ts) over the entry's id and chain hash. Rows written before the
 * key was introduced keep NULL; the `audit.keyed` entry marks where authentication starts.
 */
export const migration0006AuditMac: Migration = {
  version: 6,
  name: '0006-audit-mac',
  up(db) {
    db.exec(`ALTER TABLE audit_log ADD COLUMN mac TEXT;`);
  },
  postgres: `
    ALTER TABLE audit_log ADD COLUMN mac text;
  `,
};
