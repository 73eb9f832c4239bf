import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LuoshiError } from '../../../src/shared/errors';
import { defaultUnitDirectory, parsePlanSource, parsePlanText } from '../../../src/main/core/importer';

async function failure(fileName: string, bytes: Uint8Array): Promise<LuoshiError> {
  try {
    await parsePlanSource({ fileName, bytes }, defaultUnitDirectory());
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

function expectChineseMessageNaming(error: LuoshiError, fileName: string): void {
  expect(error.code).toBe('invalid_input');
  expect(error.message).toContain(`“${fileName}”`);
  expect(error.message).toMatch(/[\u4e00-\u9fa5]{4,}/);
}

describe('bad input is refused with a message naming the file', () => {
  it('an empty file', async () => {
    const error = await failure('空白.txt', new Uint8Array());
    expectChineseMessageNaming(error, '空白.txt');
    expect(error.message).toContain('空文件');
  });

  it('a binary file', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 37 + 11) % 256);
    const error = await failure('照片.jpg', bytes);
    expectChineseMessageNaming(error, '照片.jpg');
    expect(error.message).toContain('不是文本文件');
  });

  it('binary bytes without NULs decode to noise and are refused too', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => 1 + ((i * 131 + 7) % 31));
    expectChineseMessageNaming(await failure('data.bin', bytes), 'data.bin');
  });

  it('a 20 MB file (limit 10 MB)', async () => {
    const error = await failure('大文件.txt', new Uint8Array(20 * 1024 * 1024).fill(0x41));
    expectChineseMessageNaming(error, '大文件.txt');
    expect(error.message).toContain('20.0 MB');
    expect(error.message).toContain('10 MB');
  });

  it('a broken .docx', async () => {
    const error = await failure('方案.docx', new TextEncoder().encode('这不是 Word 文件'));
    expectChineseMessageNaming(error, '方案.docx');
  });

  it('an old .doc and a PDF', async () => {
    expectChineseMessageNaming(
      await failure('方案.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2])),
      '方案.doc',
    );
    expectChineseMessageNaming(await failure('方案.pdf', new TextEncoder().encode('%PDF-1.7\n…')), '方案.pdf');
  });

  it('text without a tasks part', async () => {
    const error = await failure('通知.txt', new TextEncoder().encode('关于召开会议的通知\n\n请各单位准时参加。\n'));
    expectChineseMessageNaming(error, '通知.txt');
    expect(error.message).toContain('任务');
  });

  it('a tasks part without any task', () => {
    const text = '一、总体要求\n\n做好工作。\n\n二、主要任务\n\n\n三、保障措施\n\n加强领导。';
    expect(() => parsePlanText(text, [], '空任务.txt')).toThrow(/“空任务\.txt”.*没有可识别的任务/);
  });

  it('whitespace only', () => {
    expect(() => parsePlanText(' \n\n\t\n', [], '空白.txt')).toThrow(LuoshiError);
  });
});

describe('robustness', () => {
  const pieces = fc.constantFrom(
    '一、总体要求',
    '四、建设任务',
    '五、保障措施',
    '（一）加强领导',
    '(二)',
    '1. 建设儿童之家',
    '2．',
    '12、',
    '牵头单位：',
    '责任单位:',
    '区社会事业局',
    '区党群工作部（工会、妇联）',
    '（',
    '）',
    '、',
    '，',
    '。',
    '\n',
    '\n\n',
    '\r\n',
    '到 2025 年，',
    '达到',
    '不少于',
    '100%',
    '0.8—1块',
    '由19000元提高至25000元',
    '以2020年为基数下降20%',
    '分别',
    '和',
    '的',
    '（海关总署、商务部负责）',
    '（生态环境部牵头，财政部参与）',
    '郑经管政〔2023〕32号',
    '《规划（2021—2025年）》',
    '\u3000',
    '２０２５',
  );
  const text = fc
    .array(fc.oneof(pieces, fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 })), {
      maxLength: 60,
    })
    .map((a) => a.join(''));

  it('random text gives a plan or a LuoshiError, never a crash', () => {
    fc.assert(
      fc.property(text, (input) => {
        try {
          const { plan } = parsePlanText(input, defaultUnitDirectory(), 'random.txt');
          expect(plan.tasks.length).toBeGreaterThan(0);
          for (const task of plan.tasks) for (const t of task.targets) expect(Number.isFinite(t.value)).toBe(true);
        } catch (error) {
          if (!(error instanceof LuoshiError)) throw error;
          expect(error.code).toBe('invalid_input');
        }
      }),
      { numRuns: 400 },
    );
  });
});
