import type { Actor } from '../../../src/shared/domain/accounts';
import { fixedClock } from '../../../src/main/core/clock';
import { createCore, type LuoshiCore } from '../../../src/main/core/core';
import { DemoService } from '../../../src/main/core/services/demoService';
import { completeDraft } from '../workflow/helpers';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import { testDatabaseUrl, testEngineOptions } from '../../helpers/postgresDatabases';

/**
 * A core over a real SQLite file with the seed plan and the demo's accounts and rounds, on a
 * fixed clock after the last demo round's deadline (so some tasks are overdue). The demo ends
 * with 2025Q3 when "now" is in 2025Q4.
 */
export interface DocumentWorld {
  core: LuoshiCore;
  dataDir: string;
  clock: ReturnType<typeof fixedClock>;
  /** A demo account, signed in by password. */
  actor(username: string): Actor;
  coordinator: Actor;
  taskForceLeader: Actor;
  /** The demo round of a quarter. */
  roundId(year: number, quarter: number): number;
  /** Walk a report from its current state to filed, acting as the parties the demo created. */
  fileReport(reportId: number): void;
  cleanup(): void;
}

const demoNow = new Date('2025-11-15T02:00:00Z');

export async function createDocumentWorld(quarters = 1): Promise<DocumentWorld> {
  const temp = makeTempDir('luoshi-documents-');
  const clock = fixedClock(demoNow);
  const database = testDatabaseUrl();
  const core = await createCore({ dataDir: temp.dir, resourcesDir, clock, ...testEngineOptions(database, temp.dir) });
  new DemoService(core.db, core.attachments, demoNow).run({ quarters });
  const actor = (username: string): Actor => core.workflow.accounts.login(username, 'luoshi-demo').actor;
  const coordinator = actor('zhuanban');
  const taskForceLeader = actor('zhuanban.leader');
  const world: DocumentWorld = {
    core,
    dataDir: temp.dir,
    clock,
    actor,
    coordinator,
    taskForceLeader,
    roundId(year, quarter) {
      const round = core.workflow.rounds.list().find((r) => r.year === year && r.quarter === quarter);
      if (!round) throw new Error(`no round ${year}Q${quarter}`);
      return round.id;
    },
    fileReport(reportId) {
      const view = () => core.workflow.reportQueries.get(coordinator, reportId);
      const step = (who: Actor, event: 'report.submit' | 'report.approve' | 'report.sign' | 'report.file') =>
        core.workflow.reports.transition(who, { reportId, version: view().version, event });
      const start = view();
      const partyActor = (party: { kind: 'unit' | 'user'; id: number }): Actor =>
        party.kind === 'user' ? taskForceLeader : actor(`u${party.id}.leader`);
      if (start.state === 'drafting') {
        const drafter = start.kind === 'compiled' ? coordinator : actor(`u${start.reviewers[0]?.id ?? 0}.clerk`);
        if (start.kind !== 'compiled') completeDraft(core, drafter, reportId);
        step(drafter, 'report.submit');
      }
      for (const party of view().reviewers)
        if (view().state === 'leadReview' && !party.acted) step(partyActor(party), 'report.approve');
      for (const party of view().signers)
        if (view().state === 'signOff' && !party.acted) step(partyActor(party), 'report.sign');
      if (view().state === 'filing') step(coordinator, 'report.file');
      if (view().state !== 'filed') throw new Error(`report ${reportId} stuck in ${view().state}`);
    },
    cleanup() {
      core.close();
      temp.cleanup();
      database?.drop();
    },
  };
  return world;
}
