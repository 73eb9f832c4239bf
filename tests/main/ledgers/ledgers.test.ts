import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { taskStatusLabels } from '../../../src/shared/domain/ledgers';
import { setSetting } from '../../../src/main/core/store/settingsStore';
import { completeDraft } from '../workflow/helpers';
import { column, createLedgerWorld, dataRows, rowOf, text, units, workbookOf, type LedgerWorld } from './world';

let world: LedgerWorld;
let coordinator: Actor;
let clerkSocial: Actor;
let clerkEducation: Actor;
let q2: number;
let q3: number;

beforeEach(async () => {
  world = await createLedgerWorld();
  coordinator = world.user('coord', ['coordinator'], units.economy, '王专班');
  clerkSocial = world.user('social.clerk', ['clerk'], units.social, '李经办');
  clerkEducation = world.user('edu.clerk', ['clerk'], units.education, '赵教育');
  // Q2's deadline has passed at the clock's 2025-10-01; Q3's has not.
  q2 = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 2, deadline: '2025-07-10' }).id;
  q3 = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
});
afterEach(() => world.cleanup());

/** The drafting unit's clerk of a task (seed: 区社会事业局 or 区教育文化体育局 in these tests). */
function taskLedOnlyBy(unitName: string, withIndicators: boolean): number {
  const row = world.core.db
    .prepare(
      `SELECT t.no FROM tasks t JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead' AND tu.position = 0
         JOIN units u ON u.id = tu.unit_id
        WHERE u.name = ? AND (SELECT count(*) FROM indicators i WHERE i.task_id = t.id) ${withIndicators ? '> 0' : '= 0'}
        ORDER BY t.no LIMIT 1`,
    )
    .get(unitName) as { no: number } | undefined;
  if (!row) throw new Error(`no task led by ${unitName}`);
  return row.no;
}

function indicatorsOfTask(no: number): { id: number; metric: string }[] {
  return world.core.db
    .prepare(
      'SELECT i.id, i.metric FROM indicators i JOIN tasks t ON t.id = i.task_id WHERE t.no = ? ORDER BY i.position',
    )
    .all(no) as { id: number; metric: string }[];
}

