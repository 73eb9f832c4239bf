import type { z } from 'zod';

/** Who may call a method. The core enforces it before the handler runs. */
type MethodAccess = 'public' | 'user';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the method does, in a sentence (shown in `luoshi api` and the docs). */
  summary: string;
  access: MethodAccess;
  input: I;
  output: O;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
