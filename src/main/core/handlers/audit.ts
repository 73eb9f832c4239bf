import { Writable } from 'node:stream';
import { AuditLedgerService } from '../services/ledgers/auditLedger';
import { authorize } from '../policy';
import { requireActor } from './auth';
import type { Handlers } from './types';

export const auditHandlers = {
  'audit.verify': (_input, { core }) => core.recheckIntegrity(),
  'system.integrity': (_input, { core }) => ({ audit: core.integrity }),
  'audit.search': (input, env) => {
    authorize(requireActor(env), 'audit.search');
    const { limit, ...rest } = input;
    return env.core.workflow.audit.search({
      limit,
      ...(rest.reportId !== undefined ? { reportId: rest.reportId } : {}),
      ...(rest.user !== undefined ? { user: rest.user } : {}),
      ...(rest.from !== undefined ? { from: rest.from } : {}),
      ...(rest.to !== undefined ? { to: rest.to } : {}),
      ...(rest.beforeId !== undefined ? { beforeId: rest.beforeId } : {}),
    });
  },
  'audit.exportLedger': async (_input, env) => {
    authorize(requireActor(env), 'audit.exportLedger');
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const { fileName } = await new AuditLedgerService(env.core.db, env.core.clock).writeLedger(sink);
    return { fileName, contentBase64: Buffer.concat(chunks).toString('base64') };
  },
} satisfies Partial<Handlers>;
