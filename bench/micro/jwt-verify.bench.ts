import { webcrypto } from 'node:crypto';
import { verify } from 'hono/jwt';
import { jwtVerify } from 'jose';
import { DEV_JWT_SECRET, signToken, verifyToken } from '../../reference-server/auth/token.ts';
import { defineSuite } from './micro-suite.ts';

/** The token check every authenticated request runs (reference-server/auth/token.ts), HS256. */
export default defineSuite({
  id: 'jwt-verify',
  title: 'JWT verification (HS256) per request',
  factor: 'per-request token check: HMAC key imported per request vs once, and hono/jwt vs jose with the key imported once',
  async setup() {
    const secret = DEV_JWT_SECRET;
    const token = await signToken({ userId: 17, tenantId: 3, role: 'editor' }, secret);
    const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    const checks = await Promise.all([verify(token, secret, 'HS256'), verify(token, key, 'HS256'), jwtVerify(token, key, { algorithms: ['HS256'] }), verifyToken(token, secret)]);
    if (checks.some((claims) => claims === null || claims === undefined)) throw new Error('a verifier refused the fixture token');
    return [
      // hono/jwt given the secret string imports the HMAC key on every call: what the API did before its profile
      { name: 'hono-key-per-request', fn: () => verify(token, secret, 'HS256'), async: true },
      { name: 'hono-key-once', fn: () => verify(token, key, 'HS256'), async: true },
      { name: 'jose-key-once', fn: () => jwtVerify(token, key, { algorithms: ['HS256'] }), async: true },
      { name: 'app-verify-token', fn: () => verifyToken(token, secret), async: true },
    ];
  },
  pairs: [
    { baseline: 'hono-key-per-request', candidate: 'hono-key-once' },
    { baseline: 'hono-key-once', candidate: 'jose-key-once' },
  ],
});
