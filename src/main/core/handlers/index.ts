import { planHandlers } from './plan';
import { systemHandlers } from './system';
import type { Handlers } from './types';

/** Every method of the contract has exactly one handler; the type fails if one is missing. */
export const handlers: Handlers = {
  ...systemHandlers,
  ...planHandlers,
};
