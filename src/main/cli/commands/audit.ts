import { resolve } from 'node:path';
import { parseWitnesses, readWitnessFile, type AuditWitness } from '../../core/audit/auditWitness';
import { readDocumentWitness } from '../../core/audit/documentWitness';
import { inspectBackup } from '../../core/backup';
import { backupExtension } from '../../core/backup/manifest';
import { dataLocation } from '../dataLocation';
import { createCore } from '../../core/core';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';

export const auditCommand: Command = {
  name: 'audit',
  summary: '审计记录：verify 校验哈希链、认证码和审计见证，指出第一条被改动的记录',
  usage: 'luoshi audit verify [--data-dir 目录] [--witness 见证文件|备份.luoshibak|公文.docx ...]',
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'audit',
      argv,
      { ...dataDirOption, witness: { type: 'string', multiple: true } },
      true,
    );
    if (positionals[0] !== 'verify' || positionals.length !== 1) {
      throw new UsageError('audit：请指定子命令 verify，例如 luoshi audit verify --data-dir 目录。');
    }
    const witnesses: AuditWitness[] = [];
    const witnessProblems: string[] = [];
    for (const file of values.witness ?? []) {
      const read = await readWitnessSource(resolve(file));
      if (read.witnesses.length === 0 && read.problems.length === 0)
        witnessProblems.push(`见证文件 ${resolve(file)} 是空的`);
      witnesses.push(...read.witnesses);
      witnessProblems.push(...read.problems);
    }
    // Verifying must not change the data: no seed plan is loaded and no key is introduced here.
    const core = await createCore({
      ...dataLocation(values, environment),
      loadSeedPlan: false,
      introduceAuditKey: false,
      sweepAtStart: false,
    });
    try {
      const result = core.workflow.audit.verify({ witnesses, witnessProblems });
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

/** A witness file, or a backup whose manifest carries the witness of its snapshot. */
async function readWitnessSource(file: string): Promise<{ witnesses: AuditWitness[]; problems: string[] }> {
  if (file.toLowerCase().endsWith('.docx')) return readDocumentWitness(file);
  if (!file.endsWith(backupExtension)) return readWitnessFile(file);
  try {
    const manifest = await inspectBackup(file);
    if (!manifest.auditWitness)
      return { witnesses: [], problems: [`备份 ${file} 的清单中没有审计见证（生成于启用审计密钥之前，或清单被改动）`] };
    return parseWitnesses(manifest.auditWitness, `备份 ${file}`);
  } catch (error) {
    return { witnesses: [], problems: [(error as Error).message] };
  }
}
