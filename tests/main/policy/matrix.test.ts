import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localContext, type CallContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import type { MethodInput, MethodName } from '../../../src/shared/contract';
import type { ApiResult } from '../../../src/shared/errors';
import type { Role } from '../../../src/shared/domain/accounts';
import { join } from 'node:path';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTempDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

/**
 * The permission matrix, through the dispatcher every host uses (HTTP and IPC): a representative
 * set of contract methods × role × object. Each role is held by one user of the drafting unit
 * (own: 区社会事业局, lead of task 1) and one of an unrelated unit (other: 区经济发展局, which takes
 * no part in task 1 but reviews the compiled report). The task-force object is the compiled
 * quarterly report in drafting. A cell is A (allowed) or R (refused with code forbidden); the
 * four letters of a row are clerk, leader, coordinator, admin.
 */

const roleOrder: Role[] = ['clerk', 'leader', 'coordinator', 'admin'];
type Side = 'own' | 'other';
type Verdict = 'A' | 'R';

let world: TestWorld;
let api: Dispatcher;
const sessions = new Map<string, CallContext>();
let roundId = 0;
let taskReport = 0;
let attachmentId = 0;
let compiledReport = 0;
let socialUnit = 0;
let extraQuarter = 0;

const key = (role: Role, side: Side): string => `${role}.${side}`;

async function call(method: MethodName, input: unknown, context: CallContext): Promise<unknown> {
  const result = await api.call(method, input, context);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function login(username: string): Promise<CallContext> {
  const context = localContext('http');
  await call('auth.login', { username, password: 'password-123' }, context);
  return context;
}

/** A or R; anything but a clean refusal (forbidden) is a test failure, with its message. */
async function verdict(method: MethodName, input: unknown, role: Role, side: Side): Promise<Verdict> {
  const context = sessions.get(key(role, side));
  if (!context) throw new Error(`no session ${key(role, side)}`);
  const result = await api.call(method, input, context);
  if (result.ok) return 'A';
  if (result.error.code === 'forbidden') return 'R';
  throw new Error(`${method} as ${key(role, side)}: ${result.error.code}: ${result.error.message}`);
}

async function row(method: MethodName, input: () => unknown, side: Side): Promise<string> {
  let letters = '';
  for (const role of roleOrder) letters += await verdict(method, input(), role, side);
  return letters;
}

beforeAll(async () => {
  world = await createWorld();

  api = createDispatcher(world.core, () => undefined);
  socialUnit = world.unitId(unitNames.social);
  for (const role of roleOrder) {
    world.user(key(role, 'own'), [role], unitNames.social);
    world.user(key(role, 'other'), [role], role === 'admin' ? null : unitNames.economy);
    sessions.set(key(role, 'own'), await login(key(role, 'own')));
    sessions.set(key(role, 'other'), await login(key(role, 'other')));
  }
  world.user('tf.leader', ['coordinator', 'leader'], unitNames.economy);
  const coordinator = sessions.get('coordinator.other') as CallContext;
  const round = (await call('rounds.open', { year: 2025, quarter: 3, deadline: '2025-10-10' }, coordinator)) as {
    id: number;
  };
  roundId = round.id;
  const clerk = sessions.get('clerk.own') as CallContext;
  const inbox = (await call('reports.inbox', {}, clerk)) as { reportId: number }[];
  taskReport = inbox[0]?.reportId ?? 0;
  let view = (await call('reports.get', { reportId: taskReport }, clerk)) as {
    version: number;
    content: MethodInput<'reports.update'>['content'];
  };
  view = (await call(
    'reports.update',
    {
      reportId: taskReport,
      version: view.version,
      content: { ...view.content, progress: '本季度新建普惠托育点暗号甲。' },
    },
    clerk,
  )) as typeof view;
  const withFile = (await call(
    'reports.attachments.add',
    {
      reportId: taskReport,
      version: view.version,
      fileName: '照片.jpg',
      contentBase64: Buffer.from('jpg').toString('base64'),
    },
    clerk,
  )) as { attachments: { id: number }[] };
  attachmentId = withFile.attachments[0]?.id ?? 0;
  const compiled = (await call('documents.createCompiled', { roundId }, coordinator)) as { id: number };
  compiledReport = compiled.id;
});
afterAll(() => world.cleanup());

describe('the same matrix over HTTP', () => {
  let server: RunningServer;
  const cookies = new Map<string, string>();
  const headers = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };

  const post = async (
    method: string,
    body: unknown,
    cookie = '',
  ): Promise<{ status: number; body: ApiResult<unknown>; setCookie: string }> => {
    const response = await fetch(`${server.url}api/${method}`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as ApiResult<unknown>,
      setCookie: response.headers.get('set-cookie') ?? '',
    };
  };

  const site = makeTempDir('luoshi-policy-site-');

  beforeAll(async () => {
    server = await startHttpServer({
      dispatcher: createDispatcher(world.core, () => undefined),
      staticDir: site.dir,
      host: '127.0.0.1',
      port: 0,
      ...passwordCheckLimiters(() => world.core.db),
    });
    for (const role of roleOrder) {
      for (const side of ['own', 'other'] as const) {
        const login = await post('auth.login', { username: key(role, side), password: 'password-123' });
        cookies.set(key(role, side), (login.setCookie.split(';')[0] ?? '').trim());
      }
    }
  });
  afterAll(async () => {
    await server.close();
    site.cleanup();
  });

  const httpRow = async (method: string, input: unknown, side: Side): Promise<string> => {
    let letters = '';
    for (const role of roleOrder) {
      const { status, body } = await post(method, input, cookies.get(key(role, side)));
      if (body.ok) letters += 'A';
      else if (body.error.code === 'forbidden' && status === 403) letters += 'R';
      else throw new Error(`${method} as ${key(role, side)}: ${status} ${body.error.code}: ${body.error.message}`);
    }
    return letters;
  };

  it('report reads: own unit and task force allowed, other units refused with 403', async () => {
    for (const [method, input] of [
      ['reports.get', { reportId: taskReport }],
      ['reports.timeline', { reportId: taskReport }],
      ['reports.attachments.download', { attachmentId }],
      ['documents.compose', { kind: 'task', reportId: taskReport }],
    ] as const) {
      expect(await httpRow(method, input, 'own')).toBe('AAAA');
      expect(await httpRow(method, input, 'other')).toBe('RRAR');
    }
  });

  it('unit records and role-gated writes', async () => {
    expect(await httpRow('ledgers.export', { kind: 'unit', roundId, unitId: socialUnit }, 'other')).toBe('RRAR');
    expect(await httpRow('fillIn.export', { roundId, unitId: socialUnit }, 'own')).toBe('AAAR');
    expect(await httpRow('users.list', {}, 'own')).toBe('RRAA');
    expect(await httpRow('units.update', { unitId: world.unitId(unitNames.chaohe), aliases: [] }, 'other')).toBe(
      'RRRA',
    );
  });
});

