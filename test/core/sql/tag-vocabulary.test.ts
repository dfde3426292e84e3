/**
 * The tag picker's vocabulary on the warehouse (tag-vocabulary.ts) on DuckDB: most used first,
 * tags that differ only in case or accents offered once, the customer-changed tags included, and
 * never more than a card's selection input holds.
 */
import type { SegmentRecord } from '../../../src/core/segments';
import { TAG_VOCABULARY_LIMIT, tagVocabularyFrom, tagVocabularySql } from '../../../src/core/sql';
import { openLoaded } from '../../helpers/sql-differential';

const record = (i: number, tags: string[]): SegmentRecord => ({
  customer: { row: i + 2, email: `c${i}@acme.example`, tags, status: 'active', unsubscribed: false, raw: {} },
  band: 'Low',
});

describe('tag vocabulary SQL', () => {
  it('most used first, folded once, bounded, and reading the current tags view', async () => {
    const records = Array.from({ length: 160 }, (_, i) =>
      record(i, [
        `rare-${i}`,
        ...(i % 2 === 0 ? ['vip'] : []),
        ...(i % 3 === 0 ? ['VIP'] : []),
        ...(i % 5 === 0 ? ['Café'] : []),
        ...(i % 7 === 0 ? ['cafe'] : []),
      ]),
    );
    const wh = await openLoaded(records);
    try {
      const read = async () => tagVocabularyFrom(await wh.query(tagVocabularySql('customer_tags_current')));
      const tags = await read();
      expect(tags).toHaveLength(TAG_VOCABULARY_LIMIT);
      // vip: 80 + 54 rows, cafe: 32 + 23; one spelling each (the smallest in code-unit order).
      expect(tags.slice(0, 2)).toEqual(['VIP', 'Café']);
      expect(tags.filter((t) => t.toLowerCase() === 'vip')).toHaveLength(1);
      // The rest are used once: alphabetical, so the cut is stable between two openings.
      expect(tags.slice(2, 5)).toEqual(['rare-0', 'rare-1', 'rare-10']);
      expect(tagVocabularyFrom(await wh.query(tagVocabularySql('customer_tags_current', 3)))).toEqual([
        'VIP',
        'Café',
        'rare-0',
      ]);

      // A tag added through the change tables counts like a loaded one.
      await wh.append(
        Array.from({ length: 60 }, (_, i) => ({
          changeId: `vocab-add-${i}`,
          author: 'sofia@acme.example',
          atMs: Date.UTC(2026, 11, 3),
          kind: 'tag' as const,
          email: `c${i}@acme.example`,
          tag: 'renewal-2027',
          op: 'add' as const,
        })),
      );
      expect((await read()).slice(0, 3)).toEqual(['VIP', 'renewal-2027', 'Café']);
    } finally {
      wh.close();
    }
  });
});
