import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localContext } from '../../../src/main/core/context';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { createWorld, unitNames, type TestWorld } from './helpers';

let world: TestWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const codes = () => world.core.workflow.rounds.readiness().needs.map((n) => n.code);

describe('which accounts the workflow still lacks', () => {
  it('on first run names every role, the task force leader and the coordinating units', async () => {
    const api = createDispatcher(world.core, () => undefined);
    const status = await api.call('auth.status', {}, localContext('http'));
    if (!status.ok) throw new Error(status.error.message);
    const needs = (status.data as { setupNeeds: { code: string; message: string; units: string[] }[] }).setupNeeds;
    expect(needs.map((n) => n.code)).toEqual([
      'admin',
      'coordinator',
      'taskForceLeader',
      'compiledReviewer',
      'drafter',
      'reviewer',
      'signer',
    ]);
    expect(needs.find((n) => n.code === 'taskForceLeader')?.message).toBe(
      '起草季度报告需要一名同时具有「专班」和「负责人」角色的账号（工作专班负责人，负责季度报告的会签）。',
    );
    expect(needs.find((n) => n.code === 'compiledReviewer')?.message).toBe(
      `季度报告由统筹协调单位审核：${unitNames.economy}、${unitNames.women}还需要一名「负责人」账号（所属单位选该单位）。`,
    );
    // Groups expand to their members: 各办事处 is 明湖 and 潮河.
    expect(needs.find((n) => n.code === 'signer')?.units).toEqual([
      unitNames.health,
      unitNames.finance,
      unitNames.minghu,
      unitNames.chaohe,
      unitNames.social,
    ]);
  });

  it('agrees with what compiling the quarterly report refuses, and empties as accounts are created', () => {
    const admin = world.user('admin', ['admin'], null);
    const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
    const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    expect(codes()).toContain('taskForceLeader');
    expect(() => world.core.workflow.rounds.createCompiled(coordinator, round.id)).toThrow(
      /同时具有「专班」和「负责人」角色/,
    );
    world.user('force.leader', ['coordinator', 'leader'], unitNames.economy);
    expect(codes()).not.toContain('taskForceLeader');
    // The task force leader belongs to 区经济发展局, so only 妇联 still lacks a reviewing leader.
    expect(world.core.workflow.rounds.readiness().needs.find((n) => n.code === 'compiledReviewer')?.units).toEqual([
      unitNames.women,
    ]);
    expect(world.core.workflow.rounds.createCompiled(coordinator, round.id)).toBeGreaterThan(0);
    world.user('women.leader', ['leader'], unitNames.women);
    for (const name of [
      unitNames.social,
      unitNames.education,
      unitNames.health,
      unitNames.finance,
      unitNames.minghu,
      unitNames.chaohe,
    ]) {
      world.user(`${world.unitId(name)}.leader`, ['leader'], name);
    }
    expect(world.core.workflow.rounds.readiness()).toEqual({ complete: true, needs: [] });
    // A disabled account does not count.
    world.core.workflow.accounts.setDisabled(
      admin,
      world.core.workflow.accounts.findByUsername('women.leader')?.id ?? 0,
      true,
    );
    expect(codes()).toEqual(['compiledReviewer']);
  });

  it('is shown to administrators and the task force only', async () => {
    world.user('clerk', ['clerk'], unitNames.social);
    world.user('admin', ['admin'], null);
    const api = createDispatcher(world.core, () => undefined);
    const as = async (username: string) => {
      const context = localContext('http');
      await api.call('auth.login', { username, password: 'password-123' }, context);
      return api.call('users.readiness', {}, context);
    };
    const clerk = await as('clerk');
    expect(clerk.ok ? 'shown' : clerk.error.message).toBe('只有管理员或专班可以查看账号配置情况。');
    const admin = await as('admin');
    expect(admin.ok && (admin.data as { complete: boolean }).complete).toBe(false);
  });
});
