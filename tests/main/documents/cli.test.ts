import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cliRunner';
import { textOf } from '../exports/docx/ooxml';
import { createDocumentWorld, type DocumentWorld } from './world';

let world: DocumentWorld;
let archiveNo = '';

beforeAll(async () => {
  world = await createDocumentWorld(1);
  const { core, coordinator } = world;
  const q4 = core.workflow.rounds.open(coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' }).id;
  const compiled = core.documents.createCompiledDraft(coordinator, q4);
  world.fileReport(compiled);
  archiveNo = core.workflow.reportQueries.get(coordinator, compiled).archiveNo ?? '';
  // The CLI opens the data folder itself.
  world.core.close();
}, 180_000);
afterAll(() => world.cleanup());

async function documentText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  expect(Object.keys(zip.files)).toEqual(
    expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
  );
  return textOf((await zip.file('word/document.xml')?.async('string')) ?? '');
}

describe('luoshi export report', () => {
  it('writes the quarterly report, the bulletin and a task report as valid .docx files', async () => {
    const quarterly = join(world.dataDir, 'quarterly.docx');
    const result = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'quarterly',
      '--round',
      '2025Q3',
      '--data-dir',
      world.dataDir,
      '-o',
      quarterly,
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('已导出「关于2025年第三季度儿童友好城市建设工作进展情况的报告」');
    // The demo stored a placeholder as its compiled report: the CLI says so and composes afresh.
    expect(result.err).toContain('不是可以排版的公文');
    const text = await documentText(quarterly);
    expect(text).toContain('郑州经济技术开发区儿童友好城市建设工作专班');
    expect(text).toContain('关于2025年第三季度儿童友好城市建设工作进展情况的报告');
    expect(text).toContain('各项任务进展情况');

    const bulletin = join(world.dataDir, 'bulletin.docx');
    expect(
      (
        await runCliCaptured([
          'export',
          'report',
          '--kind',
          'bulletin',
          '--round',
          '2025Q3',
          '--data-dir',
          world.dataDir,
          '-o',
          bulletin,
        ])
      ).code,
    ).toBe(0);
    expect(await documentText(bulletin)).toContain('超期未报任务');

    const task = join(world.dataDir, 'task8.docx');
    const taskRun = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'task',
      '--round',
      '2025Q3',
      '--task',
      '8',
      '--data-dir',
      world.dataDir,
      '-o',
      task,
    ]);
    expect(taskRun.code).toBe(0);
    expect(await documentText(task)).toContain('大力发展普惠托育服务');
  });

  it("exports a round's filed compiled report as stored, with its 发文字号", async () => {
    const file = join(world.dataDir, 'q4.docx');
    const result = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'quarterly',
      '--round',
      '2025Q4',
      '--data-dir',
      world.dataDir,
      '-o',
      file,
    ]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(archiveNo).toMatch(/^郑经儿童专班〔2025〕\d+号$/);
    expect(await documentText(file)).toContain(archiveNo);
    // Stored, not recomposed: dated the day it was composed (the world's clock), not today.
    expect(await documentText(file)).toContain('2025年11月15日');
  });

  it('names what is missing or wrong in the options', async () => {
    const out = join(world.dataDir, 'x.docx');
    const noTask = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'task',
      '--round',
      '2025Q3',
      '--data-dir',
      world.dataDir,
      '-o',
      out,
    ]);
    expect(noTask.code).not.toBe(0);
    expect(noTask.err).toContain('--task');
    const badKind = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'memo',
      '--round',
      '2025Q3',
      '--data-dir',
      world.dataDir,
      '-o',
      out,
    ]);
    expect(badKind.err).toContain('--kind');
    const noRound = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'quarterly',
      '--round',
      '2024Q1',
      '--data-dir',
      world.dataDir,
      '-o',
      out,
    ]);
    expect(noRound.err).toContain('2024年第一季度尚未开启填报轮次');
    const noSuchTask = await runCliCaptured([
      'export',
      'report',
      '--kind',
      'task',
      '--round',
      '2025Q3',
      '--task',
      '99',
      '--data-dir',
      world.dataDir,
      '-o',
      out,
    ]);
    expect(noSuchTask.err).toContain('第「99」项任务');
    expect(existsSync(out)).toBe(false);
  });
});