describe('task ledger', () => {
  it('shows each task once with the newest progress, the targets, the deadline and the workflow status', async () => {
    const socialTask = taskLedOnlyBy(units.social, false);
    const eduTask = 9; // 九年义务教育巩固率 ≥ 100% (baseline 103.2 in 2022), led by 区教育文化体育局
    const eduIndicator = indicatorsOfTask(eduTask).find((i) => i.metric === '九年义务教育巩固率');
    if (!eduIndicator) throw new Error('seed changed: no 九年义务教育巩固率');
    world.edit(clerkSocial, world.report(q3, 'task', socialTask).reportId, {
      progress: '三季度：新建儿童之家 4 个。',
      problems: '场地不足',
      nextSteps: '协调社区用房',
      completed: true,
    });
    world.submit(clerkSocial, world.report(q3, 'task', socialTask).reportId);
    world.edit(clerkEducation, world.report(q3, 'task', eduTask).reportId, {
      progress: '巩固率统计中。',
      indicatorValues: [{ indicatorId: eduIndicator.id, value: 90, note: '' }],
    });
    world.submit(clerkEducation, world.report(q3, 'task', eduTask).reportId);
    setSetting(world.core.db, 'office.name', '测试区儿童友好城市建设工作专班');

    const file = await world.core.ledgers.exportLedger({ kind: 'task', roundId: q3 });
    expect(file.fileName).toBe('儿童友好城市建设任务台账（2025年第三季度）.xlsx');
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(text(sheet, 1, 1)).toBe('郑州经开区贯彻落实郑州市儿童友好城市建设工作方案重点任务推进台账');
    expect(text(sheet, 2, 1)).toContain('测试区儿童友好城市建设工作专班');
    expect(Array.from({ length: 12 }, (_, i) => text(sheet, 2, i + 1)).join('')).toContain('2025年10月1日');

    const taskCount = (
      world.core.db.prepare('SELECT count(*) AS n FROM tasks WHERE retired_at IS NULL').get() as { n: number }
    ).n;
    expect(dataRows(sheet)).toHaveLength(taskCount);

    const progress = column(sheet, '2025年第三季度进展情况');
    const status = column(sheet, '状态');
    const social = rowOf(sheet, socialTask);
    expect(text(sheet, social, progress)).toBe('三季度：新建儿童之家 4 个。');
    expect(text(sheet, social, column(sheet, '存在问题'))).toBe('场地不足');
    expect(text(sheet, social, column(sheet, '下步计划'))).toBe('协调社区用房');
    expect(text(sheet, social, status)).toBe('已完成');
    expect(text(sheet, social, column(sheet, '牵头单位'))).toContain(units.social);

    const edu = rowOf(sheet, eduTask);
    expect(text(sheet, edu, status)).toBe('进度滞后');
    expect(text(sheet, edu, column(sheet, '目标任务'))).toContain('九年义务教育巩固率大于等于100%');
    expect(text(sheet, edu, column(sheet, '完成时限'))).toBe('2025年12月31日');
    // Two indicators read from one sentence: the sentence is listed once.
    const shared = world.core.db
      .prepare(
        `SELECT min(t.no) AS no, i.source_text FROM indicators i JOIN tasks t ON t.id = i.task_id GROUP BY i.task_id, i.source_text HAVING count(*) > 1 LIMIT 1`,
      )
      .get() as { no: number; source_text: string } | undefined;
    if (shared) {
      const cell = text(sheet, rowOf(sheet, shared.no), column(sheet, '目标任务'));
      expect(cell.split(shared.source_text)).toHaveLength(2);
    }
    // A task without quantified targets shows its own text.
    const body = (world.core.db.prepare('SELECT body FROM tasks WHERE no = ?').get(socialTask) as { body: string })
      .body;
    expect(text(sheet, social, column(sheet, '目标任务'))).toBe(body.trim());

    // Every task's status is the one the round overview shows (the shared status rule).
    const overview = world.core.workflow.rounds.overview(q3).rows.filter((r) => r.kind === 'task');
    for (const row of overview)
      expect([row.no, text(sheet, rowOf(sheet, row.no ?? -1), status)]).toEqual([row.no, row.statusLabel]);
  });

  it('puts one progress column per quarter of a range and takes the status from the last quarter', async () => {
    const no = taskLedOnlyBy(units.social, false);
    // Q2 stays a draft: it was never reported, so its text is not shown and Q2 is 超期未报.
    world.edit(clerkSocial, world.report(q2, 'task', no).reportId, { progress: '二季度草稿' });
    world.edit(clerkSocial, world.report(q3, 'task', no).reportId, { progress: '三季度进展' });
    world.submit(clerkSocial, world.report(q3, 'task', no).reportId);
    const file = await world.core.ledgers.exportLedger({ kind: 'task', from: '2025Q1', to: '2025Q3' });
    expect(file.fileName).toBe('儿童友好城市建设任务台账（2025年第一季度至第三季度）.xlsx');
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const row = rowOf(sheet, no);
    expect(text(sheet, row, column(sheet, '2025年第一季度进展情况'))).toBe('');
    expect(text(sheet, row, column(sheet, '2025年第二季度进展情况'))).toBe('');
    expect(text(sheet, row, column(sheet, '2025年第三季度进展情况'))).toBe('三季度进展');
    expect(text(sheet, row, column(sheet, '状态'))).toBe(taskStatusLabels.onTrack);

    // Ending the range at Q2, whose deadline passed without a submission: 超期未报.
    const q2Only = (await workbookOf((await world.core.ledgers.exportLedger({ kind: 'task', from: '2025Q2' })).bytes))
      .worksheets[0];
    if (!q2Only) throw new Error('no sheet');
    expect(text(q2Only, rowOf(q2Only, no), column(q2Only, '状态'))).toBe(taskStatusLabels.overdue);
  });

  it('keeps the filed text of a reopened report until the correction is submitted', async () => {
    const no = 1;
    const first = world.report(q3, 'task', no).reportId;
    const view = world.core.workflow.reportQueries.get(coordinator, first);
    const drafter = world.user('t1.clerk', ['clerk'], view.draftingUnit);
    world.edit(drafter, first, { progress: '归档时的进展' });
    // Carry it to filed: every reviewer and signer unit acts through a leader of its own.
    const leaders = new Map<number, Actor>();
    const leaderOf = (unitId: number, name: string): Actor => {
      let leader = leaders.get(unitId);
      if (!leader) leaders.set(unitId, (leader = world.user(`leader${unitId}`, ['leader'], name)));
      return leader;
    };
    const step = (actor: Actor, event: 'report.submit' | 'report.approve' | 'report.sign' | 'report.file'): void => {
      const current = world.core.workflow.reportQueries.get(actor, first);
      world.core.workflow.reports.transition(actor, { reportId: first, version: current.version, event });
    };
    completeDraft(world.core, drafter, first);
    step(drafter, 'report.submit');
    for (const r of view.reviewers) step(leaderOf(r.id, r.name), 'report.approve');
    for (const r of view.signers) step(leaderOf(r.id, r.name), 'report.sign');
    step(coordinator, 'report.file');
    const filed = world.core.workflow.reportQueries.get(coordinator, first);
    expect(filed.state).toBe('filed');
    const second = world.core.workflow.reports.reopen(coordinator, first, filed.version, '补充三季度数据');
    world.edit(drafter, second, { progress: '修订后的进展' });

    const sheet = (await workbookOf((await world.core.ledgers.exportLedger({ kind: 'task', roundId: q3 })).bytes))
      .worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const row = rowOf(sheet, no);
    expect(text(sheet, row, column(sheet, '2025年第三季度进展情况'))).toBe('归档时的进展');
    expect(text(sheet, row, column(sheet, '备注'))).toBe('修改稿起草中（本表为此前报送的第1版）');
    expect(dataRows(sheet).filter((r) => text(sheet, r, 1) === String(no))).toHaveLength(1);
  });

  it('uses the plan end for tasks without dated targets, and a setting can move it', async () => {
    setSetting(world.core.db, 'plan.endYear', '2026');
    const sheet = (await workbookOf((await world.core.ledgers.exportLedger({ kind: 'task', roundId: q3 })).bytes))
      .worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const deadline = column(sheet, '完成时限');
    expect(text(sheet, rowOf(sheet, taskLedOnlyBy(units.social, false)), deadline)).toBe('2026年12月31日');
    expect(text(sheet, rowOf(sheet, 9), deadline)).toBe('2025年12月31日');
  });

  it('refuses a period it cannot make', async () => {
    const { ledgers } = world.core;
    await expect(ledgers.exportLedger({ kind: 'task' })).rejects.toThrow(/轮次|季度/);
    await expect(ledgers.exportLedger({ kind: 'task', from: '2025Q4', to: '2025Q1' })).rejects.toThrow('晚于');
    await expect(ledgers.exportLedger({ kind: 'task', from: '2025年三季度' })).rejects.toThrow('2025Q3');
    await expect(ledgers.exportLedger({ kind: 'task', roundId: 999 })).rejects.toThrow('999');
    await expect(ledgers.exportLedger({ kind: 'unit', roundId: q3 })).rejects.toThrow('单位');
  });
});

