import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Answer } from '../../helpers/apiClient';
import { startTestCluster } from '../../helpers/postgres';
import { requireBuiltApp, runLuoshi, startServedCluster, type ServedCluster } from '../../helpers/servedCluster';
import { makeTempDir } from '../../helpers/tempDir';

/**
 * Several server processes on one database (`luoshi serve --workers 3`, issue #17): 50 clients
 * make 500 mixed writes (content edits with expected versions, lifecycle steps, fill-in imports)
 * through the real CLI, then the same with one server process killed with SIGKILL mid-burst.
 * Checked: no lost update, every refused write a version conflict, one winner when two clients
 * edit the same version, the audit chain verifying, archive numbers unique and consecutive.
 *
 * The engine is a parameter: SQLite (one data folder, WAL, busy_timeout) and PostgreSQL (the demo
 * copied with `db copy` to a throwaway cluster, `serve --database`).
 */

interface Deployment {
  /** How `serve` and `audit verify` find the data. */
  dataArgs: string[];
  /** Every archive number given so far, with its report kind. */
  archiveNumbers(): Promise<{ kind: string; archive_no: string }[]>;
  cleanup(): Promise<void>;
}

interface Engine {
  name: string;
  /** The folder's SQLite file is backed up on a schedule by the primary; a PostgreSQL deployment with `luoshi backup --database`. */
  automaticBackups: boolean;
  deploy(demoDir: string): Promise<Deployment>;
}

const archiveSql = 'SELECT kind, archive_no FROM reports WHERE archive_no IS NOT NULL';

const sqlite: Engine = {
  name: 'SQLite (one data folder)',
  automaticBackups: true,
  deploy(demoDir) {
    return Promise.resolve({
      dataArgs: ['--data-dir', demoDir],
      archiveNumbers() {
        const db = new Database(`${demoDir}/luoshi.db`, { readonly: true });
        try {
          return Promise.resolve(db.prepare(archiveSql).all() as { kind: string; archive_no: string }[]);
        } finally {
          db.close();
        }
      },
      cleanup: () => Promise.resolve(),
    });
  },
};

const postgres: Engine = {
  name: 'PostgreSQL (serve --database)',
  automaticBackups: false,
  async deploy(demoDir) {
    const cluster = await startTestCluster();
    const url = await cluster.createDatabase('multi_process');
    const copied = runLuoshi(['db', 'copy', '--from', demoDir, '--to', url], 120_000);
    if (copied.status !== 0) throw new Error(`db copy failed: ${copied.out}${copied.err}`);
    return {
      // The data folder still holds the audit key, attachments and backups beside the database.
      dataArgs: ['--data-dir', demoDir, '--database', url],
      async archiveNumbers() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query<{ kind: string; archive_no: string }>(archiveSql)).rows;
        } finally {
          await client.end();
        }
      },
      cleanup: () => cluster.stop(),
    };
  },
};

const engines: Engine[] = [sqlite, postgres];

const password = 'luoshi-demo';
const clientCount = 50;
const writesPerBurst = 500;

interface DemoUser {
  username: string;
  roles: string[];
  unitName: string;
}
interface InboxItem {
  reportId: number;
  version: number;
  roundId: number;
  kind: string;
  action: string;
}
interface ReportView {
  id: number;
  kind: string;
  state: string;
  version: number;
  archiveNo: string | null;
  canEdit: boolean;
  content: { progress: string; problems: string; nextSteps: string; completed: boolean };
  indicators: { indicatorId: number; value: number | null; note: string; noNewProgress: boolean }[];
  actions: { event: string; needsReason: boolean }[];
}

/** What one burst saw; the checks read it afterwards. */
interface Ledger {
  attempts: number;
  /** Accepted content writes: the version they produced and the progress text they wrote. */
  edits: { reportId: number; version: number; marker: string }[];
  /** Writes whose connection was lost: they may or may not have been committed. */
  uncertain: { reportId: number; expectedVersion: number; marker: string | null }[];
  transitions: { reportId: number; version: number; event: string; account: string }[];
  /** Refusals that were not version conflicts (there must be none). */
  unexpected: string[];
  stale: number;
  fillIns: { unitId: number; markers: Map<number, string> }[];
  conflictPairs: { winners: number; stale: number }[];
}

