import { appVersion } from '../../core/core';
import { latestSchemaVersion } from '../../core/db/migrations';
import type { Command } from '../command';

export const versionCommand: Command = {
  name: 'version',
  summary: '显示版本号',
  usage: 'luoshi version',
  run(_argv, { io }) {
    io.out(`落实通 Luoshi ${appVersion}（数据库结构版本 ${latestSchemaVersion}）`);
    return Promise.resolve(0);
  },
};