describe('indicator ledger', () => {
  it('lists every indicator with baseline, target, the value per quarter, completion and pace', async () => {
    const edu = indicatorsOfTask(9).find((i) => i.metric === '九年义务教育巩固率');
    const cribs = indicatorsOfTask(8).find((i) => i.metric === '每千人口托位数');
    if (!edu || !cribs) throw new Error('seed changed');
    world.edit(clerkEducation, world.report(q2, 'task', 9).reportId, {
      indicatorValues: [{ indicatorId: edu.id, value: 95, note: '' }],
    });
    world.submit(clerkEducation, world.report(q2, 'task', 9).reportId);
    world.edit(clerkEducation, world.report(q3, 'task', 9).reportId, {
      indicatorValues: [{ indicatorId: edu.id, value: 90, note: '' }],
    });
    world.submit(clerkEducation, world.report(q3, 'task', 9).reportId);
    const task8Drafter = world.core.workflow.reportQueries.get(
      coordinator,
      world.report(q3, 'task', 8).reportId,
    ).draftingUnit;
    const clerk8 = world.user('t8.clerk', ['clerk'], task8Drafter);
    world.edit(clerk8, world.report(q3, 'task', 8).reportId, {
      indicatorValues: [{ indicatorId: cribs.id, value: 6.5, note: '' }],
    });
    world.submit(clerk8, world.report(q3, 'task', 8).reportId);
    // A draft value is not reported: it stays out of the ledger.
    const workers = world.core.db
      .prepare(
        `SELECT i.id, t.no FROM indicators i JOIN tasks t ON t.id = i.task_id WHERE i.metric = '儿童专业社会工作者'`,
      )
      .get() as { id: number; no: number } | undefined;
    if (!workers) throw new Error('seed changed');
    const workersReport = world.report(q3, 'task', workers.no).reportId;
    const clerkW = world.user(
      'tw.clerk',
      ['clerk'],
      world.core.workflow.reportQueries.get(coordinator, workersReport).draftingUnit,
    );
    world.edit(clerkW, workersReport, { indicatorValues: [{ indicatorId: workers.id, value: 120, note: '' }] });

    const file = await world.core.ledgers.exportLedger({ kind: 'indicator', from: '2025Q2', to: '2025Q3' });
    expect(file.fileName).toBe('儿童友好城市建设指标台账（2025年第二季度至第三季度）.xlsx');
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const indicatorCount = (
      world.core.db.prepare('SELECT count(*) AS n FROM indicators WHERE retired_at IS NULL').get() as { n: number }
    ).n;
    expect(dataRows(sheet)).toHaveLength(indicatorCount);
    const metric = column(sheet, '指标名称');
    const find = (name: string): number => {
      for (let r = 4; r <= sheet.rowCount; r++) if (text(sheet, r, metric) === name) return r;
      throw new Error(`no ${name}`);
    };
    const eduRow = find('九年义务教育巩固率');
    expect(text(sheet, eduRow, column(sheet, '目标值'))).toBe('≥ 100%（2025年）');
    expect(text(sheet, eduRow, column(sheet, '所属任务'))).toMatch(/^9\. /);
    expect(sheet.getCell(eduRow, column(sheet, '2025年第二季度完成值')).value).toBe(95);
    expect(sheet.getCell(eduRow, column(sheet, '2025年第三季度完成值')).value).toBe(90);
    // 90 of a target of 100 (the 2022 baseline of 103.2 is already past it, so no line from it).
    expect(sheet.getCell(eduRow, column(sheet, '完成率')).value).toBeCloseTo(0.9, 10);
    expect(text(sheet, eduRow, column(sheet, '是否达序'))).toBe('否');
    // 应达值: the target itself from the target year's end; before that, the line (none here).
    const baselineCell = text(sheet, eduRow, 5);
    expect(baselineCell).toContain('103.2');

    const cribRow = find('每千人口托位数');
    expect(sheet.getCell(cribRow, column(sheet, '2025年第三季度完成值')).value).toBe(6.5);
    expect(sheet.getCell(cribRow, column(sheet, '完成率')).value).toBeCloseTo(6.5 / 6, 10);
    expect(text(sheet, cribRow, column(sheet, '是否达序'))).toBe('是');
    // Nothing reported (only a draft): no value, no rate, no verdict.
    const unreported = find('儿童专业社会工作者');
    expect(sheet.getCell(unreported, column(sheet, '2025年第三季度完成值')).value ?? null).toBeNull();
    expect(sheet.getCell(unreported, column(sheet, '完成率')).value ?? null).toBeNull();
    expect(text(sheet, unreported, column(sheet, '是否达序'))).toBe('');
  });
});

