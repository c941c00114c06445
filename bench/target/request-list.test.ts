import { describe, expect, it } from 'vitest';
import { drawRequests } from './draw-requests.ts';
import { parseRequestList, toRequestSpec } from './request-list.ts';

describe('request list', () => {
  it('fills defaults: GET, no headers, weight 1', () => {
    expect(parseRequestList({ requests: [{ path: '/a' }] }, 'l.json')).toEqual({ requests: [{ method: 'GET', path: '/a', headers: {}, weight: 1 }] });
  });

  it.each([
    [{}, 'l.json: requests: '],
    [{ requests: [] }, 'l.json: requests: at least one request'],
    [{ requests: [{ path: 'a' }] }, 'l.json: requests[0].path: '],
    [{ requests: [{ path: '/a', method: 'FETCH' }] }, 'l.json: requests[0].method: '],
    [{ requests: [{ path: '/a', weight: 0 }] }, 'l.json: requests[0].weight: '],
    [{ requests: [{ path: '/a', verb: 'GET' }] }, 'l.json: requests[0]: '],
    [[{ path: '/a' }], 'l.json: the file: '],
  ])('refuses %j in one line naming the field', (json, start) => {
    expect(() => parseRequestList(json, 'l.json')).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(new RegExp(`^${start.replace(/[[\]().]/g, '\\$&')}[^\\n]*$`)) }));
  });

  it('sends a JSON body stringified with its content type, a string body as is', () => {
    const [json, text] = parseRequestList({ requests: [{ method: 'POST', path: '/o', body: { a: 1 } }, { method: 'POST', path: '/t', body: 'x=1', headers: { 'content-type': 'text/plain' } }] }, 'l.json').requests;
    expect(toRequestSpec(json!)).toEqual({ method: 'POST', path: '/o', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(toRequestSpec(text!)).toEqual({ method: 'POST', path: '/t', headers: { 'content-type': 'text/plain' }, body: 'x=1' });
  });

  it('draws by weight, the same sequence for the same seed', () => {
    const list = parseRequestList({ requests: [{ path: '/heavy', weight: 3 }, { path: '/light' }] }, 'l.json');
    const drawn = drawRequests(list, 4000, 7);
    const heavy = drawn.filter((r) => r.path === '/heavy').length;
    expect(heavy / 4000).toBeGreaterThan(0.72);
    expect(heavy / 4000).toBeLessThan(0.78);
    expect(drawRequests(list, 4000, 7)).toEqual(drawn);
    expect(drawRequests(list, 4000, 8)).not.toEqual(drawn);
  });
});
