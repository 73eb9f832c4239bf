import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loadable<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** Load data on mount and when `deps` change; stale answers from earlier loads are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loadable<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const [tick, setTick] = useState(0);
  // The caller's deps are checked at each call site (eslint.config.js lists useLoad among the
  // hooks whose dependencies react-hooks/exhaustive-deps verifies), so they can key the callback.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    const current = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    stableLoad().then(
      (data) => current === generation.current && setState({ data, loading: false }),
      (error: unknown) =>
        current === generation.current &&
        setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
  }, [stableLoad, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((t) => t + 1) };
}

export interface Submit {
  busy: boolean;
  /** The last refusal's message, shown in the dialog until the next attempt or `clearError`. */
  error: string | undefined;
  /** Send `call`; on success pass its answer to `done`, on refusal keep the message in `error`. */
  run<T>(call: () => Promise<T>, done: (answer: T) => void): void;
  clearError: () => void;
}

/** The busy flag and the refusal of a dialog's one action, so no dialog re-implements them. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return {
    busy,
    error,
    run(call, done) {
      setBusy(true);
      setError(undefined);
      call().then(
        (answer) => {
          setBusy(false);
          done(answer);
        },
        (e: unknown) => {
          setBusy(false);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
    clearError: () => setError(undefined),
  };
}
