/** A learned model larger than one property value is kept in parts, each under the 9 KB limit. */
import { loadModelJson, MODEL_KEY, saveModelJson, splitUtf8 } from '../../src/app/model-store';
import { utf8Length } from '../../src/core/text/utf8';

function memoryStore() {
  const values = new Map<string, string>();
  return {
    values,
    get: (k: string) => values.get(k) ?? null,
    set: (k: string, v: string) => void values.set(k, v),
    delete: (k: string) => void values.delete(k),
  };
}

describe('model store', () => {
  it('splits a large model into parts under 9 KB and reads it back; a small one stays one value', () => {
    const store = memoryStore();
    const big = JSON.stringify({ trees: Array.from({ length: 3000 }, (_, i) => [i, 'Выручка', 0.12345]) });
    saveModelJson(store, big);
    for (const [, v] of store.values) expect(utf8Length(v)).toBeLessThanOrEqual(9 * 1024);
    expect(store.values.size).toBeGreaterThan(3);
    expect(loadModelJson(store)).toBe(big);
    saveModelJson(store, '{"version":2}');
    expect([...store.values.keys()]).toEqual([MODEL_KEY]);
    expect(loadModelJson(store)).toBe('{"version":2}');
  });

  it('never splits inside a character', () => {
    const text = '😀ж'.repeat(5000);
    const parts = splitUtf8(text, 8192);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(utf8Length(p)).toBeLessThanOrEqual(8192);
  });
});
