import { removeDataDir, resourcesDir } from '../../helpers/tempDir';
import { appItself } from '../../../src/main/core/policy';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, Role } from '../../../src/shared/domain/accounts';
import type { ParsedPlan } from '../../../src/shared/domain/plan';
import type { UnitSpec } from '../../../src/shared/domain/units';
import { fixedClock } from '../../../src/main/core/clock';
import { createCore, type LuoshiCore } from '../../../src/main/core/core';
import { inTransaction } from '../../../src/main/core/db/database';
import { storePlan } from '../../../src/main/core/store/planStore';
import { unitIdByName, upsertUnitDirectory } from '../../../src/main/core/store/unitStore';
import { toActor } from '../../../src/main/core/store/usersStore';
import { testDatabaseUrl, testEngineOptions } from '../../helpers/postgresDatabases';

/** A small plan whose shape exercises the workflow: two lead units, a group, an empty group. */
export const unitNames = {
  social: '区社会事业局',
  education: '区教育局',
  health: '区卫生健康委员会',
  finance: '区财政局',
  minghu: '明湖办事处',
  chaohe: '潮河办事处',
  offices: '各办事处',
  members: '各成员单位',
  economy: '区经济发展局',
  women: '区党群工作部（妇联）',
} as const;

const unit = (name: string, kind: 'unit' | 'group' = 'unit', members: string[] = []): UnitSpec => ({
  name,
  kind,
  aliases: [],
  parent: null,
  members,
  needsReview: false,
});

const directory: UnitSpec[] = [
  unit(unitNames.social),
  unit(unitNames.education),
  unit(unitNames.health),
  unit(unitNames.finance),
  unit(unitNames.minghu),
  unit(unitNames.chaohe),
  unit(unitNames.offices, 'group', [unitNames.minghu, unitNames.chaohe]),
  unit(unitNames.members, 'group', []),
  unit(unitNames.economy),
  unit(unitNames.women),
];

const smallPlan: ParsedPlan = {
  meta: { issuer: '测试区管理委员会', docNumber: '测管〔2023〕1号', title: '测试工作方案' },
  categories: [{ no: 1, title: '儿童福利' }],
  tasks: [
    {
      no: 1,
      category: 1,
      title: '大力发展普惠托育服务',
      body: '到 2025 年，每千人口托位数达到 6 个。',
      leadUnits: [unitNames.social, unitNames.education],
      responsibleUnits: [unitNames.health, unitNames.finance, unitNames.offices, unitNames.social],
      targets: [
        {
          text: '每千人口托位数达到 6 个',
          metric: '每千人口托位数',
          comparator: 'gte',
          value: 6,
          unit: '个',
          year: 2025,
          baseline: { value: 2, year: 2022 },
        },
      ],
      line: 10,
    },
    {
      no: 2,
      category: 1,
      title: '完善儿童健康服务',
      body: '加强儿童健康服务。',
      leadUnits: [unitNames.health],
      responsibleUnits: [unitNames.members],
      targets: [],
      line: 20,
    },
  ],
  baselines: [],
  projects: [
    {
      kind: 'keyProject',
      no: 1,
      title: '儿童友好公园建设工程',
      body: '建设儿童友好公园。',
      leadUnits: [unitNames.finance],
      responsibleUnits: [unitNames.social],
      line: 30,
    },
    {
      kind: 'brandActivity',
      no: 1,
      title: '儿童友好城市宣传周',
      body: '举办儿童友好城市宣传周活动。',
      leadUnits: [],
      responsibleUnits: [],
      line: 40,
    },
  ],
  warnings: [],
};

/**
 * The people of the small plan most tests act as: the task force, and a clerk or leader of the
 * units that draft, review and sign its first task. `TestWorld.people` creates them.
 */
