import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAppUrl } from '../../../src/main/electron/security';

describe('isAppUrl', () => {
  it.each([
    ['luoshi://app/index.html', true],
    ['luoshi://app/#/plan', true],
    ['luoshi://evil/index.html', false],
    ['luoshi://user:pw@app/index.html', false],
    ['file:///etc/passwd', false],
    ['https://app/', false],
    ['http://localhost:5173.evil.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('accepts the dev server origin only when one is given', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it.each([
    ['https://www.gov.cn/', 'https://www.gov.cn/'],
    ['http://example.com/a?b=1', 'http://example.com/a?b=1'],
    ['file:///C:/Windows/system32/calc.exe', null],
    ['javascript:alert(1)', null],
    ['smb://server/share', null],
    ['https://user:pass@example.com/', null],
    ['::::', null],
  ])('%s → %s', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });
});
