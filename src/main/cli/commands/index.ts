import type { Command } from '../command';
import { serveCommand } from './serve';
import { versionCommand } from './version';

/** Every CLI command, in the order `luoshi --help` lists them. */
export const commands: Command[] = [serveCommand, versionCommand];
