import { decodeCursor, encodeCursor } from '../../reference-server/lib/cursor.ts';
import { defineSuite } from './micro-suite.ts';
import { orderPage } from './micro-inputs.ts';

/** A baseline figure, no pair: what the keyset cursor of every list page costs to write and to check. */
export default defineSuite({
  id: 'cursor',
  title: 'Keyset cursor encode / decode (reference-server/lib/cursor.ts)',
  factor: 'none: a baseline figure for the cursor every paged request writes and checks',
  async setup() {
    const last = orderPage().items.at(-1)!;
    const key = { createdAt: last.createdAt, id: last.id };
    const cursor = encodeCursor(key);
    if (decodeCursor(cursor)?.id !== key.id) throw new Error('cursor round trip lost the key');
    return [
      { name: 'encode', fn: () => encodeCursor(key) },
      { name: 'decode', fn: () => decodeCursor(cursor) },
    ];
  },
  pairs: [],
});
