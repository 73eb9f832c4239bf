import { requireActor } from './auth';
import type { Handlers } from './types';

export const supervisionHandlers = {
  'supervision.settings': (_input, { core }) => core.workflow.supervision.settings(),
  'supervision.setSettings': (input, env) => env.core.workflow.supervision.setSettings(requireActor(env), input),
  'supervision.remind': (input, env) => env.core.workflow.supervision.remind(requireActor(env), input),
  'supervision.ofRound': ({ roundId }, { core }) => core.workflow.supervision.ofRound(roundId),
  'supervision.exportNotice': async ({ roundId }, env) => {
    const { core } = env;
    const rendered = await core.documents.renderDocument(
      core.documents.composeReminderNotice(requireActor(env), roundId),
    );
    return { fileName: rendered.fileName, contentBase64: rendered.bytes.toString('base64') };
  },
  'supervision.mine': (_input, env) => env.core.workflow.supervision.mine(requireActor(env)),
} satisfies Partial<Handlers>;
