import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, type WritableDB } from '../../../src/main/core/db/database';
import { migration0003Search } from '../../../src/main/core/db/migrations/0003-search';
import { needsScan, toIndexText, toMatchQuery } from '../../../src/main/core/search/bigrams';
import { searchDocuments, upsertSearchDocument } from '../../../src/main/core/store/searchStore';

function searchDb(): WritableDB {
  const db = openMemoryDatabase({ migrate: false });
  migration0003Search.up(db);
  return db;
}

const now = '2025-10-08T00:00:00.000Z';

describe('Han character pairs', () => {
  it('index text as overlapping pairs and keep other tokens', () => {
    expect(toIndexText('托育服务').trim()).toBe('托育 育服 服务');
    expect(toIndexText('到2025年建成').replace(/\s+/g, ' ').trim()).toBe('到 2025 年建 建成');
  });

  it('turn a query into quoted phrases so user text is never FTS syntax', () => {
    expect(toMatchQuery('托育服务')).toBe('("托育" + "育服" + "服务")');
    expect(toMatchQuery('托育 "OR" 学校')).toBe('("托育") AND ("OR") AND ("学校")');
    expect(toMatchQuery('，。')).toBeNull();
  });

  it('send lone Han characters to a scan', () => {
    expect(needsScan('园')).toBe(true);
    expect(needsScan('5岁')).toBe(true);
    expect(needsScan('幼儿园')).toBe(false);
  });
});

describe('search store', () => {
  it('finds two-character words, which trigram indexes miss', () => {
    const db = searchDb();
    upsertSearchDocument(
      db,
      { kind: 'task', refId: 1, title: '大力发展普惠托育服务', body: '每千人口托位数达到6个' },
      now,
    );
    upsertSearchDocument(db, { kind: 'task', refId: 2, title: '加强儿童心理健康服务', body: '建设心理辅导室' }, now);
    upsertSearchDocument(
      db,
      { kind: 'report', refId: 3, title: '第三季度进展', body: '新增托育机构3家，托位数增加120个' },
      now,
    );
    const ids = (q: string) =>
      searchDocuments(db, q, [], 50)
        .map((h) => `${h.kind}${h.refId}`)
        .sort();
    expect(ids('托育')).toEqual(['report3', 'task1']);
    expect(ids('心理')).toEqual(['task2']);
    expect(ids('服务')).toEqual(['task1', 'task2']);
    expect(ids('托位数')).toEqual(['report3', 'task1']);
    expect(ids('托育 机构')).toEqual(['report3']);
    expect(ids('园')).toEqual([]);
    expect(ids('室')).toEqual(['task2']);
    expect(searchDocuments(db, '托育', ['report'], 50).map((h) => h.refId)).toEqual([3]);
    db.close();
  });

  it('replaces a document when it is indexed again', () => {
    const db = searchDb();
    upsertSearchDocument(db, { kind: 'report', refId: 1, title: '进展', body: '开展亲子阅读活动' }, now);
    upsertSearchDocument(db, { kind: 'report', refId: 1, title: '进展', body: '建成儿童友好公园' }, now);
    expect(searchDocuments(db, '阅读', [], 10)).toHaveLength(0);
    expect(searchDocuments(db, '公园', [], 10)).toHaveLength(1);
    db.close();
  });

  it('finds exactly what a substring scan finds, for any query of two or more characters', () => {
    const alphabet = ['儿', '童', '友', '好', '城', '市', '建', '设', '托', '育', '，', ' ', '2', '0'];
    const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...alphabet),
        fc.constantFrom(...alphabet),
        (bodies, a, b) => {
          const query = `${a}${b}`;
          if (!/\p{Script=Han}{2}/u.test(query)) return;
          const db = searchDb();
          bodies.forEach((body, i) => upsertSearchDocument(db, { kind: 'report', refId: i + 1, title: '', body }, now));
          const found = searchDocuments(db, query, [], 100)
            .map((h) => h.refId)
            .sort((x, y) => x - y);
          const expected = bodies.flatMap((body, i) => (`\n${body}`.includes(query) ? [i + 1] : []));
          db.close();
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
