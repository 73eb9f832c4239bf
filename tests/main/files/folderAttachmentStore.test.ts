import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderAttachmentStore } from '../../../src/main/core/files/folderAttachmentStore';
import { partialPrefix, sha256Of } from '../../../src/main/core/files/wholeFile';
import { makeTempDir } from '../../helpers/tempDir';

const temps: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
});
function tempDir(): string {
  const temp = makeTempDir('luoshi-store-');
  temps.push(temp);
  return temp.dir;
}

const pdf = Buffer.from('%PDF-1.7\n附件存储测试\n');
const hash = sha256Of(pdf);

describe('the folder attachment store', () => {
  it('keeps bytes as a file named by the stored name, and reads them back', () => {
    const dir = tempDir();
    const store = folderAttachmentStore(dir);
    expect(store.has(hash)).toBe(false);
    expect(store.read(hash)).toBeNull();
    store.put(hash, pdf, { what: '附件「名单.pdf」', sha256: hash });
    expect(readFileSync(join(dir, hash))).toEqual(pdf);
    expect(store.has(hash)).toBe(true);
    expect(store.read(hash)).toEqual(pdf);
    expect(store.location).toBe(dir);
  });

  it('replaces a file under that name whose content no longer has the hash, and keeps a sound one', () => {
    const dir = tempDir();
    const store = folderAttachmentStore(dir);
    writeFileSync(join(dir, hash), 'damaged');
    store.put(hash, pdf, { what: '附件「名单.pdf」', sha256: hash });
    expect(store.read(hash)).toEqual(pdf);
    store.put(hash, pdf, { what: '附件「名单.pdf」', sha256: hash });
    expect(readdirSync(dir)).toEqual([hash]);
  });

  it('refuses bytes that do not have the hash they are stored under, and leaves nothing behind', () => {
    const dir = tempDir();
    const store = folderAttachmentStore(dir);
    expect(() => store.put(hash, Buffer.from('other'), { what: '附件「名单.pdf」', sha256: hash })).toThrow(
      /附件「名单\.pdf」写入磁盘后读回的内容与原文件不符/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists stored names sorted, without writes in progress, and removes one (a missing one is no error)', () => {
    const dir = tempDir();
    const store = folderAttachmentStore(dir);
    const other = Buffer.from('第二个附件');
    store.put(sha256Of(other), other, { what: '附件', sha256: sha256Of(other) });
    store.put(hash, pdf, { what: '附件', sha256: hash });
    writeFileSync(join(dir, `${partialPrefix}${hash}-1-abcd`), 'half');
    expect(store.names()).toEqual([hash, sha256Of(other)].sort());
    store.remove(hash);
    store.remove(hash);
    expect(store.names()).toEqual([sha256Of(other)]);
  });

  it('lists nothing when the folder does not exist', () => {
    expect(folderAttachmentStore(join(tempDir(), 'missing')).names()).toEqual([]);
  });
});
