import { isDeepStrictEqual } from 'node:util';
import { Packr } from 'msgpackr';
import { defineSuite } from './micro-suite.ts';
import { productDetail } from './micro-inputs.ts';

/** What product-detail-cache pays per hit (decode) and per miss (encode) to keep its value in Redis. */
export default defineSuite({
  id: 'cache-encoding',
  title: 'Cache value encoding: a product-detail entry, JSON vs MessagePack',
  factor: 'encoding of the cached value: JSON text (what reference-server/cache does) vs msgpackr binary',
  async setup() {
    const detail = productDetail();
    // plain MessagePack (no record extension): any reader of the cache can decode it
    const packr = new Packr({ useRecords: false });
    const json = JSON.stringify(detail);
    const packed = packr.pack(detail);
    if (!isDeepStrictEqual(packr.unpack(packed), JSON.parse(json))) throw new Error('msgpackr round trip differs from JSON');
    return [
      { name: 'json-encode', fn: () => JSON.stringify(detail) },
      { name: 'msgpack-encode', fn: () => packr.pack(detail) },
      { name: 'json-decode', fn: () => JSON.parse(json) },
      { name: 'msgpack-decode', fn: () => packr.unpack(packed) },
    ];
  },
  pairs: [
    { baseline: 'json-encode', candidate: 'msgpack-encode' },
    { baseline: 'json-decode', candidate: 'msgpack-decode' },
  ],
});