describe('the permission matrix through the dispatcher (clerk leader coordinator admin)', () => {
  const reads: [MethodName, () => unknown][] = [
    ['reports.get', () => ({ reportId: taskReport })],
    ['reports.timeline', () => ({ reportId: taskReport })],
    ['reports.attachments.download', () => ({ attachmentId })],
    ['documents.compose', () => ({ kind: 'task', reportId: taskReport })],
    ['documents.render', () => ({ kind: 'task', reportId: taskReport })],
  ];

  it.each(reads)("%s over the own unit's report: its unit and the task force read it", async (method, input) => {
    expect(await row(method, input, 'own')).toBe('AAAA');
  });

  it.each(reads)("%s over another unit's report: only the task force reads it", async (method, input) => {
    expect(await row(method, input, 'other')).toBe('RRAR');
  });

  it("refuses another unit's draft with a message that says what the reader may do instead", async () => {
    const result = await api.call('reports.get', { reportId: taskReport }, sessions.get('clerk.other') as CallContext);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('forbidden');
    expect(result.error.message).toContain(`本单位（${unitNames.economy}）`);
    expect(result.error.message).toContain('请联系工作专班');
    expect(result.error.message).not.toContain('托育');
  });

  it('a unit reads through a collective it belongs to (明湖办事处 in 各办事处), and not other tasks', async () => {
    world.user('minghu.clerk', ['clerk'], unitNames.minghu);
    const minghu = await login('minghu.clerk');
    expect((await api.call('reports.get', { reportId: taskReport }, minghu)).ok).toBe(true);
    const overview = (await call('rounds.overview', { roundId }, sessions.get('coordinator.own') as CallContext)) as {
      rows: { kind: string; no: number; reportId: number | null }[];
    };
    const task2 = overview.rows.find((r) => r.kind === 'task' && r.no === 2)?.reportId ?? 0;
    const refused = await api.call('reports.get', { reportId: task2 }, minghu);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('forbidden');
    expect((await api.call('reports.get', { reportId: task2 }, sessions.get('clerk.own') as CallContext)).ok).toBe(
      false,
    );
  });

  it('search shows the report hit only to those who may read the report', async () => {
    const seen = async (role: Role, side: Side): Promise<Verdict> => {
      const result = (await call(
        'search.query',
        { q: '暗号甲', kinds: ['report'] },
        sessions.get(key(role, side)) as CallContext,
      )) as {
        hits: { kind: string; refId: number }[];
      };
      return result.hits.some((h) => h.kind === 'report' && h.refId === taskReport) ? 'A' : 'R';
    };
    const letters = async (side: Side) => (await Promise.all(roleOrder.map((r) => seen(r, side)))).join('');
    expect(await letters('own')).toBe('AAAA');
    expect(await letters('other')).toBe('RRAR');
  });

  it('unit records (unit ledger, fill-in sheet) of 区社会事业局: its clerks and leaders and the task force', async () => {
    const ledger = () => ({ kind: 'unit', roundId, unitId: socialUnit });
    const sheet = () => ({ roundId, unitId: socialUnit });
    expect(await row('ledgers.export', ledger, 'own')).toBe('AAAR');
    expect(await row('ledgers.export', ledger, 'other')).toBe('RRAR');
    expect(await row('fillIn.export', sheet, 'own')).toBe('AAAR');
    expect(await row('fillIn.export', sheet, 'other')).toBe('RRAR');
    // The plan-wide ledgers gather every unit's reports: the task force only.
    for (const kind of ['task', 'indicator', 'project'] as const) {
      expect(await row('ledgers.export', () => ({ kind, roundId }), 'own')).toBe('RRAR');
    }
  });

  it('plan-wide reads: the round overview and the 工作台 show a unit only the rows it may read', async () => {
    type Overview = { rows: { reportId: number; kind: string; no: number }[]; countsByState: Record<string, number> };
    const overview = async (who: string) =>
      (await call('rounds.overview', { roundId }, sessions.get(who) as CallContext)) as Overview;
    const all = await overview('coordinator.own');
    const own = await overview('clerk.own');
    const other = await overview('clerk.other');
    expect(all.rows.map((r) => r.reportId)).toContain(taskReport);
    expect(own.rows.map((r) => r.reportId)).toContain(taskReport);
    expect(other.rows.map((r) => r.reportId)).not.toContain(taskReport);
    expect(own.rows.length).toBeLessThan(all.rows.length);
    expect((await overview('admin.other')).rows).toEqual([]);
    expect(Object.values(own.countsByState).reduce((a, b) => a + b, 0)).toBe(own.rows.length);
    // Every row shown is a report the reader may open: the same rule as reports.get.
    for (const r of [...own.rows, ...other.rows].slice(0, 12)) {
      const reader = own.rows.includes(r) ? 'clerk.own' : 'clerk.other';
      expect((await api.call('reports.get', { reportId: r.reportId }, sessions.get(reader) as CallContext)).ok).toBe(
        true,
      );
    }
    const taskNo = all.rows.find((r) => r.reportId === taskReport)?.no;
    type Pace = { indicators: { taskNo: number }[] };
    const pace = async (who: string) =>
      ((await call('dashboard.indicators', { roundId }, sessions.get(who) as CallContext)) as Pace).indicators;
    expect((await pace('coordinator.other')).some((i) => i.taskNo === taskNo)).toBe(true);
    expect((await pace('clerk.own')).some((i) => i.taskNo === taskNo)).toBe(true);
    expect((await pace('clerk.other')).some((i) => i.taskNo === taskNo)).toBe(false);
  });

  it("the quarterly report composed over all tasks is the task force's; the refusal says who may and what instead", async () => {
    expect(await row('documents.compose', () => ({ kind: 'quarterly', roundId }), 'own')).toBe('RRAR');
    expect(await row('documents.render', () => ({ kind: 'quarterly', roundId }), 'other')).toBe('RRAR');
    const refused = await api.call(
      'documents.compose',
      { kind: 'quarterly', roundId },
      sessions.get('leader.own') as CallContext,
    );
    expect(refused.ok ? '' : refused.error.message).toContain('只有工作专班可以查看');
    const ledger = await api.call(
      'ledgers.export',
      { kind: 'task', roundId },
      sessions.get('clerk.own') as CallContext,
    );
    expect(ledger.ok ? '' : ledger.error.message).toContain(`你可以导出本单位（${unitNames.social}）的单位台账`);
  });

  it("the task force's compiled draft: the task force and the reviewing units (区经济发展局) read it", async () => {
    for (const method of ['reports.get', 'reports.timeline'] as const) {
      expect(await row(method, () => ({ reportId: compiledReport }), 'own')).toBe('RRAR');
      // "other" users are of 区经济发展局, a reviewer; the admin of that row has no unit.
      expect(await row(method, () => ({ reportId: compiledReport }), 'other')).toBe('AAAR');
    }
    expect(await row('compiled.get', () => ({ roundId }), 'own')).toBe('RRAR');
    const refused = await api.call('compiled.get', { roundId }, sessions.get('clerk.own') as CallContext);
    expect(refused.ok ? '' : refused.error.message).toContain('归档后所有单位均可查看');
    // The bulletin (通报) of lagging and overdue tasks is issued to every unit.
    expect(await row('documents.compose', () => ({ kind: 'bulletin', roundId }), 'other')).toBe('AAAA');
    expect(await row('documents.render', () => ({ compiledReportId: compiledReport }), 'own')).toBe('RRAR');
  });

  it('writes: role rules from the policy table', async () => {
    const nextRound = () => {
      extraQuarter += 1;
      return { year: 2024, quarter: extraQuarter, deadline: '2025-01-15' };
    };
    expect(await row('rounds.open', nextRound, 'own')).toBe('RRAR');
    expect(await row('users.list', () => ({}), 'own')).toBe('RRAA');
    expect(await row('users.readiness', () => ({}), 'own')).toBe('RRAA');
    expect(await row('units.update', () => ({ unitId: world.unitId(unitNames.minghu), aliases: [] }), 'own')).toBe(
      'RRRA',
    );
    const settings = await call('documents.settings', {}, sessions.get('coordinator.own') as CallContext);
    expect(await row('documents.setSettings', () => settings, 'own')).toBe('RRAA');
    expect(
      await row(
        'reports.setArchiveSettings',
        () => ({ reportPattern: 'LS-{year}-{seq}', compiledPattern: 'x{seq}' }),
        'own',
      ),
    ).toBe('RRAA');
    expect(await row('backup.setSettings', () => ({ keep: 5 }), 'own')).toBe('RRRA');
  });

  it('has no unchecked write of the compiled report: compiled.create and compiled.update are gone', async () => {
    const coordinator = sessions.get('coordinator.own') as CallContext;
    for (const method of ['compiled.create', 'compiled.update']) {
      const result = await api.call(
        method,
        { roundId, reportId: compiledReport, version: 1, content: { anything: true } },
        coordinator,
      );
      expect(result.ok ? 'ok' : result.error.code).toBe('not_found');
    }
    // The checked path refuses a document that is not a quarterly report.
    const view = (await call('reports.get', { reportId: compiledReport }, coordinator)) as { version: number };
    const bad = await api.call(
      'documents.saveCompiled',
      { reportId: compiledReport, version: view.version, document: { anything: true } },
      coordinator,
    );
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_input');
  });

  it('writes on a report: the drafting unit edits its draft, no other unit does', async () => {
    const update = async (role: Role, side: Side): Promise<Verdict> => {
      const coordinator = sessions.get('coordinator.own') as CallContext;
      const view = (await call('reports.get', { reportId: taskReport }, coordinator)) as {
        version: number;
        content: MethodInput<'reports.update'>['content'];
      };
      return verdict(
        'reports.update',
        { reportId: taskReport, version: view.version, content: view.content },
        role,
        side,
      );
    };
    const letters = async (side: Side) => {
      let out = '';
      for (const role of roleOrder) out += await update(role, side);
      return out;
    };
    expect(await letters('own')).toBe('AARR');
    expect(await letters('other')).toBe('RRRR');
  });

  it('批示: the task force and the lead unit’s leader issue; the task’s units and the task force read it', async () => {
    const task1 = world.core.db.prepare('SELECT id FROM tasks WHERE no = 1').pluck().get() as number;
    const issue = () => ({
      taskId: task1,
      unitIds: [world.unitId(unitNames.health)],
      text: '请加快推进。',
      dueDate: '2025-10-20',
    });
    // 区社会事业局 leads task 1; 区经济发展局 takes no part in it.
    expect(await row('instructions.issue', issue, 'own')).toBe('RAAR');
    expect(await row('instructions.issue', issue, 'other')).toBe('RRAR');
    const coordinator = sessions.get('coordinator.other') as CallContext;
    const issued = (await call('instructions.issue', issue(), coordinator)) as { id: number };
    // The own administrator belongs to 区社会事业局 and reads as its unit does; the other has no unit.
    expect(await row('instructions.get', () => ({ instructionId: issued.id }), 'own')).toBe('AAAA');
    expect(await row('instructions.get', () => ({ instructionId: issued.id }), 'other')).toBe('RRAR');
    // Only 区卫生健康委员会 answers its own line: nobody here may submit it.
    const submit = () => ({
      instructionId: issued.id,
      unitId: world.unitId(unitNames.health),
      event: 'answer.submit',
      text: '已落实。',
    });
    expect(await row('instructions.act', submit, 'own')).toBe('RRRR');
    expect(await row('instructions.act', submit, 'other')).toBe('RRRR');
  });
});

