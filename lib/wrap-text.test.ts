import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap-text.ts';

describe('wrapText', () => {
  it('wraps at the width under a hanging indent, without trailing spaces', () => {
    expect(wrapText('aaa bbb ccc ddd', 9, '  ', '- ')).toEqual(['- aaa bbb', '  ccc ddd']);
  });

  it('cuts a word longer than a line so no line exceeds the width', () => {
    const lines = wrapText('x'.repeat(25), 10, '  ');
    expect(lines.every((line) => line.length <= 10)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe('x'.repeat(25));
  });

  it('keeps the prefix of an empty text', () => {
    expect(wrapText('', 20, '    ', '  --json  ')).toEqual(['  --json']);
  });
});
