import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder under the OS temp dir; call the returned cleanup in afterEach/afterAll. A core
 * opened on it keeps its audit key and witnesses in `<dir>.audit` beside it: cleanup removes both.
 */
export function makeTempDir(prefix = 'luoshi-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => removeDataDir(dir) };
}

/** Remove a data folder and the audit folder beside it. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.audit`, { recursive: true, force: true });
}

export const repoRoot = join(__dirname, '..', '..');
export const resourcesDir = join(repoRoot, 'resources');