describe('a subset of the matrix over the CLI (through the same dispatcher)', () => {
  const files = makeTempDir('luoshi-policy-cli-');
  afterAll(() => files.cleanup());
  const cli = (...args: string[]) => runCliCaptured([...args, '--data-dir', world.core.paths.dataDir]);

  /** A (exit 0) or R (exit 1 with the policy's refusal); anything else fails the test. */
  const cliRow = async (args: (username: string) => string[], side: Side): Promise<string> => {
    let letters = '';
    for (const role of roleOrder) {
      const result = await cli(...args(key(role, side)));
      if (result.code === 0) letters += 'A';
      else if (result.code === 1 && /^错误：只有/.test(result.err)) letters += 'R';
      else throw new Error(`${args(key(role, side)).join(' ')}: ${result.code} ${result.err}`);
    }
    return letters;
  };

  it('role rules: changing a deadline --as each role of the drafting unit', async () => {
    expect(
      await cliRow((as) => ['rounds', 'deadline', '--round', '2025Q3', '--deadline', '2025-10-10', '--as', as], 'own'),
    ).toBe('RRAR');
  });

  it("object rules: applying 区社会事业局's returned sheet --as its users and another unit's", async () => {
    const sheet = join(files.dir, '填报表.xlsx');
    const exported = await cli('export', 'fill-in', '--round', '2025Q3', '--unit', unitNames.social, '-o', sheet);
    expect(exported.err).toBe('');
    const apply = (as: string) => [
      'import',
      'fill-in',
      sheet,
      '--round',
      '2025Q3',
      '--unit',
      unitNames.social,
      '--apply',
      '--as',
      as,
    ];
    expect(await cliRow(apply, 'own')).toBe('AAAR');
    expect(await cliRow(apply, 'other')).toBe('RRAR');
  });

  it("the local operator (no --as) holds every action: account list and any unit's ledger", async () => {
    const listed = await cli('users', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('clerk.own');
    const ledger = join(files.dir, '单位台账.xlsx');
    expect(
      (await cli('export', 'ledger', '--kind', 'unit', '--round', '2025Q3', '--unit', unitNames.economy, '-o', ledger))
        .code,
    ).toBe(0);
  });
});
