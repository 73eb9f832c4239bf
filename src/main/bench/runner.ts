import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { appItself } from '../core/policy';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Quarter } from '../../shared/quarters';
import { nextQuarter, quarterKey } from '../../shared/quarters';
import { localContext } from '../core/context';
import { createCore, type LuoshiCore } from '../core/core';
import { createDispatcher } from '../core/dispatcher';
import { seedPlanFile } from '../core/importer';
import { dataCounts } from '../core/store/statsQueries';
import { buildDistrict, firstQuarterOf } from './district';
import { readWorkbookValues, xlsxFilesIn } from './floors';
import { runIsolated, type IsolatedResult, type Isolation } from './isolate';
import type { BenchJob } from './jobs';
import { dashboardCalls } from './jobs';
import { measureOf, type BenchResults, type Measure } from './results';
import { elapsedMs, summarize, timeRuns } from './stats';
import { measureServerSection, type ServerDataSet, type ServerSectionOptions } from './serverSection';
import { buildCity } from './city';
import { measureTransitions } from './transitions';
import { queryTrend } from '../core/services/trendQuery';
import { currentPlanId, listTaskSummaries } from '../core/store/planStore';

export interface BenchOptions {
  resourcesDir: string;
  /** Where `out/renderer` is, for the bundle size; null skips it. */
  packageRoot: string | null;
  /** Quarterly rounds in the district (40 = ten years). */
  quarters: number;
  /** Audit entries the district reaches; default 102,000 × quarters / 40. */
  targetAuditEntries?: number;
  /** Runs of each slow measure (exports, cold start, seed import). */
  runs: number;
  /** Runs of each fast query. */
  queryRuns: number;
  /** Single transitions timed. */
  transitions: number;
  isolation: Isolation;
  /** Where the JSON goes; null: not written. */
  jsonOut: string | null;
  /** Keep the temporary data folder (for a look afterwards). */
  keep: boolean;
  /** The server section (serverSection.ts): `luoshi serve` started from `entry`; omitted: not measured. */
  server?: Omit<ServerSectionOptions, 'log'>;
  /** The city data set (city.ts), built after the district; omitted: not built. */
  city?: { quarters: number; districts: number; officesPerDistrict: number };
  log: (line: string) => void;
  /** 'dashboard': stop after the dashboard, trend and search queries (no audit verify, cold start or exports). */
  only?: 'dashboard';
}

const LIMITS = {
  dashboardMs: 50,
  transitionMs: 5,
  quarterlyMs: 2000,
  taskLedgerMs: 3000,
  exportMb: 500,
};

/** The quarter before the last completed one: the bench opens one more round after the district. */
function districtLastQuarter(now: Date): Quarter {
  const current = Math.floor(now.getUTCMonth() / 3) + 1;
  let q: Quarter = { year: now.getUTCFullYear(), quarter: current as Quarter['quarter'] };
  for (let i = 0; i < 2; i += 1)
    q =
      q.quarter === 1
        ? { year: q.year - 1, quarter: 4 }
        : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
  return q;
}

