import { newestWithin } from '../../../src/core/text/byte-budget';
import { utf8Length } from '../../../src/core/text/utf8';

describe('utf8Length', () => {
  it.each(['', 'abc', 'Ølsen', 'отмена подписки', 'İptal', '😀 emoji', 'x'.repeat(5000)])(
    'matches Node for %j',
    (text) => expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8')),
  );
});

describe('newestWithin', () => {
  it('keeps the newest items whose JSON fits, and the JSON really fits', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, phrase: 'отмена подписки '.repeat(3) }));
    for (const budget of [2, 50, 1000, 8192]) {
      const kept = newestWithin(items, budget);
      expect(Buffer.byteLength(JSON.stringify(kept))).toBeLessThanOrEqual(budget);
      if (kept.length) expect(kept[kept.length - 1]).toBe(items[items.length - 1]);
      const oneMore = items.slice(items.length - kept.length - 1);
      expect(Buffer.byteLength(JSON.stringify(oneMore))).toBeGreaterThan(budget);
    }
  });
});
