import type { Actor } from '../../../shared/domain/accounts';

/**
 * The person at the command line (`luoshi users …`, `import-plan`, `export fill-in` …). They hold
 * the data folder itself, so the rules grant them every action; they are named, not anonymous:
 * the audit trail records each of their writes as 本机操作员（命令行，<OS user>）.
 */
export interface LocalOperator {
  readonly kind: 'localOperator';
  /** As the audit trail names them. */
  readonly name: string;
}

/** Who calls a service: a signed-in user (through the dispatcher), or the local operator. */
export type Caller = Actor | LocalOperator;

export function localOperator(osUser: string): LocalOperator {
  return { kind: 'localOperator', name: `本机操作员（命令行，${osUser || '未知用户'}）` };
}

export function isLocalOperator(caller: Caller | null): caller is LocalOperator {
  return caller !== null && 'kind' in caller && caller.kind === 'localOperator';
}

/** The app acting by itself (loading the seed plan, seeding the demo): recorded as 系统, as before. */
export const appItself: LocalOperator = { kind: 'localOperator', name: '系统' };
