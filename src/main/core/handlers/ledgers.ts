import { LuoshiError } from '../../../shared/errors';
import { requireReadsAll, requireUnitRecords } from '../policy';
import { unitRow } from '../store/ledgerQueries';
import { requireActor, requireCaller } from './auth';
import type { Handlers } from './types';

/** base64 of a string a browser sent; the size cap is checked on the decoded bytes. */
function decode(contentBase64: string): Buffer {
  return Buffer.from(contentBase64, 'base64');
}

const ledgerNames = { task: '任务台账', indicator: '指标台账', project: '项目台账', unit: '单位台账' } as const;

export const ledgersHandlers = {
  'ledgers.export': async (input, env) => {
    const actor = requireCaller(env);
    if (input.kind === 'unit' && input.unitId !== undefined) {
      const unit = unitRow(env.core.db, input.unitId);
      if (!unit) throw new LuoshiError('not_found', `未找到编号为 ${input.unitId} 的单位。`, 'unitId');
      requireUnitRecords(actor, unit, '导出单位台账');
    } else {
      const own = env.actor?.unitName
        ? `你可以导出本单位（${env.actor.unitName}）的单位台账。`
        : '如需台账，请联系工作专班。';
      requireReadsAll(actor, ledgerNames[input.kind], own);
    }
    const file = await env.core.ledgers.exportLedger(input);
    return { fileName: file.fileName, contentBase64: file.bytes.toString('base64') };
  },
  'fillIn.export': async ({ roundId, unitId }, env) => {
    const file = await env.core.ledgers.exportFillIn(requireCaller(env), roundId, unitId);
    return { fileName: file.fileName, contentBase64: file.bytes.toString('base64') };
  },
  'fillIn.preview': ({ roundId, unitId, contentBase64 }, env) =>
    env.core.ledgers.previewFillIn(requireCaller(env), roundId, unitId, decode(contentBase64)),
  'fillIn.apply': async ({ roundId, unitId, contentBase64 }, env) => {
    const result = await env.core.ledgers.applyFillIn(
      requireActor(env),
      roundId,
      unitId,
      decode(contentBase64),
      env.context.parsedFillIn,
    );
    return { applied: result.applied, reports: result.reports };
  },
} satisfies Partial<Handlers>;
