import { LuoshiError } from '../../../shared/errors';
import { requireActor, requireCaller } from './auth';
import type { Handlers } from './types';

function decodeUpload(contentBase64: string, fileName: string): Uint8Array {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new LuoshiError('invalid_input', `文件「${fileName}」内容为空。`, 'contentBase64');
  return bytes;
}

export const planHandlers = {
  'plan.overview': (_input, { core }) => core.plan.overview(),
  'plan.task': ({ taskId }, { core }) => core.plan.task(taskId),
  'plan.projects': (_input, { core }) => core.plan.projects(),
  'plan.importPreview': ({ fileName, contentBase64, sheet }, env) =>
    env.core.plan.preview(
      { fileName, bytes: decodeUpload(contentBase64, fileName), ...(sheet === undefined ? {} : { sheet }) },
      requireCaller(env),
    ),
  'plan.import': ({ fileName, contentBase64, sheet, corrections }, env) =>
    env.core.plan.import(
      { fileName, bytes: decodeUpload(contentBase64, fileName), ...(sheet === undefined ? {} : { sheet }) },
      requireCaller(env),
      corrections,
    ),
  'units.directory': (_input, { core }) => core.plan.directory(),
  'units.create': (input, env) => env.core.plan.createUnit(requireActor(env), input),
  'units.update': (input, env) => env.core.plan.updateUnit(requireActor(env), input),
} satisfies Partial<Handlers>;
