import { LuoshiError } from '../../src/shared/errors';

/** The LuoshiError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<LuoshiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The LuoshiError a synchronous call throws; fails the test if it returns or throws anything else. */
export function refusalOf(fn: () => unknown): LuoshiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