/** Ledger ranges of at most 10 quarters covering the district (the ledger service caps one ledger at 12). */
function ledgerRanges(first: Quarter, quarters: number): { from: string; to: string }[] {
  const ranges: { from: string; to: string }[] = [];
  let q = first;
  for (let done = 0; done < quarters;) {
    const size = Math.min(10, quarters - done);
    const from = q;
    for (let i = 1; i < size; i += 1) q = nextQuarter(q);
    ranges.push({ from: quarterKey(from), to: quarterKey(q) });
    q = nextQuarter(q);
    done += size;
  }
  return ranges;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const benchStart = process.hrtime.bigint();
  const log = options.log;
  const root = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const measures: Measure[] = [];
  const add = (m: Measure): void => {
    measures.push(m);
    log(
      `  ${m.label}: ${m.median.toFixed(2)} ${m.unit}${m.ratio === undefined ? '' : ` (${m.ratio.toFixed(2)}× floor)`}`,
    );
  };
  const isolated = async (runs: number, job: (run: number) => BenchJob): Promise<IsolatedResult[]> => {
    const results: IsolatedResult[] = [];
    for (let run = 0; run < runs; run += 1) results.push(await runIsolated(job(run), options.isolation));
    return results;
  };
  /**
   * Luoshi's export and its floor, run alternately (L F L F …) so both see the same load on a
   * shared machine; `between` runs once after Luoshi's first run (the floor reads its output).
   */
  const paired = async (
    luoshi: (run: number) => BenchJob,
    floor: (run: number) => BenchJob,
    between: () => Promise<void> = async () => {},
  ): Promise<{ luoshi: IsolatedResult[]; floor: IsolatedResult[] }> => {
    const a: IsolatedResult[] = [await runIsolated(luoshi(0), options.isolation)];
    await between();
    const b: IsolatedResult[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      b.push(await runIsolated(floor(run), options.isolation));
      if (run + 1 < options.runs) a.push(await runIsolated(luoshi(run + 1), options.isolation));
    }
    return { luoshi: a, floor: b };
  };
  try {
    // --- importing the seed plan, into a fresh database each run ------------------------------
    log('Importing the seed plan…');
    const seedFile = seedPlanFile(options.resourcesDir);
    const seedBytes = readFileSync(seedFile);
    const seedSamples: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      const core = await createCore({
        dataDir: join(root, `seed-${run}`),
        resourcesDir: options.resourcesDir,
        loadSeedPlan: false,
      });
      const start = process.hrtime.bigint();
      await core.plan.import({ fileName: basename(seedFile), bytes: seedBytes }, appItself);
      seedSamples.push(elapsedMs(start));
      core.close();
      rmSync(join(root, `seed-${run}`), { recursive: true, force: true });
    }
    add(measureOf('seed.import', '导入种子方案 seed plan import', 'ms', summarize(seedSamples)));

    // --- the district ----------------------------------------------------------------------
    const dataDir = join(root, 'district');
    const core = await createCore({ dataDir, resourcesDir: options.resourcesDir });
    const last = districtLastQuarter(core.clock.now());
    const target = options.targetAuditEntries ?? Math.ceil((102_000 * options.quarters) / 40);
    log(`Building the district: ${options.quarters} quarters, ~${target} audit entries…`);
    const buildStart = process.hrtime.bigint();
    const { facts, cast } = buildDistrict(core, {
      quarters: options.quarters,
      targetAuditEntries: target,
      lastQuarter: last,
    });
    const buildSeconds = elapsedMs(buildStart) / 1000;
    const filedRoundId = core.workflow.rounds.list()[0]?.id ?? 0;

    // --- one transition with its audit entry ---------------------------------------------------
    log('Transitions…');
    const transitions = measureTransitions(core, cast, last, options.transitions);
    const perTransition = summarize(transitions.samples);
    add(
      measureOf('transition.each', '一次流转（含审计记录，FULL 同步）one transition', 'ms', perTransition, {
        limit: LIMITS.transitionMs,
      }),
    );
    const batches: number[] = [];
    for (let i = 0; i < transitions.samples.length; i += 25) {
      const batch = transitions.samples.slice(i, i + 25);
      batches.push((batch.length * 1000) / batch.reduce((a, b) => a + b, 0));
    }
    add(
      measureOf('transition.throughput', '流转吞吐 transitions per second', '/s', summarize(batches), {
        note: 'per batch of 25',
      }),
    );
    const counts = dataCounts(core.db);

    // --- the dashboard and search, through the dispatcher ------------------------------------
    log('Dashboard and search…');
    const newestRoundId = transitions.roundId;
    const { call, sessionId } = await signedInCaller(core, facts);
    await timeDashboard(call, newestRoundId, options.queryRuns, add, {
      key: 'dashboard',
      label: '工作台',
      total: '工作台全部查询 dashboard, every call',
    });
    // The trend: one task's quarters (the task drawer) through the dispatcher, and every task's (the trend table's query).
    const planId = currentPlanId(core.db);
    const trendTask = planId === null ? undefined : listTaskSummaries(core.db, planId)[0];
    if (trendTask) {
      const rounds = ((await call('trend.task', { taskId: trendTask.id })) as { rounds: unknown[] }).rounds.length;
      add(
        measureOf(
          'trend.task',
          `任务各季度趋势（${rounds} 个季度）trend.task`,
          'ms',
          summarize(await timeRuns(options.queryRuns, () => call('trend.task', { taskId: trendTask.id }))),
          { limit: LIMITS.dashboardMs },
        ),
      );
      add(
        measureOf(
          'trend.plan',
          '全部任务各季度趋势（趋势表的查询）whole-plan trend',
          'ms',
          summarize(await timeRuns(options.queryRuns, () => queryTrend(core.db, core.clock.nowIso()))),
        ),
      );
    }
    const catchUp = process.hrtime.bigint();
    const indexed = core.search.catchUpReports();
    add(
      measureOf(
        'search.catchUp',
        `搜索索引补建（${indexed} 份报告）search catch-up`,
        'ms',
        summarize([elapsedMs(catchUp)]),
        { note: 'once, first search after the build' },
      ),
    );
    for (const [key, q] of [
      ['search.2char', '托育'],
      ['search.4char', '统筹调度'],
    ] as const) {
      const hits = ((await call('search.query', { q, kinds: [], limit: 50 })) as { hits: unknown[] }).hits.length;
      add(
        measureOf(
          key,
          `搜索「${q}」(${hits} hits shown)`,
          'ms',
          summarize(await timeRuns(options.queryRuns, () => call('search.query', { q, kinds: [], limit: 50 }))),
          { limit: LIMITS.dashboardMs },
        ),
      );
    }

    const cityScale: Record<string, number | string> = {};
    const notMeasured: string[] = [];
    const finish = (): BenchResults => {
      const results: BenchResults = {
        machine: {
          nproc: cpus().length,
          memoryGb: totalmem() / 1024 ** 3,
          cpu: cpus()[0]?.model ?? 'unknown',
          node: process.versions.node,
          platform: `${process.platform} ${process.arch}`,
          date: new Date().toISOString(),
        },
        scale: {
          quarters: options.quarters,
          units: counts.units,
          users: counts.users,
          rounds: counts.rounds,
          reports: counts.reports,
          signatures: counts.signatures,
          signOffSignatures: counts.signOffs,
          auditEntries: counts.auditEntries,
          instructions: facts.instructions,
          districtBuildSeconds: Math.round(buildSeconds),
          firstQuarter: quarterKey(facts.firstQuarter),
          lastQuarter: quarterKey(facts.lastQuarter),
          ...cityScale,
        },
        measures,
        ...(notMeasured.length > 0 ? { notMeasured } : {}),
        totalSeconds: elapsedMs(benchStart) / 1000,
      };
      if (options.jsonOut !== null) {
        mkdirSync(dirname(options.jsonOut), { recursive: true });
        writeFileSync(options.jsonOut, `${JSON.stringify(results, null, 2)}\n`);
      }
      return results;
    };
    if (options.only === 'dashboard') {
      core.close();
      return finish();
    }

    // --- luoshi audit verify --------------------------------------------------------------
    log('Audit verify…');
    add(
      measureOf(
        'audit.verify',
        `审计链校验（${counts.auditEntries} 条）audit verify`,
        'ms',
        summarize(await timeRuns(options.runs, () => core.workflow.audit.verify(), 0)),
      ),
    );
    core.close();

    // --- cold start and the renderer bundle -------------------------------------------------
    log('Cold start…');
    const cold = await isolated(options.runs, () => ({
      kind: 'coldStart',
      dataDir,
      resourcesDir: options.resourcesDir,
      sessionId,
      roundId: newestRoundId,
    }));
    add(
      measureOf('coldStart.core', '冷启动：打开数据 + 工作台 core cold start', 'ms', summarize(cold.map((r) => r.ms))),
    );
    add(
      measureOf(
        'coldStart.open',
        '其中打开数据（含 quick_check 与迁移）opening the data',
        'ms',
        summarize(cold.map((r) => r.extra.openMs ?? Number.NaN)),
      ),
    );
    if (cold[0]?.isolated)
      add(
        measureOf(
          'coldStart.process',
          '冷启动（含 Node 进程与代码加载）process start to first screen',
          'ms',
          summarize(cold.map((r) => r.processMs)),
        ),
      );
    const renderer = options.packageRoot === null ? null : join(options.packageRoot, 'out', 'renderer');
    if (renderer !== null) {
      try {
        const total = dirBytes(renderer) / 1_048_576;
        const js = dirBytes(join(renderer, 'assets')) / 1_048_576;
        add(
          measureOf('renderer.bundle', '界面包大小 renderer bundle (out/renderer)', 'MB', summarize([total]), {
            note: `assets ${js.toFixed(2)} MB`,
          }),
        );
      } catch {
        log('  (no out/renderer: run npm run build for the renderer bundle size)');
      }
    }

    // --- exports, each in a fresh process, against their floors ---------------------------------
    const out = join(root, 'out');
    mkdirSync(out, { recursive: true });
    const exportMeasures = (
      key: string,
      label: string,
      runs: IsolatedResult[],
      floor: IsolatedResult[],
      limitMs?: number,
    ): void => {
      const floorSummary = summarize(floor.map((r) => r.ms));
      add(
        measureOf(key, label, 'ms', summarize(runs.map((r) => r.ms)), {
          floor: floorSummary,
          ...(limitMs === undefined ? {} : { limit: limitMs }),
        }),
      );
      add(
        measureOf(`${key}.memory`, `${label}：峰值内存 peak RSS`, 'MB', summarize(runs.map((r) => r.maxRssMb)), {
          floor: summarize(floor.map((r) => r.maxRssMb)),
          limit: LIMITS.exportMb,
          note: runs[0]?.isolated ? 'fresh child process' : 'NOT isolated: whole test process',
        }),
      );
    };

    log('Quarterly report (.docx)…');
    const documentJson = join(out, 'quarterly.json');
    const docx = await paired(
      (run) => ({
        kind: 'docx',
        dataDir,
        resourcesDir: options.resourcesDir,
        roundId: filedRoundId,
        out: join(out, `quarterly-${run}.docx`),
        documentJson,
      }),
      (run) => ({ kind: 'docxFloor', documentJson, out: join(out, `quarterly-floor-${run}.docx`) }),
    );
    exportMeasures(
      'docx.quarterly',
      '季度工作进展情况报告 .docx（组稿+写出）',
      docx.luoshi,
      docx.floor,
      LIMITS.quarterlyMs,
    );
    add(
      measureOf(
        'docx.quarterly.compose',
        '其中组稿（读库+compose）',
        'ms',
        summarize(docx.luoshi.map((r) => r.extra.composeMs ?? Number.NaN)),
      ),
    );

    log('Task ledger over all quarters (.xlsx)…');
    const first = firstQuarterOf(last, options.quarters);
    const ranges = ledgerRanges(first, options.quarters);
    const taskValues = join(out, 'task-values.json');
    const task = await paired(
      (run) => ({
        kind: 'taskLedger',
        dataDir,
        resourcesDir: options.resourcesDir,
        ranges,
        outDir: join(out, `task-${run}`),
      }),
      (run) => ({ kind: 'xlsxFloor', valuesJson: taskValues, outDir: join(out, `task-floor-${run}`) }),
      async () =>
        writeFileSync(
          taskValues,
          JSON.stringify(await Promise.all(xlsxFilesIn(join(out, 'task-0')).map(readWorkbookValues))),
        ),
    );
    exportMeasures(
      'xlsx.taskLedger',
      `重点任务推进台账 ${options.quarters} 个季度（${ranges.length} 个文件）`,
      task.luoshi,
      task.floor,
      LIMITS.taskLedgerMs,
    );

    log('Audit ledger (.xlsx)…');
    const auditValues = join(out, 'audit-values.json');
    const audit = await paired(
      (run) => ({
        kind: 'auditLedger',
        dataDir,
        resourcesDir: options.resourcesDir,
        out: join(out, `audit-${run}.xlsx`),
      }),
      (run) => ({ kind: 'xlsxFloor', valuesJson: auditValues, outDir: join(out, `audit-floor-${run}`) }),
      async () => writeFileSync(auditValues, JSON.stringify([await readWorkbookValues(join(out, 'audit-0.xlsx'))])),
    );
    exportMeasures(
      'xlsx.auditLedger',
      `审计记录台账（${audit.luoshi[0]?.extra.rows ?? 0} 行）`,
      audit.luoshi,
      audit.floor,
    );

    const serverSets: ServerDataSet[] = [
      {
        prefix: 'server',
        label: '区',
        dataDir,
        username: facts.coordinatorUsername,
        password: facts.coordinatorPassword,
        roundId: filedRoundId,
      },
    ];
    if (options.city) {
      const city = await measureCity(join(root, 'city'), options, last, add);
      Object.assign(cityScale, city.scale);
      serverSets.push(city.set);
    }
    if (options.server) {
      const section = await measureServerSection(serverSets, { ...options.server, log });
      for (const m of section.measures) add(m);
      notMeasured.push(...section.notMeasured);
    }

    return finish();
  } finally {
    if (options.keep) log(`Data kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

function fileMb(path: string): number {
  try {
    return statSync(path).size / 1_048_576;
  } catch {
    return 0;
  }
}

/** Build the city (city.ts) in `dataDir`: how long it takes, how large it is, and its 工作台. */
async function measureCity(
  dataDir: string,
  options: BenchOptions,
  last: Quarter,
  add: (m: Measure) => void,
): Promise<{ set: ServerDataSet; scale: Record<string, number> }> {
  const city = options.city!;
  options.log(`Building the city: ${city.districts} districts, ${city.quarters} quarters…`);
  const core = await createCore({ dataDir, resourcesDir: options.resourcesDir, loadSeedPlan: false });
  try {
    const start = process.hrtime.bigint();
    const { facts } = buildCity(core, {
      resourcesDir: options.resourcesDir,
      districts: city.districts,
      quarters: city.quarters,
      lastQuarter: last,
      officesPerDistrict: city.officesPerDistrict,
    });
    const seconds = elapsedMs(start) / 1000;
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const counts = dataCounts(core.db);
    const once = (v: number) => ({ median: v, min: v, max: v, runs: 1 });
    add(
      measureOf(
        'city.build',
        `生成全市数据（${city.districts} 个区，${city.quarters} 个季度）city build`,
        's',
        once(seconds),
        {
          note: `${Math.round(counts.auditEntries / seconds)} audit entries/s`,
        },
      ),
    );
    const mb = fileMb(core.paths.database) + fileMb(`${core.paths.database}-wal`);
    add(measureOf('city.databaseSize', '全市数据库大小 city database (luoshi.db)', 'MB', once(mb)));
    const roundId = core.workflow.rounds.list()[0]?.id ?? 0;
    const { call } = await signedInCaller(core, facts);
    await timeDashboard(call, roundId, options.queryRuns, add, {
      key: 'city.dashboard',
      label: '全市工作台',
      total: '全市工作台全部查询 city dashboard, all four',
    });
    return {
      set: {
        prefix: 'server.city',
        label: '市',
        dataDir,
        username: facts.coordinatorUsername,
        password: facts.coordinatorPassword,
        roundId,
      },
      scale: {
        cityUnits: counts.units,
        cityUsers: counts.users,
        cityRounds: counts.rounds,
        cityReports: counts.reports,
        citySignatures: counts.signatures,
        cityAuditEntries: counts.auditEntries,
        cityBuildSeconds: Math.round(seconds),
        cityDatabaseMb: Math.round(mb),
      },
    };
  } finally {
    core.close();
  }
}

/** The coordinator signed in through the dispatcher, as the 工作台 calls it: a caller that throws on a refusal. */
async function signedInCaller(
  core: LuoshiCore,
  facts: { coordinatorUsername: string; coordinatorPassword: string },
): Promise<{ call: (method: string, input: unknown) => Promise<unknown>; sessionId: string }> {
  const dispatcher = createDispatcher(core);
  const context = localContext('ipc');
  const login = await dispatcher.call(
    'auth.login',
    { username: facts.coordinatorUsername, password: facts.coordinatorPassword },
    context,
  );
  if (!login.ok || context.sessionId === null)
    throw new Error(`login failed: ${login.ok ? 'no session' : login.error.message}`);
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const result = await dispatcher.call(method, input, context);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.data;
  };
  return { call, sessionId: context.sessionId };
}

/** Each of the 工作台's calls, then all of them together, against the 50 ms limit. */
async function timeDashboard(
  call: (method: string, input: unknown) => Promise<unknown>,
  roundId: number,
  runs: number,
  add: (m: Measure) => void,
  names: { key: string; label: string; total: string },
): Promise<void> {
  for (const [method, input] of dashboardCalls(roundId)) {
    add(
      measureOf(
        `${names.key}.${method}`,
        `${names.label} ${method}`,
        'ms',
        summarize(await timeRuns(runs, () => call(method, input))),
        { limit: LIMITS.dashboardMs },
      ),
    );
  }
  const all = await timeRuns(runs, async () => {
    for (const [method, input] of dashboardCalls(roundId)) await call(method, input);
  });
  add(measureOf(`${names.key}.total`, names.total, 'ms', summarize(all), { limit: LIMITS.dashboardMs }));
}
