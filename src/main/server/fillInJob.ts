import { contract } from '../../shared/contract';
import { parseUnknown } from '../../shared/contract/parse';
import { fillInParseSchema, type FillInParse } from '../../shared/domain/ledgers';
import { LuoshiError, type ApiResult } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { LuoshiCore } from '../core/core';
import { errorBodyOf, type Dispatcher } from '../core/dispatcher';
import type { ExportPool, PoolAnswer } from './exportPool';

/**
 * `fillIn.apply` in the browser mode with an export pool, split in two: an export worker parses
 * and validates the uploaded workbook (exceljs reading the whole sheet is the slow part, and it
 * writes nothing), then the server's thread — the one writer — applies the parsed rows in one
 * transaction through the usual handler (LedgerService.applyFillIn → ReportsService.updateContent),
 * so the write path, the refusals and the audit entries are the same as without a pool.
 */

/** The pool's internal job: not a contract method, so no request can name it. */
export const fillInParseJob = 'fillIn.apply (parse)';

/** In the export worker: the caller's session and right checked, the sheet parsed. */
export async function runFillInParseJob(
  core: LuoshiCore,
  payload: unknown,
  sessionId: string | null,
  log: (error: unknown) => void = console.error,
): Promise<ApiResult<FillInParse>> {
  try {
    const input = parseUnknown(contract['fillIn.apply'].input, payload ?? {});
    const actor = core.sessions.resolveActor(sessionId);
    if (actor === null) throw new LuoshiError('unauthenticated', '登录已失效或尚未登录，请先登录。');
    const bytes = Buffer.from(input.contentBase64, 'base64');
    return { ok: true, data: await core.ledgers.parseFillIn(actor, input.roundId, input.unitId, bytes) };
  } catch (error) {
    return { ok: false, error: errorBodyOf(core, error, log) };
  }
}

/** On the server's thread: parse in the pool, then apply on the writer; busy when the pool is. */
export async function applyFillInThroughPool(
  pool: ExportPool,
  dispatcher: Dispatcher,
  payload: unknown,
  context: CallContext,
): Promise<PoolAnswer> {
  const parsed = await pool.call(fillInParseJob, payload, context.sessionId);
  if (parsed.busy || !parsed.result.ok) return parsed;
  context.parsedFillIn = fillInParseSchema.parse(parsed.result.data);
  try {
    return { busy: false, result: await dispatcher.call('fillIn.apply', payload, context) };
  } finally {
    delete context.parsedFillIn;
  }
}
