import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user data folder shared by the desktop app, the CLI and the browser mode, so the
 * same records show whichever way the user starts Luoshi.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LUOSHI_DATA_DIR) return env.LUOSHI_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Luoshi');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Luoshi');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'luoshi');
}

export interface DataPaths {
  dataDir: string;
  database: string;
  attachments: string;
  backups: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    database: join(dataDir, 'luoshi.db'),
    attachments: join(dataDir, 'attachments'),
    backups: join(dataDir, 'backups'),
  };
}
