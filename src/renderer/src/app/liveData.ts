import { useEffect, useRef } from 'react';

/**
 * Lists that other people change (待办, its badge, the overview) reload when the user's own action
 * changed something, when the window gets focus back, and at least every minute, so the badge and
 * the list they open never disagree for long.
 */
const listeners = new Set<() => void>();

/** Tell every live list that the user just changed something (a save, a transition, an import). */
export function notifyDataChanged(): void {
  listeners.forEach((listener) => listener());
}

const liveRefreshMs = 60_000;

/** Call `reload` on the user's own changes, on window focus, when the page becomes visible, and every minute. */
export function useLiveReload(reload: () => void, intervalMs = liveRefreshMs): void {
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    const run = () => latest.current();
    const onVisible = () => document.visibilityState === 'visible' && run();
    listeners.add(run);
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(run, intervalMs);
    return () => {
      listeners.delete(run);
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [intervalMs]);
}