describe('project and unit ledgers', () => {
  it('groups projects by kind with their content and progress', async () => {
    const project = world.core.db
      .prepare(`SELECT id, no, kind, title FROM projects WHERE retired_at IS NULL ORDER BY kind, no LIMIT 1`)
      .get() as {
      id: number;
      no: number;
      kind: string;
      title: string;
    };
    const reportId = world.report(q3, 'project', project.no).reportId;
    const view = world.core.workflow.reportQueries.get(coordinator, reportId);
    const drafter =
      view.draftingUnit === '工作专班' ? coordinator : world.user('p.clerk', ['clerk'], view.draftingUnit);
    // overview rows of projects are numbered within their kind: pick by project id to be sure.
    const exact = world.core.workflow.rounds.overview(q3).rows.find((r) => r.projectId === project.id);
    if (!exact) throw new Error('no project report');
    world.edit(drafter, exact.reportId, { progress: '项目已开工。' });
    world.submit(drafter, exact.reportId);

    const file = await world.core.ledgers.exportLedger({ kind: 'project', roundId: q3 });
    expect(file.fileName).toBe('儿童友好城市建设项目台账（2025年第三季度）.xlsx');
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const projectCount = (
      world.core.db.prepare('SELECT count(*) AS n FROM projects WHERE retired_at IS NULL').get() as { n: number }
    ).n;
    expect(dataRows(sheet)).toHaveLength(projectCount);
    const name = column(sheet, '项目名称');
    let found = -1;
    for (let r = 4; r <= sheet.rowCount; r++) if (text(sheet, r, name) === project.title) found = r;
    expect(found).toBeGreaterThan(0);
    expect(text(sheet, found, column(sheet, '2025年第三季度进展情况'))).toBe('项目已开工。');
  });

  it('lists what a unit leads and what it shares, including through a collective it belongs to', async () => {
    // The seed's collectives have no members yet: give 各办事处 one, as the directory editor would.
    const db = world.core.db;
    const minghu = (
      db
        .prepare(`INSERT INTO units (name, kind, created_at) VALUES ('明湖办事处', 'unit', '2025-01-01') RETURNING id`)
        .get() as { id: number }
    ).id;
    db.prepare(`INSERT INTO unit_group_members (group_id, member_id) VALUES (?, ?)`).run(
      world.unitId('各办事处'),
      minghu,
    );
    const member = world.core.db
      .prepare(
        `SELECT u.id, u.name, g.name AS group_name FROM unit_group_members m JOIN units u ON u.id = m.member_id
           JOIN units g ON g.id = m.group_id
          WHERE EXISTS (SELECT 1 FROM task_units tu WHERE tu.unit_id = g.id) ORDER BY u.id LIMIT 1`,
      )
      .get() as { id: number; name: string; group_name: string } | undefined;
    if (!member) throw new Error('seed has no collective with tasks');
    const viaGroup = world.core.db
      .prepare(
        `SELECT DISTINCT t.no FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN units g ON g.id = tu.unit_id WHERE g.name = ? ORDER BY t.no`,
      )
      .all(member.group_name) as { no: number }[];
    const social = world.unitId(units.social);
    const led = world.core.db
      .prepare(`SELECT count(*) AS n FROM task_units WHERE unit_id = ? AND role = 'lead'`)
      .get(social) as { n: number };

    const file = await world.core.ledgers.exportLedger({ kind: 'unit', roundId: q3, unitId: social });
    expect(file.fileName).toBe(`${units.social}儿童友好城市建设任务台账（2025年第三季度）.xlsx`);
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(text(sheet, 1, 1)).toContain(`（${units.social}）`);
    const headings: string[] = [];
    for (let r = 4; r <= sheet.rowCount; r++)
      if (text(sheet, r, 1) !== '' && text(sheet, r, 1) === text(sheet, r, 2)) headings.push(text(sheet, r, 1));
    expect(headings[0]).toContain(`${units.social}牵头的任务和项目`);
    const ledProjects = world.core.db
      .prepare(`SELECT count(*) AS n FROM project_units WHERE unit_id = ? AND role = 'lead'`)
      .get(social) as { n: number };
    expect(headings[0]).toContain(`（${led.n + ledProjects.n}项）`);

    const memberSheet = (
      await workbookOf((await world.core.ledgers.exportLedger({ kind: 'unit', roundId: q3, unitId: member.id })).bytes)
    ).worksheets[0];
    if (!memberSheet) throw new Error('no sheet');
    const listed = dataRows(memberSheet).map((r) => text(memberSheet, r, 1));
    for (const { no } of viaGroup) expect(listed).toContain(String(no));
  });
});
