import { resolve, join } from 'node:path';
import { createCore } from '../../core/core';
import { defaultDataDir } from '../../core/paths';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';

export const auditCommand: Command = {
  name: 'audit',
  summary: '审计记录：verify 校验哈希链，指出第一条被改动的记录',
  usage: 'luoshi audit verify [--data-dir 目录]',
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs('audit', argv, { ...dataDirOption }, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) {
      throw new UsageError('audit：请指定子命令 verify，例如 luoshi audit verify --data-dir 目录。');
    }
    // Verifying must not change the data: no seed plan is loaded here.
    const core = await createCore({
      dataDir: resolve(values['data-dir'] ?? defaultDataDir(environment.env)),
      resourcesDir: join(environment.packageRoot, 'resources'),
      loadSeedPlan: false,
    });
    try {
      const result = core.workflow.audit.verify();
      if (result.ok) {
        environment.io.out(result.message);
        return 0;
      }
      environment.io.err(result.message);
      return 1;
    } finally {
      core.close();
    }
  },
};
