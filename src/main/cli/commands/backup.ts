import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { backupToFolder, createBackup, type BackupResult } from '../../core/backup';
import { systemClock } from '../../core/clock';
import { appVersion } from '../../core/core';
import { openDatabase } from '../../core/db/database';
import { dataPaths, defaultDataDir } from '../../core/paths';
import { dataDirOption, parseCommandArgs, type Command } from '../command';
import { describeManifest } from '../../core/backup/describe';

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库与附件到一个 .luoshibak 文件',
  usage:
    'luoshi backup [-o 文件] [--data-dir 目录]\n\n不指定 -o 时备份到数据目录的 backups 文件夹，并按设置只保留最近的若干份自动备份。',
  async run(argv, environment) {
    const { values } = parseCommandArgs('backup', argv, {
      ...dataDirOption,
      output: { type: 'string', short: 'o' },
    });
    const paths = dataPaths(resolve(values['data-dir'] ?? defaultDataDir(environment.env)));
    if (!existsSync(paths.database)) {
      throw new LuoshiError('not_found', `数据目录 ${paths.dataDir} 中没有数据库 luoshi.db，没有可备份的数据。`);
    }
    // Back up what is there: no migration, so the backup records the schema the data has.
    const db = openDatabase(paths.database, { migrate: false });
    let result: BackupResult;
    try {
      const source = { db, paths, clock: systemClock, version: appVersion };
      result = values.output === undefined ? await backupToFolder(source) : await createBackup(source, values.output);
    } finally {
      db.close();
    }
    environment.io.out(`已备份到 ${result.file}`);
    environment.io.out(describeManifest(result.manifest, result.size));
    return 0;
  },
};