function newLedger(): Ledger {
  return {
    attempts: 0,
    edits: [],
    uncertain: [],
    transitions: [],
    unexpected: [],
    stale: 0,
    fillIns: [],
    conflictPairs: [],
  };
}

function demoUsers(output: string): DemoUser[] {
  return output
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((parts) => parts.length === 4 && parts[1] === password && parts[0] !== 'admin')
    .map(([username, , roles, unitName]) => ({
      username: username ?? '',
      roles: (roles ?? '').split(','),
      unitName: unitName ?? '',
    }));
}

/** The content a clerk saves: a unique progress text, every indicator given or marked 无新进展 (so it may be submitted). */
function editedContent(view: ReportView, marker: string) {
  return {
    progress: marker,
    problems: view.content.problems,
    nextSteps: view.content.nextSteps,
    completed: view.content.completed,
    indicatorValues: view.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      value: i.value,
      note: i.note,
      ...(i.value === null ? { noNewProgress: true } : {}),
    })),
  };
}

/** Submitting needs a progress text and every indicator given or marked; otherwise the clerk edits first. */
function submittable(view: ReportView): boolean {
  return view.content.progress.trim() !== '' && view.indicators.every((i) => i.value !== null || i.noNewProgress);
}

const pick = <T>(list: readonly T[], random: () => number): T | undefined => list[Math.floor(random() * list.length)];

