import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../src/renderer/src/app/format';
import { chinaIsoDate, formatChinaDate, formatChinaDateTime } from '../../../src/shared/time';
import { formatChinaTime } from '../../../src/shared/workflow';

/** Issue 12: the screen said 17:09 where documents and messages said 次日01:09 on a UTC machine. */
describe('times in China Standard Time, whatever the machine’s zone', () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
    it(`reads an evening UTC instant as the next morning in Beijing (machine in ${tz})`, () => {
      process.env.TZ = tz;
      const iso = '2026-12-03T17:09:00.000Z';
      expect(formatChinaDateTime(iso)).toBe('2026年12月4日 01:09');
      expect(formatDateTime(iso)).toBe('2026年12月4日 01:09');
      expect(formatChinaTime(iso)).toBe('2026年12月4日 01:09');
      expect(formatDate(iso)).toBe('2026年12月4日');
      expect(chinaIsoDate(iso)).toBe('2026-12-04');
      // A date without a time (a deadline) is that day everywhere.
      expect(formatDate('2027-01-10')).toBe('2027年1月10日');
    });
  }

  it('says — for a missing or unreadable value', () => {
    expect(formatChinaDate(null)).toBe('—');
    expect(formatChinaDateTime('not a date')).toBe('—');
  });
});
