import { describe, expect, it } from 'vitest';
import { assertLoadTarget, isLoopbackHost } from './local-target.ts';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'api.localhost', '[::1]', '::1'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['10.0.0.1', '192.168.1.10', '0.0.0.0', 'example.com', '::', '128.0.0.1', 'localhost.example.com'])('refuses %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('assertLoadTarget', () => {
  it('refuses a non-loopback target without --allow-remote, naming the flag', () => {
    expect(() => assertLoadTarget('http://10.0.0.1', false)).toThrow(/not a loopback address; pass --allow-remote/);
  });
  it('accepts it with --allow-remote', () => {
    expect(assertLoadTarget('http://10.0.0.1:8080', true).port).toBe('8080');
  });
  it('rejects what is not an http URL', () => {
    expect(() => assertLoadTarget('10.0.0.1:3000', false)).toThrow(/not a URL|must be http/);
    expect(() => assertLoadTarget('ftp://127.0.0.1', false)).toThrow(/must be http/);
  });
});
