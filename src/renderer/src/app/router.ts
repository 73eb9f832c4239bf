import { useEffect, useState } from 'react';

/**
 * Hash routes (#/plan, #/tasks/12) work the same over luoshi://app and http://127.0.0.1, and the
 * Electron menu can navigate by setting location.hash.
 *
 * A page with unsaved work registers a leave guard: any change of route (a sidebar click, a link,
 * a shortcut, the menu, the browser's back button) is held while the guard asks the user, and
 * carried out only if they agree. Reloading or closing the window is covered by `beforeunload`.
 * Several guards may be registered at once (a report and the 批示 answer boxes beside it, a
 * dialog over a page): each one with unsaved work asks in turn, the newest first.
 */
export interface LeaveGuard {
  /** Is there unsaved work now? */
  isDirty: () => boolean;
  /** Ask the user (saving first if they choose to); resolves true to leave. */
  confirmLeave: () => Promise<boolean>;
}

let guards: LeaveGuard[] = [];

/** The registered guards as one: dirty if any is, and leaving only once every dirty one agreed. */
const combined: LeaveGuard = {
  isDirty: () => guards.some((g) => g.isDirty()),
  confirmLeave: async () => {
    for (const g of [...guards].reverse()) {
      if (g.isDirty() && !(await g.confirmLeave())) return false;
    }
    return true;
  },
};
let currentHash = window.location.hash;
/** The one hash change the guard has already allowed. */
let allowedHash: string | null = null;

/** Register the page's leave guard; returns the function that removes it. */
export function setLeaveGuard(next: LeaveGuard): () => void {
  guards = [...guards, next];
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!next.isDirty()) return;
    event.preventDefault();
    // Older engines need returnValue set to show their own "leave site?" prompt.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    guards = guards.filter((g) => g !== next);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

/** Before leaving the page other than by a route change (signing out): true when it may go. */
export function requestLeave(): Promise<boolean> {
  return combined.isDirty() ? combined.confirmLeave() : Promise.resolve(true);
}

export function useHashRoute(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => {
      const next = window.location.hash;
      if (next === currentHash) return;
      const active = combined;
      if (allowedHash !== next && active.isDirty()) {
        // Put the address back without a new hashchange, then ask.
        window.history.replaceState(window.history.state, '', currentHash || '#/');
        void active.confirmLeave().then((leave) => {
          if (!leave) return;
          allowedHash = next;
          window.location.hash = next;
        });
        return;
      }
      allowedHash = null;
      currentHash = next;
      setHash(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path}`;
}
