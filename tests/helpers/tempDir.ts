import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the OS temp dir; call the returned cleanup in afterEach/afterAll. */
export function makeTempDir(prefix = 'luoshi-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const repoRoot = join(__dirname, '..', '..');
export const resourcesDir = join(repoRoot, 'resources');
