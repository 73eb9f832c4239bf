import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appItself } from '../../../src/main/core/policy';
import { chinaQuarterOf } from '../../../src/shared/domain/rounds';
import { quarterEndDate, quarterKey, quarterLabel } from '../../../src/shared/quarters';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTestCore } from '../../helpers/testCore';

let dataDir = '';
let cleanup: () => void = () => undefined;
// The seed plan (郑经管政〔2023〕32号) on the real clock: the quarter in progress can always be opened.
const current = chinaQuarterOf(new Date());
const key = quarterKey(current);
const label = quarterLabel(current);
const deadline = (days: number) =>
  new Date(Date.parse(`${quarterEndDate(current)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const world = await makeTestCore();
  dataDir = world.dataDir;
  world.core.workflow.accounts.create(
    appItself,
    {
      username: 'zhuanban',
      displayName: '王专班',
      password: 'password-123',
      unitId: null,
      roles: ['coordinator'],
      mustChangePassword: false,
    },
    { hashCost: 'demo' },
  );
  world.core.workflow.accounts.create(
    appItself,
    {
      username: 'viewer',
      displayName: '李看看',
      password: 'password-123',
      unitId: null,
      roles: ['admin'],
      mustChangePassword: false,
    },
    { hashCost: 'demo' },
  );
  world.core.close();
  cleanup = world.cleanup;
}, 120_000);
afterAll(() => cleanup());

const rounds = (...args: string[]) => runCliCaptured(['rounds', ...args, '--data-dir', dataDir]);

describe('luoshi rounds', () => {
  it('refuses 1999 with the quarters that may be opened, and opens the current quarter', async () => {
    const refused = await rounds('open', '--round', '1999Q4', '--deadline', '2000-01-10', '--as', 'zhuanban');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('1999年第四季度早于工作方案的实施期，不能开启。可以开启的季度为2023年第一季度至');
    const opened = await rounds('open', '--round', key, '--deadline', deadline(10), '--as', 'zhuanban');
    expect(opened.err).toBe('');
    expect(opened.out).toContain(`已开启${label}填报轮次，截止 ${deadline(10)}`);
    expect((await rounds('list')).out).toContain(`${label}\t填报中\t截止 ${deadline(10)}`);
  });

  it('changes the deadline, closes carrying reports over, and reopens only with a reason', async () => {
    expect((await rounds('deadline', '--round', key, '--deadline', deadline(20), '--as', 'viewer')).err).toContain(
      '只有专班可以修改报送截止日期',
    );
    expect((await rounds('deadline', '--round', key, '--deadline', deadline(20), '--as', 'zhuanban')).out).toBe(
      `${label}的报送截止日期现为 ${deadline(20)}。`,
    );
    const closed = await rounds('close', '--round', key, '--carry-over', '--as', 'zhuanban');
    expect(closed.out).toMatch(/^已关闭.*份报告未办结：延续办理，仍在各单位待办中。$/);
    expect((await rounds('list')).out).toContain(`${label}\t已关闭（延续办理）`);
    const noReason = await rounds('reopen', '--round', key, '--as', 'zhuanban');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('需要 --reason');
    expect((await rounds('reopen', '--round', key, '--reason', '补报', '--as', 'zhuanban')).out).toBe(
      `已重新开启${label}填报轮次。`,
    );
  });

  it('extends one unit’s deadline with a reason', async () => {
    expect(
      (await rounds('extend', '--round', key, '--unit', '区社会事业局', '--deadline', deadline(30), '--as', 'zhuanban'))
        .err,
    ).toContain('需要 --reason');
    expect(
      (
        await rounds(
          'extend',
          '--round',
          key,
          '--unit',
          '不存在的单位',
          '--deadline',
          deadline(30),
          '--reason',
          '补报',
          '--as',
          'zhuanban',
        )
      ).err,
    ).toContain('单位目录中没有「不存在的单位」');
    const extended = await rounds(
      'extend',
      '--round',
      key,
      '--unit',
      '区社会事业局',
      '--deadline',
      deadline(30),
      '--reason',
      '机构调整',
      '--as',
      'zhuanban',
    );
    expect(extended.err).toBe('');
    expect(extended.out).toMatch(new RegExp(`的报送截止日期已延至 ${deadline(30)}。$`));
  });

  it('deletes a round nobody submitted to, only with --yes', async () => {
    expect((await rounds('delete', '--round', key, '--as', 'zhuanban')).code).toBe(2);
    const deleted = await rounds('delete', '--round', key, '--as', 'zhuanban', '--yes');
    expect(deleted.out).toMatch(new RegExp(`^已删除${label}填报轮次及其 \\d+ 份报告、0 个附件。$`));
    expect((await rounds('list')).out).not.toContain(label);
    const audit = await runCliCaptured(['audit', 'verify', '--data-dir', dataDir]);
    expect(audit.code).toBe(0);
  });
});
