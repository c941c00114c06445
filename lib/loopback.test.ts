import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.ts';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'api.localhost', '[::1]', '::1', 'LOCALHOST'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['10.0.0.1', '192.168.1.10', '0.0.0.0', 'example.com', '::', '128.0.0.1', 'localhost.example.com'])('refuses %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
