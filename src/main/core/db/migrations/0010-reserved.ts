import type { Migration } from './index';

/**
 * Reserved: number 10 belongs to a migration of a branch developed alongside this one (the lead
 * merges it). This placeholder changes nothing and only keeps the numbers contiguous on this
 * branch, so that 0011 can keep its number; it is dropped when the real 0010 is merged.
 */
export const migration0010Reserved: Migration = {
  version: 10,
  name: '0010-reserved',
  up() {},
};
