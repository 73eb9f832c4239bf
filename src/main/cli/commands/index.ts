import type { Command } from '../command';
import { backupCommand } from './backup';
import { restoreCommand } from './restore';
import { serveCommand } from './serve';
import { versionCommand } from './version';
import { demoCommand } from './demo';
import { auditCommand } from './audit';
import { usersCommand } from './users';
import { exportCommand } from './export';
import { importCommand } from './importFillIn';
import { benchCommand } from './bench';
import { importPlanCommand } from './importPlan';
import { roundsCommand } from './rounds';
import { dbCommand } from './db';

/** Every CLI command, in the order `luoshi --help` lists them. */
export const commands: Command[] = [
  serveCommand,
  importPlanCommand,
  backupCommand,
  restoreCommand,
  demoCommand,
  roundsCommand,
  auditCommand,
  dbCommand,
  usersCommand,
  exportCommand,
  importCommand,
  benchCommand,
  versionCommand,
];
