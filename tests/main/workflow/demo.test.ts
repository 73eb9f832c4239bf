import { removeDataDir, repoRoot, resourcesDir } from '../../helpers/tempDir';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { createCore } from '../../../src/main/core/core';
import { reportStates } from '../../../src/shared/domain/reports';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

describe('luoshi demo', () => {
  it('prints one account per line and leaves rounds with reports in every state, through the services', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-demo-'));
    dirs.push(dataDir);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['demo', '--data-dir', dataDir, '--quarters', '3'], {
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
      packageRoot: repoRoot,
      env: {},
    });
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    for (const line of lines) expect(line.split(' ')).toHaveLength(4);
    expect(lines[0]).toBe('admin luoshi-demo admin -');
    const roles = new Set(lines.flatMap((l) => (l.split(' ')[2] ?? '').split(',')));
    expect([...roles].sort()).toEqual(['admin', 'clerk', 'coordinator', 'leader']);

    const core = await createCore({ dataDir, resourcesDir, loadSeedPlan: false });
    try {
      expect(core.integrity.ok).toBe(true);
      const rounds = core.workflow.rounds.list();
      expect(rounds).toHaveLength(3);
      expect(rounds.filter((r) => r.status === 'open')).toHaveLength(1);
      const latest = core.workflow.rounds.overview(rounds[0]?.id ?? 0);
      expect(new Set(latest.rows.map((r) => r.state))).toEqual(new Set(reportStates));
      expect(latest.countsByStatus.overdue).toBeGreaterThan(0);
      const older = core.workflow.rounds.overview(rounds[2]?.id ?? 0);
      expect(older.rows.some((r) => r.revision > 1)).toBe(true);
      // 批示 open and closed, with answers: in the clerk's and the issuer's 待办, and one closed.
      const issuer = core.workflow.accounts.login('zhuanban.leader', 'luoshi-demo').actor;
      const all = core.workflow.instructions.list(issuer, true);
      expect(all.length).toBeGreaterThanOrEqual(4 + 2);
      const closed = all.filter((i) => i.closed);
      expect(closed.length).toBeGreaterThanOrEqual(3);
      expect(closed.every((i) => i.answers.every((a) => a.state === 'closed' && a.answer.length > 0))).toBe(true);
      const open = all.filter((i) => !i.closed);
      expect(open.flatMap((i) => i.answers.map((a) => a.state)).sort()).toEqual([
        'answered',
        'confirming',
        'drafting',
        'drafting',
      ]);
      expect(core.workflow.instructions.todo(issuer).some((i) => i.answers.some((a) => a.state === 'answered'))).toBe(
        true,
      );
      // The untouched line waits for its unit's clerk.
      const untouched = (a: { state: string; answer: string }) => a.state === 'drafting' && a.answer === '';
      const waiting = open.flatMap((i) => i.answers).find(untouched);
      const clerkLine = lines.find(
        (l) => l.startsWith(`u`) && l.includes(' clerk ') && l.endsWith(` ${waiting?.unitName ?? ''}`),
      );
      const clerk = core.workflow.accounts.login(clerkLine?.split(' ')[0] ?? '', 'luoshi-demo').actor;
      expect(core.workflow.instructions.todo(clerk).map((i) => i.id)).toContain(
        open.find((i) => i.answers.some(untouched))?.id,
      );
      // A demo account signs in with the printed password.
      const [username, password] = (lines.find((l) => l.includes(' leader ')) ?? '').split(' ');
      expect(core.workflow.accounts.login(username ?? '', password ?? '').actor.roles).toContain('leader');
    } finally {
      core.close();
    }
  }, 120_000);

  it('refuses a data folder that already has accounts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-demo-'));
    dirs.push(dataDir);
    const io = { out: () => undefined, err: (l: string) => errors.push(l) };
    const errors: string[] = [];
    expect(
      await runCli(['demo', '--data-dir', dataDir, '--quarters', '1'], { io, packageRoot: repoRoot, env: {} }),
    ).toBe(0);
    expect(
      await runCli(['demo', '--data-dir', dataDir, '--quarters', '1'], { io, packageRoot: repoRoot, env: {} }),
    ).toBe(1);
    expect(errors.join('\n')).toContain('已有账号');
  }, 120_000);
});
