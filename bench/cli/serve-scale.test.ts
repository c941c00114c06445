import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve.ts';

const args = (scale: string) => ({ port: '0', host: '127.0.0.1', scale, 'pool-max': '32', 'allow-remote': false });

describe('perflab serve --scale', () => {
  it('accepts every scale the seeder knows, large included', () => {
    for (const scale of ['tiny', 'default', 'large']) expect(parseServeArgs(args(scale)).scale).toBe(scale);
  });

  it('refuses an unknown one in the common style', () => {
    expect(() => parseServeArgs(args('huge'))).toThrow("--scale must be one of tiny, default, large, got 'huge'");
  });
});
