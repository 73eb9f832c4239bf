import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentStore } from './attachmentStore';
import { partialPrefix, sha256OfFile, writeFileWhole } from './wholeFile';

/**
 * Attachments as files in a data folder's `attachments` folder, named by their stored name and
 * written whole (files/wholeFile.ts). Writes still in progress (`.partial-*`) are not attachments
 * and are never listed; the sweep at start removes those of dead processes (files/sweep.ts).
 */
export function folderAttachmentStore(dir: string): AttachmentStore {
  const pathOf = (name: string): string => join(dir, name);
  return {
    location: dir,
    transactional: false,
    put(name, bytes, options) {
      const path = pathOf(name);
      if (existsSync(path) && sha256OfFile(path) === options.sha256) return;
      writeFileWhole(path, bytes, options);
    },
    read(name) {
      try {
        return readFileSync(pathOf(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    has: (name) => existsSync(pathOf(name)),
    remove(name) {
      rmSync(pathOf(name), { force: true });
    },
    names() {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return [];
      }
      return entries.filter((name) => !name.startsWith(partialPrefix) && isFile(pathOf(name))).sort();
    },
  };
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