const standardPeople = {
  coordinator: ['coord', ['coordinator'], unitNames.economy, '王专班'],
  clerkSocial: ['social.clerk', ['clerk'], unitNames.social, '李经办'],
  leaderSocial: ['social.leader', ['leader'], unitNames.social, '张三'],
  leaderEducation: ['edu.leader', ['leader'], unitNames.education, '赵教育'],
  leaderHealth: ['health.leader', ['leader'], unitNames.health, '钱卫健'],
  clerkHealth: ['health.clerk', ['clerk'], unitNames.health, '孙卫健'],
  leaderFinance: ['finance.leader', ['leader'], unitNames.finance, '周财政'],
  leaderMinghu: ['minghu.leader', ['leader'], unitNames.minghu, '吴明湖'],
  leaderChaohe: ['chaohe.leader', ['leader'], unitNames.chaohe, '郑潮河'],
} as const satisfies Record<string, readonly [string, readonly Role[], string, string]>;
type PersonName = keyof typeof standardPeople;
export type People<K extends PersonName = PersonName> = Record<K, Actor>;
const everyone = Object.keys(standardPeople) as PersonName[];

export interface TestWorld {
  core: LuoshiCore;
  /** The PostgreSQL database in the `postgres` test project; undefined on SQLite. */
  databaseUrl: string | undefined;
  /** What a CLI call over this world's data adds after `--data-dir`: `--database URL` on PostgreSQL. */
  engineArgs: string[];
  clock: ReturnType<typeof fixedClock>;
  unitId: (name: string) => number;
  /** Create a user directly through the accounts service and return them as an actor. */
  user: (username: string, roles: Role[], unitName: string | null, displayName?: string) => Actor;
  /**
   * Make a drafting report submittable as its unit would: progress text when there is none, and
   * 无新进展 for every indicator left without a value. Returns the report's new version.
   */
  completeDraft: (actor: Actor, reportId: number) => number;
  /** Create these standard people (standardPeople above; all of them by default), in this order. */
  people: <K extends PersonName = PersonName>(names?: readonly K[]) => People<K>;
  cleanup: () => void;
}

/** See TestWorld.completeDraft; shared with other test worlds over the same core. */
export function completeDraft(core: LuoshiCore, actor: Actor, reportId: number): number {
  const view = core.workflow.reportQueries.get(actor, reportId);
  const open = view.content.indicatorValues.some((v) => v.value === null && v.noNewProgress !== true);
  if (view.content.progress.trim() && !open) return view.version;
  core.workflow.reports.updateContent(actor, reportId, view.version, {
    ...view.content,
    progress: view.content.progress.trim() ? view.content.progress : '本季度按计划推进。',
    indicatorValues: view.content.indicatorValues.map((v) => (v.value === null ? { ...v, noNewProgress: true } : v)),
  });
  return view.version + 1;
}

export async function createWorld(start = new Date('2025-10-01T01:00:00Z')): Promise<TestWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-workflow-'));
  const clock = fixedClock(start);
  const database = testDatabaseUrl();
  const core = await createCore({
    dataDir,
    resourcesDir,
    clock,
    loadSeedPlan: false,
    ...testEngineOptions(database, dataDir),
  });
  inTransaction(core.db, () => {
    upsertUnitDirectory(core.db, directory, clock.nowIso());
    storePlan(
      core.db,
      smallPlan,
      { sourceName: 'test.txt', sourceSha256: '0', importedBy: null, warnings: [], diff: null },
      clock.nowIso(),
    );
  });
  const ids = unitIdByName(core.db);
  const unitId = (name: string): number => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`no unit ${name}`);
    return id;
  };
  const user: TestWorld['user'] = (username, roles, unitName, displayName) =>
    toActor(
      core.workflow.accounts.create(
        appItself,
        {
          username,
          displayName: displayName ?? username,
          password: 'password-123',
          unitId: unitName === null ? null : unitId(unitName),
          roles,
          mustChangePassword: false,
        },
        { hashCost: 'demo' },
      ),
    );
  return {
    core,
    databaseUrl: database?.url,
    engineArgs: database ? ['--database', database.url] : [],
    clock,
    unitId,
    user,
    completeDraft: (actor, reportId) => completeDraft(core, actor, reportId),
    people: <K extends PersonName>(names: readonly K[] = everyone as K[]) =>
      Object.fromEntries(
        names.map((name) => {
          const [username, roles, unitName, displayName] = standardPeople[name];
          return [name, user(username, [...roles], unitName, displayName)];
        }),
      ) as People<K>,
    cleanup: () => {
      core.close();
      removeDataDir(dataDir);
      database?.drop();
    },
  };
}
