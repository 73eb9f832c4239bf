import { authorize } from '../policy';
import { listUnits } from '../store/unitStore';
import { requireActor, requireCaller } from './auth';
import type { Handlers } from './types';

export const usersHandlers = {
  'users.list': (_input, env) => env.core.workflow.accounts.list(requireCaller(env)),
  'users.create': (input, env) => env.core.workflow.accounts.create(requireCaller(env), input),
  'users.update': (input, env) => env.core.workflow.accounts.update(requireActor(env), input),
  'users.disable': ({ userId, disabled }, env) =>
    env.core.workflow.accounts.setDisabled(requireActor(env), userId, disabled),
  'users.resetPassword': ({ userId, password, mustChangePassword }, env) => {
    env.core.workflow.accounts.resetPassword(requireCaller(env), userId, password, mustChangePassword);
    return { ok: true as const };
  },
  'users.readiness': (_input, env) => {
    authorize(requireActor(env), 'users.readiness');
    return env.core.workflow.rounds.readiness();
  },
  'units.list': (_input, { core }) =>
    listUnits(core.db).map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      parent: u.parent,
      aliases: u.aliases,
      members: u.members,
    })),
} satisfies Partial<Handlers>;
