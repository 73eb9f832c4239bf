import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { LuoshiError } from '../../../src/shared/errors';
import { checkAttachmentType } from '../../../src/main/core/files/attachmentType';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

const bytes = (...parts: (number[] | string)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('attachment types by content', () => {
  it.each([
    ['报告.pdf', bytes('%PDF-1.7\n', 'x'.repeat(100)), 'pdf'],
    ['台账.xlsx', bytes([0x50, 0x4b, 0x03, 0x04], 'rest'), 'zip'],
    ['旧表格.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'rest'), 'ole'],
    ['照片.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest'), 'image'],
    ['照片.jpg', bytes([0xff, 0xd8, 0xff, 0xe0], 'rest'), 'image'],
    ['动图.gif', bytes('GIF89a', 'rest'), 'image'],
    ['名单.txt', bytes('托育机构名单\r\n第一行\t第二列\n'), 'text'],
    ['没有扩展名', bytes('plain words'), 'text'],
  ])('accepts %s', (name, content, kind) => {
    expect(checkAttachmentType(name, content)).toBe(kind);
  });

  it.each([
    ['名单.pdf', bytes('MZ', [0x90, 0x00, 0x03, 0x00]), 'Windows 可执行程序'],
    ['照片.jpg', bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]), 'Linux 可执行程序'],
    ['说明.txt', bytes('#!/bin/sh\nrm -rf /\n'), '脚本程序'],
    ['安装.exe', bytes('%PDF-1.7\n'), '程序或脚本文件（.exe）'],
    ['启动.BAT', bytes('echo hi\r\n'), '程序或脚本文件（.bat）'],
    ['数据.dat', bytes([0x00, 0x01, 0x02, 0x03, 0x04, 0x05]), '无法识别'],
  ])('refuses %s naming the file', (name, content, reason) => {
    let error: unknown;
    try {
      checkAttachmentType(name, content);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).code).toBe('invalid_input');
    expect((error as LuoshiError).message).toContain(`附件「${name}」`);
    expect((error as LuoshiError).message).toContain(reason);
  });
});

describe('attachments on a report', () => {
  let world: TestWorld;
  let clerk: Actor;
  let taskReport: number;

  beforeEach(async () => {
    world = await createWorld();
    const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
    clerk = world.user('social.clerk', ['clerk'], unitNames.social);
    const roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
    taskReport =
      world.core.workflow.rounds.overview(roundId).rows.find((r) => r.no === 1 && r.kind === 'task')?.reportId ?? 0;
  });
  afterEach(() => world.cleanup());

  it('refuses an .exe renamed .pdf and stores nothing', () => {
    const version = world.core.workflow.reportQueries.get(clerk, taskReport).version;
    const exe = bytes('MZ', [0x90, 0x00], 'This program cannot be run in DOS mode.').toString('base64');
    expect(() =>
      world.core.workflow.reports.addAttachment(clerk, taskReport, version, '托育机构名单.pdf', exe),
    ).toThrow(/附件「托育机构名单\.pdf」的内容是Windows 可执行程序/);
    const after = world.core.workflow.reportQueries.get(clerk, taskReport);
    expect(after.attachments).toEqual([]);
    expect(after.version).toBe(version);
  });

  it('finds a report by the name of its attachment, and not once it is removed', () => {
    const version = world.core.workflow.reportQueries.get(clerk, taskReport).version;
    const pdf = bytes('%PDF-1.7\n', '内容').toString('base64');
    const id = world.core.workflow.reports.addAttachment(clerk, taskReport, version, '普惠托位验收清单.pdf', pdf);
    const hits = world.core.search.query('验收清单', ['report'], 10);
    expect(hits.map((h) => h.refId)).toContain(taskReport);
    const hit = hits.find((h) => h.refId === taskReport);
    expect(`${hit?.before ?? ''}${hit?.match ?? ''}${hit?.after ?? ''}`).toContain('普惠托位验收清单.pdf');

    const current = world.core.workflow.reportQueries.get(clerk, taskReport).version;
    // The index is stale when the report is newer than its document; the test clock stands still otherwise.
    world.clock.advance(1000);
    world.core.workflow.reports.removeAttachment(clerk, taskReport, current, id);
    expect(world.core.search.query('验收清单', ['report'], 10).map((h) => h.refId)).not.toContain(taskReport);
  });
});
