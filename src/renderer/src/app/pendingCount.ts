import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useLiveReload } from './liveData';

/**
 * The pending count shown on 填报审核: the reports waiting for the user plus the 批示 awaiting
 * their unit's answer or their closing (the same two lists 我的待办 shows). Reloaded on a route
 * change and like every live list (see liveData).
 */
export function usePendingCount(routeKey: string): number {
  const [count, setCount] = useState(0);
  const generation = useRef(0);
  const load = useCallback(() => {
    const current = ++generation.current;
    Promise.all([api['reports.inbox']({}), api['instructions.todo']({})]).then(
      ([reports, instructions]) => current === generation.current && setCount(reports.length + instructions.length),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    load();
    // Every route change, also between pages of one section (a report → 我的待办), so the badge
    // and the list the user opens are read at the same moment.
    window.addEventListener('hashchange', load);
    return () => {
      window.removeEventListener('hashchange', load);
      generation.current += 1;
    };
  }, [routeKey, load]);
  useLiveReload(load);
  return count;
}
