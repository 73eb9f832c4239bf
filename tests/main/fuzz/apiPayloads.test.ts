import fc from 'fast-check';
import { appItself } from '../../../src/main/core/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../../src/shared/contract';
import { errorCodes } from '../../../src/shared/errors';
import type { Role } from '../../../src/shared/domain/accounts';
import type { LuoshiCore } from '../../../src/main/core/core';
import { localContext, type CallContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { toActor } from '../../../src/main/core/store/usersStore';
import { makeTestCore } from '../../helpers/testCore';
import { hostilePiece, hostileText, runs } from './hostile';
import { arbitraryForSchema } from './schemaArbitrary';

/**
 * Every contract method, fed random JSON through the dispatcher as each kind of caller: the
 * answer is always an envelope, never `internal`, and a refusal carries a Chinese message.
 * Payloads are either arbitrary JSON or objects with the method's own field names holding
 * hostile values, so many calls get past the schema into the handlers.
 */
let test: Awaited<ReturnType<typeof makeTestCore>>;
let core: LuoshiCore;
let dispatcher: Dispatcher;
const logged: unknown[] = [];
let accountSerial = 0;
let unitId = 0;

const callerRoles: (Role[] | null)[] = [
  null,
  ['admin'],
  ['coordinator'],
  ['clerk'],
  ['leader'],
  ['coordinator', 'leader'],
];

/** A live session for a caller with these roles; accounts disabled or re-passworded by the fuzzer are replaced. */
const sessions = new Map<string, string>();
function contextFor(roles: Role[] | null): CallContext {
  const context = localContext('http');
  if (roles === null) return context;
  const key = roles.join('+');
  let sessionId = sessions.get(key) ?? null;
  if (sessionId === null || core.sessions.resolveActor(sessionId) === null) {
    accountSerial += 1;
    const username = `fuzz${accountSerial}`;
    core.workflow.accounts.create(
      appItself,
      {
        username,
        displayName: `测试${accountSerial}`,
        password: 'password-123',
        unitId: roles.includes('admin') ? null : unitId,
        roles,
        mustChangePassword: false,
      },
      { hashCost: 'demo' },
    );
    sessionId = core.workflow.accounts.login(username, 'password-123').sessionId;
    sessions.set(key, sessionId);
  }
  context.sessionId = sessionId;
  return context;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    1,
    2,
    3,
    -1,
    2 ** 31,
    2 ** 53,
    1e308,
    -0,
    0.5,
    '',
    ' ',
    '2025Q3',
    '2025-10-10',
    'task',
    'submit',
    'approve',
    'R1',
    true,
    false,
    null,
    [],
    {},
  ),
  fc.integer({ min: -3, max: 60 }),
  hostilePiece,
  hostileText(6),
  fc.constant('长'.repeat(10_000)),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), hostileText(3)), { maxLength: 4 }),
  fc.record(
    { progress: hostileText(6), problems: hostileText(3), nextSteps: hostileText(3), completed: fc.boolean() },
    { requiredKeys: [] },
  ),
);

function fieldNames(method: MethodName): string[] {
  const shape = (contract[method].input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function payloadFor(method: MethodName): fc.Arbitrary<unknown> {
  const names = fieldNames(method);
  const shaped =
    names.length === 0
      ? fc.constant({})
      : fc.record(Object.fromEntries(names.map((n) => [n, hostileValue])), { requiredKeys: [] });
  const valid = arbitraryForSchema(contract[method].input);
  return fc.oneof(
    { weight: valid ? 6 : 0, arbitrary: valid ?? fc.constant({}) },
    { weight: 2, arbitrary: shaped },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

beforeAll(async () => {
  test = await makeTestCore();
  core = test.core;
  dispatcher = createDispatcher(core, (error) => logged.push(error));
  unitId = core.db.prepare('SELECT id FROM units ORDER BY id LIMIT 1').pluck().get() as number;
  const coordinator = toActor(
    core.workflow.accounts.create(
      appItself,
      {
        username: 'fuzz.coord',
        displayName: '专班',
        password: 'password-123',
        unitId,
        roles: ['coordinator'],
        mustChangePassword: false,
      },
      { hashCost: 'demo' },
    ),
  );
  core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
}, 60_000);

afterAll(() => test.cleanup());

// Methods that hash passwords or build workbooks cost more per call; they get fewer runs.
const heavy = new Set<string>([
  'auth.setup',
  'auth.login',
  'auth.changePassword',
  'users.create',
  'users.resetPassword',
  'ledgers.export',
  'fillIn.export',
  'backup.create',
]);

describe('every API method under random payloads', () => {
  it.each(methodNames)(
    '%s answers an envelope, never an internal error',
    async (method) => {
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(payloadFor(method), fc.constantFrom(...callerRoles), async (payload, roles) => {
          // What arrives over HTTP is JSON: round-trip so the payload is exactly what a client can send.
          const json: unknown = JSON.parse(JSON.stringify(payload) ?? 'null');
          logged.length = 0;
          const result = await dispatcher.call(method, json, contextFor(roles));
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(errorCodes).toContain(result.error.code);
            if (result.error.code === 'internal') {
              failures.push(
                `${method} as ${roles?.join('+') ?? 'anonymous'} with ${JSON.stringify(json).slice(0, 300)}: ${String(logged[0])}`,
              );
            }
            expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
          }
        }),
        runs(heavy.has(method) ? 8 : 30),
      );
      expect(failures).toEqual([]);
    },
    60_000,
  );

  it('refuses impossible round deadlines, which used to break every status computed afterwards (found by this fuzzer)', async () => {
    for (const deadline of ['2025-13-45', '2025-02-30', '0000-00-00']) {
      const result = await dispatcher.call(
        'rounds.open',
        { year: 2031, quarter: 1, deadline },
        contextFor(['coordinator']),
      );
      expect(result.ok ? 'opened' : result.error).toMatchObject({
        code: 'invalid_input',
        field: 'deadline',
        message: expect.stringContaining('日期不存在') as unknown,
      });
    }
    const inbox = await dispatcher.call('reports.inbox', {}, contextFor(['coordinator']));
    expect(inbox.ok).toBe(true);
  });

  it('still verifies its audit chain after all that', () => {
    expect(core.workflow.audit.verify().ok).toBe(true);
  });
});
