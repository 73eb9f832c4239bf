import type { z } from 'zod';
import type { composeInputSchema, renderInputSchema } from '../../../shared/contract/documents';
import { LuoshiError } from '../../../shared/errors';
import type { ComposeRequest, RenderRequest } from '../services/documentService';
import type { Caller } from '../policy';
import { requireReadReportId, requireReadsAll } from '../policy';
import type { HandlerEnv } from './types';
import { requireActor, requireCaller } from './auth';
import type { Handlers } from './types';
import { docxToPdf } from '../exports/docx/pdf';

/** A composition request from the API's loose shape: which ids each kind needs. */
function composeRequest(input: z.output<typeof composeInputSchema>): ComposeRequest {
  if (input.kind === 'task') {
    if (input.reportId === undefined)
      throw new LuoshiError('invalid_input', '生成任务进展情况报告需要报告编号（reportId）。', 'reportId');
    return { kind: 'task', reportId: input.reportId };
  }
  if (input.roundId === undefined)
    throw new LuoshiError('invalid_input', '生成季度报告或通报需要填报轮次编号（roundId）。', 'roundId');
  return { kind: input.kind, roundId: input.roundId };
}

function renderRequest(input: z.output<typeof renderInputSchema>): RenderRequest {
  if (input.compiledReportId !== undefined && input.document !== undefined) {
    throw new LuoshiError('invalid_input', '导出时 compiledReportId 与 document 只能选一。', 'document');
  }
  if (input.compiledReportId !== undefined) return { compiledReportId: input.compiledReportId };
  if (input.document !== undefined) return { document: input.document };
  if (input.kind === undefined) {
    throw new LuoshiError(
      'invalid_input',
      '请指定要导出的公文：compiledReportId、document，或 kind 加 roundId/reportId。',
      'kind',
    );
  }
  return composeRequest({ ...input, kind: input.kind });
}

/** A document composed over one report is read under the report's read rule. */
function requireReadSource(env: HandlerEnv, actor: Caller, request: RenderRequest): void {
  if ('compiledReportId' in request)
    requireReadReportId(env.core.db, actor, request.compiledReportId, 'compiledReportId');
  else if ('kind' in request && request.kind === 'quarterly') {
    requireReadsAll(
      actor,
      '季度工作进展情况报告',
      '归档后的季度报告所有单位均可查看；通报和本单位任务的进展情况报告可以直接生成。',
    );
  } else if ('kind' in request && request.kind === 'task') requireReadReportId(env.core.db, actor, request.reportId);
}

export const documentsHandlers = {
  'documents.compose': (input, env) => {
    const request = composeRequest(input);
    requireReadSource(env, requireCaller(env), request);
    return env.core.documents.compose(request);
  },
  'documents.render': async (input, env) => {
    const request = renderRequest(input);
    requireReadSource(env, requireCaller(env), request);
    const file = await env.core.documents.render(request);
    return { fileName: file.fileName, contentBase64: file.bytes.toString('base64') };
  },
  'documents.pdf': async (input, env) => {
    const request = renderRequest(input);
    requireReadSource(env, requireCaller(env), request);
    const file = await env.core.documents.render(request);
    const pdf = await docxToPdf(file.bytes);
    return { fileName: file.fileName.replace(/\.docx$/i, '') + '.pdf', contentBase64: pdf.toString('base64') };
  },
  'documents.createCompiled': ({ roundId }, env) => {
    const actor = requireActor(env);
    const id = env.core.documents.createCompiledDraft(actor, roundId);
    return env.core.workflow.reportQueries.get(actor, id);
  },
  'documents.saveCompiled': ({ reportId, version, document }, env) => {
    const actor = requireActor(env);
    env.core.documents.saveCompiled(actor, reportId, version, document);
    return env.core.workflow.reportQueries.get(actor, reportId);
  },
  'documents.settings': (_input, env) => {
    requireActor(env);
    return env.core.documents.settings();
  },
  'documents.setSettings': (input, env) => env.core.documents.setSettings(requireActor(env), input),
  'documents.fonts': async (_input, env) => {
    requireActor(env);
    return env.core.documents.fontStatus();
  },
  'documents.setFonts': (input, env) => env.core.documents.setFonts(requireActor(env), input),
} satisfies Partial<Handlers>;
