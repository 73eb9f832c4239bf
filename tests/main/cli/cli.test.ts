import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cliRunner';

describe('luoshi command line', () => {
  it('lists its commands in Chinese with --help', async () => {
    const { code, out } = await runCliCaptured(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('用法：luoshi <命令>');
    expect(out).toMatch(/serve\s+浏览器模式/);
    expect(out).toMatch(/version\s+显示版本号/);
  });

  it('exits non-zero without a command', async () => {
    expect((await runCliCaptured([])).code).toBe(1);
  });

  it('names an unknown command on stderr and exits 2', async () => {
    const { code, err } = await runCliCaptured(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toContain('未知命令「frobnicate」');
  });

  it('prints the version', async () => {
    const { code, out } = await runCliCaptured(['version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^落实通 Luoshi \d+\.\d+\.\d+（数据库结构版本 \d+）$/);
  });

  it('explains a bad option of serve instead of starting', async () => {
    const port = await runCliCaptured(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.err).toContain('端口「eighty」无效');
    const flag = await runCliCaptured(['serve', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('serve');
    expect(flag.err).toContain('--bogus');
  });

  it('shows a command’s usage with --help', async () => {
    const { code, out } = await runCliCaptured(['serve', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('用法：luoshi serve');
  });
});
