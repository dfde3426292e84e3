/** The language each customer last wrote in, kept in one user property within its 9 KB. */
import { learnedLanguages, learnedLanguagesKey, learnLanguage } from '../../src/app/learned-languages';
import { PROPERTY_LIST_BUDGET_BYTES } from '../../src/core/text/byte-budget';
import type { KeyValueStore } from '../../src/ports/key-value-store';

function memoryStore(): KeyValueStore & { writes: number; values: Map<string, string> } {
  const values = new Map<string, string>();
  const store = {
    values,
    writes: 0,
    get: (k: string) => values.get(k) ?? null,
    set: (k: string, v: string) => {
      store.writes++;
      values.set(k, v);
    },
    delete: (k: string) => void values.delete(k),
  };
  return store;
}

describe('learned languages', () => {
  it('remembers the newest language per customer, per spreadsheet, ignoring "unknown"', () => {
    const store = memoryStore();
    learnLanguage(store, 'ss1', 'Dana@Almaty.example', 'kk');
    learnLanguage(store, 'ss1', 'ivan@volga.example', 'ru');
    learnLanguage(store, 'ss1', 'dana@almaty.example', 'ru');
    learnLanguage(store, 'ss1', 'x@y.example', 'unknown');
    const lookup = learnedLanguages(store, 'ss1');
    expect(lookup('DANA@almaty.example')).toBe('ru');
    expect(lookup('ivan@volga.example')).toBe('ru');
    expect(lookup('x@y.example')).toBeUndefined();
    expect(learnedLanguages(store, 'ss2')('ivan@volga.example')).toBeUndefined();
  });

  it('writes nothing when the newest entry already says it', () => {
    const store = memoryStore();
    learnLanguage(store, 'ss1', 'a@x.example', 'tr');
    learnLanguage(store, 'ss1', 'a@x.example', 'tr');
    expect(store.writes).toBe(1);
  });

  it('stays within the property budget, dropping the oldest, and survives a broken value', () => {
    const store = memoryStore();
    for (let i = 0; i < 1_000; i++)
      learnLanguage(store, 'ss1', `customer-${i}@a-long-company-name.example`, 'kk');
    const value = store.values.get(learnedLanguagesKey('ss1'))!;
    expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(PROPERTY_LIST_BUDGET_BYTES);
    const lookup = learnedLanguages(store, 'ss1');
    expect(lookup('customer-999@a-long-company-name.example')).toBe('kk');
    expect(lookup('customer-0@a-long-company-name.example')).toBeUndefined();
    store.values.set(learnedLanguagesKey('ss1'), '{not json');
    expect(learnedLanguages(store, 'ss1')('customer-999@a-long-company-name.example')).toBeUndefined();
    learnLanguage(store, 'ss1', 'b@x.example', 'tr');
    expect(learnedLanguages(store, 'ss1')('b@x.example')).toBe('tr');
  });
});
