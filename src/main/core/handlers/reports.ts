import { requireReadReportId } from '../policy';
import { getAttachment } from '../store/reportsStore';
import { requireActor } from './auth';
import type { Handlers } from './types';

export const reportsHandlers = {
  'reports.inbox': (_input, env) => env.core.workflow.reportQueries.inbox(requireActor(env)),
  'reports.get': ({ reportId }, env) => env.core.workflow.reportQueries.get(requireActor(env), reportId),
  'reports.update': ({ reportId, version, content }, env) => {
    const actor = requireActor(env);
    env.core.workflow.reports.updateContent(actor, reportId, version, content);
    return env.core.workflow.reportQueries.get(actor, reportId);
  },
  'reports.transition': (input, env) => {
    const actor = requireActor(env);
    env.core.workflow.reports.transition(actor, input);
    return env.core.workflow.reportQueries.get(actor, input.reportId);
  },
  'reports.reopen': ({ reportId, version, reason }, env) => {
    const actor = requireActor(env);
    const id = env.core.workflow.reports.reopen(actor, reportId, version, reason);
    return env.core.workflow.reportQueries.get(actor, id);
  },
  'reports.timeline': ({ reportId }, env) => {
    requireReadReportId(env.core.db, requireActor(env), reportId);
    return env.core.workflow.reportQueries.timeline(reportId);
  },
  'reports.attachments.add': ({ reportId, version, fileName, contentBase64 }, env) => {
    const actor = requireActor(env);
    env.core.workflow.reports.addAttachment(actor, reportId, version, fileName, contentBase64);
    return env.core.workflow.reportQueries.get(actor, reportId);
  },
  'reports.attachments.remove': ({ reportId, version, attachmentId }, env) => {
    const actor = requireActor(env);
    env.core.workflow.reports.removeAttachment(actor, reportId, version, attachmentId);
    return env.core.workflow.reportQueries.get(actor, reportId);
  },
  'reports.attachments.download': ({ attachmentId }, env) => {
    const { core } = env;
    const attachment = getAttachment(core.db, attachmentId);
    if (attachment) requireReadReportId(core.db, requireActor(env), attachment.report_id);
    const file = core.workflow.reports.readAttachment(attachmentId);
    return { fileName: file.fileName, sha256: file.sha256, contentBase64: file.bytes.toString('base64') };
  },
  'reports.archiveSettings': (_input, { core }) => core.workflow.reports.archivePatterns(),
  'reports.setArchiveSettings': (input, env) => {
    env.core.workflow.reports.setArchivePatterns(requireActor(env), input);
    return { ok: true as const };
  },
  'compiled.get': ({ roundId }, env) => {
    const id = env.core.workflow.rounds.compiledReportId(roundId);
    return id === null ? null : env.core.workflow.reportQueries.get(requireActor(env), id);
  },
} satisfies Partial<Handlers>;
