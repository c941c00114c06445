import { describe, expect, it } from 'vitest';
import { assertLoadTarget } from './local-target.ts';

describe('assertLoadTarget', () => {
  it('refuses a non-loopback target without --allow-remote, naming the flag', () => {
    expect(() => assertLoadTarget('http://10.0.0.1', false)).toThrow(/not a loopback address; pass --allow-remote/);
  });
  it('accepts it with --allow-remote', () => {
    expect(assertLoadTarget('http://10.0.0.1:8080', true).port).toBe('8080');
  });
  it('rejects what is not an http URL', () => {
    expect(() => assertLoadTarget('10.0.0.1:3000', false)).toThrow(/must be a URL|must be http/);
    expect(() => assertLoadTarget('ftp://127.0.0.1', false)).toThrow(/must be http/);
    expect(() => assertLoadTarget('not a url', false)).toThrow("--target must be a URL such as http://127.0.0.1:3000, got 'not a url'");
  });
});