/** A small seeded generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function classify(ledger: Ledger, answer: Answer, what: string): void {
  if (answer.kind !== 'refused') return;
  if (answer.code === 'stale') ledger.stale += 1;
  else ledger.unexpected.push(`${what}: ${answer.status} ${answer.code} ${answer.message}`);
}

/** One client's share of a burst: read the inbox, open a report, edit it or take a step it offers. */
async function editorLoop(client: ApiClient, ledger: Ledger, budget: () => boolean, random: () => number) {
  let idle = 0;
  for (let round = 0; round < 300 && idle < 20; round++) {
    // The compiled report is written on the 公文 page (documents.saveCompiled), not here.
    const inbox = (await client.read<InboxItem[]>('reports.inbox')).filter((i) => i.kind !== 'compiled');
    const item = pick(inbox, random);
    if (!item) {
      // Others' steps may bring work (a report submitted for review, one returned).
      idle += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    idle = 0;
    const view = await client.read<ReportView>('reports.get', { reportId: item.reportId });
    const editable = view.canEdit && view.kind !== 'compiled';
    // Steps back (return, object, withdraw) are rarer, so reports also move on towards filing;
    // drafts are mostly edited, so there are drafts to edit all through the burst.
    const steps = view.actions.filter(
      (a) => (!a.needsReason || random() < 0.15) && (a.event !== 'report.submit' || submittable(view)),
    );
    if (!editable && steps.length === 0) continue;
    if (!budget()) return;
    if (editable && (steps.length === 0 || random() < 0.97)) {
      const marker = `${client.name}#${round}@v${view.version}`;
      const answer = await client.write('reports.update', {
        reportId: view.id,
        version: view.version,
        content: editedContent(view, marker),
      });
      if (answer.kind === 'ok') {
        ledger.edits.push({ reportId: view.id, version: (answer.data as ReportView).version, marker });
      } else if (answer.kind === 'lost') {
        ledger.uncertain.push({ reportId: view.id, expectedVersion: view.version, marker });
      } else classify(ledger, answer, `edit of report ${view.id}`);
      continue;
    }
    const step = pick(steps, random);
    if (!step) continue;
    const answer = await client.write('reports.transition', {
      reportId: view.id,
      version: view.version,
      event: step.event,
      ...(step.needsReason ? { opinion: '请补充本季度的具体数据。' } : {}),
    });
    if (answer.kind === 'ok') {
      ledger.transitions.push({
        reportId: view.id,
        version: (answer.data as ReportView).version,
        event: step.event,
        account: client.name.split('/')[0] ?? '',
      });
    } else if (answer.kind === 'lost') {
      ledger.uncertain.push({ reportId: view.id, expectedVersion: view.version, marker: null });
    } else classify(ledger, answer, `${step.event} of report ${view.id}`);
  }
}

/** A unit's clerk downloads its fill-in sheet, types a new progress text into every row and imports it. */
async function fillInLoop(client: ApiClient, unitId: number, roundId: number, ledger: Ledger, budget: () => boolean) {
  for (let round = 0; round < 3; round++) {
    const file = await client.read<{ contentBase64: string }>('fillIn.export', { roundId, unitId });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('进展填报');
    if (!sheet) throw new Error('the fill-in sheet has no 进展填报 sheet');
    const markers = new Map<number, string>();
    for (let row = 4; row <= sheet.rowCount; row++) {
      const cell: unknown = sheet.getCell(row, 7).value;
      const key = typeof cell === 'string' ? cell : '';
      if (!key.startsWith('R')) continue;
      const marker = `${client.name}#fill${round}:${key}`;
      sheet.getCell(row, 4).value = marker;
      markers.set(Number(key.slice(1)), marker);
    }
    const contentBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    if (!budget()) return;
    const answer = await client.write('fillIn.apply', { roundId, unitId, contentBase64 });
    if (answer.kind === 'ok') ledger.fillIns.push({ unitId, markers });
    else if (answer.kind === 'lost') {
      for (const [reportId, marker] of markers) ledger.uncertain.push({ reportId, expectedVersion: -1, marker });
    } else classify(ledger, answer, `fill-in of unit ${unitId}`);
  }
}

/** Two clients save the same report against the same version at once: exactly one may win. */
async function conflictPair(first: ApiClient, second: ApiClient, reportId: number, ledger: Ledger) {
  const view = await first.read<ReportView>('reports.get', { reportId });
  if (!view.canEdit) return;
  const answers = await Promise.all(
    [first, second].map((client) =>
      client.write('reports.update', {
        reportId,
        version: view.version,
        content: editedContent(view, `${client.name}#pair@v${view.version}`),
      }),
    ),
  );
  if (answers.some((a) => a.kind === 'lost')) return;
  answers.forEach((answer, index) => {
    if (answer.kind === 'ok')
      ledger.edits.push({
        reportId,
        version: (answer.data as ReportView).version,
        marker: `${(index === 0 ? first : second).name}#pair@v${view.version}`,
      });
  });
  ledger.conflictPairs.push({
    winners: answers.filter((a) => a.kind === 'ok').length,
    stale: answers.filter((a) => a.kind === 'refused' && a.code === 'stale').length,
  });
}

describe.each(engines)('three server processes on one database: $name', (engine) => {
  let folder: { dir: string; cleanup: () => void };
  let deployment: Deployment;
  let served: ServedCluster;
  let editors: ApiClient[] = [];
  let fillers: { client: ApiClient; unitId: number }[] = [];
  let pairs: [ApiClient, ApiClient, number][] = [];
  let roundId = 0;
  let backupsBefore = 0;
  let backupsFolder = '';
  const bursts: Ledger[] = [];
  const backupCount = () =>
    existsSync(backupsFolder) ? readdirSync(backupsFolder).filter((f) => f.endsWith('.luoshibak')).length : 0;

  beforeAll(async () => {
    requireBuiltApp();
    folder = makeTempDir('luoshi-multi-');
    const dataDir = `${folder.dir}/data`;
    const demo = runLuoshi(['demo', '--data-dir', dataDir, '--quarters', '1']);
    expect(demo.status, demo.err).toBe(0);
    const users = demoUsers(demo.out);
    backupsFolder = `${dataDir}/backups`;
    backupsBefore = backupCount();
    deployment = await engine.deploy(dataDir);
    served = await startServedCluster([...deployment.dataArgs, '--port', '0', '--workers', '3']);
    expect(served.pids).toHaveLength(3);

    // Who has work: one probe session per account.
    const probes = await Promise.all(
      users.map(async (user) => {
        const client = new ApiClient(served.url, user.username);
        await client.login(user.username, password);
        return { user, client, inbox: await client.read<InboxItem[]>('reports.inbox') };
      }),
    );
    const coordinator = probes.find((p) => p.user.roles.includes('coordinator'));
    if (!coordinator) throw new Error('the demo has no coordinator');
    const units = await coordinator.client.read<{ id: number; name: string }[]>('units.list');
    roundId = probes.flatMap((p) => p.inbox)[0]?.roundId ?? 0;

    // Two units import fill-in sheets; nobody else writes to what they draft, so their sheets
    // never conflict and their last import is what must be read back.
    const draftsByUnit = new Map<string, number>();
    for (const p of probes)
      if (p.user.roles.includes('clerk') && !p.user.roles.includes('coordinator'))
        draftsByUnit.set(p.user.unitName, p.inbox.filter((i) => i.kind !== 'compiled').length);
    const coordinatorUnits = new Set(
      probes.filter((p) => p.user.roles.includes('coordinator')).map((p) => p.user.unitName),
    );
    const fillUnits = [...draftsByUnit]
      .filter(([name, drafts]) => drafts > 0 && !coordinatorUnits.has(name))
      .sort((a, b) => b[1] - a[1])
      .slice(1, 3)
      .map(([name]) => name);
    expect(fillUnits).toHaveLength(2);
    fillers = fillUnits.map((name) => {
      const probe = probes.find((p) => p.user.unitName === name && p.user.roles.includes('clerk'));
      const unit = units.find((u) => u.name === name);
      if (!probe || !unit) throw new Error(`no clerk or unit for ${name}`);
      return { client: probe.client, unitId: unit.id };
    });

    // The other 48 clients: every account with work outside those units, with more sessions of
    // the busiest ones until there are 48 (two sessions of one account are two clients).
    const working = probes.filter((p) => p.inbox.length > 0 && !fillUnits.includes(p.user.unitName));
    editors = working.map((p) => p.client);
    for (let i = 0; editors.length < clientCount - fillers.length; i++) {
      const probe = working[i % working.length];
      if (!probe) throw new Error('no account has work in the demo');
      const client = new ApiClient(served.url, `${probe.user.username}/${i + 2}`);
      await client.login(probe.user.username, password);
      editors.push(client);
    }
    // Conflict pairs: two sessions of one drafter, on the reports they may edit.
    pairs = [];
    const paired = new Set<number>();
    for (const p of working.filter((w) => w.user.roles.includes('clerk'))) {
      const twin = editors.find((e) => e !== p.client && e.name.startsWith(`${p.user.username}/`));
      const report = p.inbox.find((i) => i.kind !== 'compiled' && i.action === 'draft' && !paired.has(i.reportId));
      if (!twin || !report) continue;
      paired.add(report.reportId);
      pairs.push([p.client, twin, report.reportId]);
    }
    expect(pairs.length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    await served?.stop();
    await deployment?.cleanup();
    folder?.cleanup();
  });

  async function burst(seed: number, midBurst?: () => void): Promise<Ledger> {
    const ledger = newLedger();
    let fired = false;
    const budget = () => {
      if (ledger.attempts >= writesPerBurst) return false;
      ledger.attempts += 1;
      if (!fired && midBurst && ledger.attempts >= writesPerBurst / 4) {
        fired = true;
        midBurst();
      }
      return true;
    };
    // The pairs first, all at once over the three processes: nobody else writes their reports meanwhile.
    await Promise.all(pairs.map(([first, second, reportId]) => conflictPair(first, second, reportId, ledger)));
    await Promise.all([
      ...editors.map((client, index) => editorLoop(client, ledger, budget, seeded(seed * 1000 + index))),
      ...fillers.map(({ client, unitId }) => fillInLoop(client, unitId, roundId, ledger, budget)),
    ]);
    bursts.push(ledger);
    return ledger;
  }

  /** No lost update: what each report holds now is the newest write that was accepted (or one whose answer was lost). */
  async function expectNoLostUpdate(ledger: Ledger): Promise<void> {
    const reader = editors[0];
    if (!reader) throw new Error('no clients');
    const newest = new Map<number, { version: number; marker: string }>();
    for (const edit of ledger.edits) {
      const seen = newest.get(edit.reportId);
      if (!seen || edit.version > seen.version) newest.set(edit.reportId, edit);
    }
    // A step repeated by the same account (its second session) is answered with the version the
    // first produced, not refused (reportsService.isRepeatOfLastStep): one write, counted once.
    const steps = new Set(ledger.transitions.map((t) => `${t.reportId}@${t.version} ${t.account} ${t.event}`));
    const versions = [
      ...ledger.edits.map((w) => `${w.reportId}@${w.version}`),
      ...[...steps].map((step) => step.split(' ')[0] ?? ''),
    ];
    expect(new Set(versions).size, 'two accepted writes produced the same version of a report').toBe(versions.length);
    for (const [reportId, edit] of newest) {
      const view = await reader.read<ReportView>('reports.get', { reportId });
      const maybe = ledger.uncertain.filter((u) => u.reportId === reportId && u.expectedVersion >= edit.version);
      expect([edit.marker, ...maybe.map((u) => u.marker)], `report ${reportId}`).toContain(view.content.progress);
    }
    for (const { client, unitId } of fillers) {
      const last = ledger.fillIns.filter((f) => f.unitId === unitId).at(-1);
      for (const [reportId, marker] of last?.markers ?? []) {
        const view = await client.read<ReportView>('reports.get', { reportId });
        const maybe = ledger.uncertain.filter((u) => u.reportId === reportId).map((u) => u.marker);
        expect([marker, ...maybe], `fill-in report ${reportId}`).toContain(view.content.progress);
      }
    }
  }

  it('500 mixed writes from 50 clients: no lost update, refusals only version conflicts, one winner per conflict', async () => {
    const ledger = await burst(1);
    expect(ledger.attempts).toBe(writesPerBurst);
    expect(ledger.unexpected).toEqual([]);
    expect(ledger.uncertain).toEqual([]);
    expect(ledger.edits.length).toBeGreaterThan(100);
    expect(ledger.transitions.length).toBeGreaterThan(20);
    expect(ledger.fillIns.length).toBeGreaterThan(0);
    expect(ledger.conflictPairs.length).toBeGreaterThan(0);
    for (const pair of ledger.conflictPairs) expect(pair).toEqual({ winners: 1, stale: 1 });
    expect(ledger.transitions.some((t) => t.event === 'report.file')).toBe(true);
    await expectNoLostUpdate(ledger);
  }, 120_000);

  it('the same with one server process killed by SIGKILL mid-burst: it is restarted and nothing is lost', async () => {
    const victim = served.pids[1] ?? 0;
    const ledger = await burst(2, () => process.kill(victim, 'SIGKILL'));
    for (let i = 0; i < 100 && served.restarted().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(served.restarted(), served.output()).toHaveLength(1);
    expect(served.output()).toContain(`（进程号 ${victim}）意外退出（信号 SIGKILL）`);
    expect(ledger.attempts).toBe(writesPerBurst);
    expect(ledger.unexpected).toEqual([]);
    // The kill landed mid-burst: requests in flight on that process lost their connections.
    expect(editors.reduce((n, client) => n + client.connectionErrors, 0)).toBeGreaterThan(0);
    expect(ledger.edits.length).toBeGreaterThan(100);
    for (const pair of ledger.conflictPairs) expect(pair).toEqual({ winners: 1, stale: 1 });
    await expectNoLostUpdate(ledger);
  }, 120_000);

  it('stops on SIGTERM; backed up by the primary alone; the audit chain verifies; archive numbers consecutive', async () => {
    expect(await served.stop()).toBe(0);
    // At most one automatic backup at start (when due) and one at shutdown (the data changed),
    // however many server processes there were; none of the folder on PostgreSQL, whose data is not in it.
    if (engine.automaticBackups) {
      expect(backupCount() - backupsBefore).toBeGreaterThanOrEqual(1);
      expect(backupCount() - backupsBefore).toBeLessThanOrEqual(2);
    } else expect(backupCount() - backupsBefore).toBe(0);
    const verify = runLuoshi(['audit', 'verify', ...deployment.dataArgs]);
    expect(verify.status, `${verify.out}${verify.err}`).toBe(0);

    const numbers = await deployment.archiveNumbers();
    const filedNow = bursts.flatMap((b) => b.transitions).filter((t) => t.event === 'report.file').length;
    expect(filedNow).toBeGreaterThan(0);
    const byKind = new Map<string, number[]>();
    for (const { kind, archive_no } of numbers) {
      const sequence = Number(/(\d+)号$/.exec(archive_no)?.[1]);
      const key = kind === 'compiled' ? 'compiled' : 'report';
      byKind.set(key, [...(byKind.get(key) ?? []), sequence]);
    }
    for (const [kind, sequences] of byKind) {
      const sorted = [...sequences].sort((a, b) => a - b);
      expect(sorted, kind).toEqual(sorted.map((_, index) => index + 1));
    }
  }, 60_000);
});
