import { describe, expect, it } from 'vitest';
import { reportContentSchema, wellFormed } from '../../../src/shared/domain/reports';

describe('report text', () => {
  it('replaces lone surrogates with one replacement character and keeps pairs', () => {
    expect(wellFormed('a\uD800b')).toBe('a\uFFFDb');
    expect(wellFormed('\uDC00x')).toBe('\uFFFDx');
    expect(wellFormed('𠮷😀儿童')).toBe('𠮷😀儿童');
    expect(wellFormed('end\uD83D')).toBe('end\uFFFD');
  });

  it('cleans the narrative fields as they are parsed', () => {
    const parsed = reportContentSchema.parse({
      progress: '进展\uD800',
      problems: '',
      nextSteps: '',
      completed: false,
      indicatorValues: [],
    });
    expect(parsed.progress).toBe('进展\uFFFD');
  });
});
