/**
 * The team's tags for the customer card's tag picker on the warehouse (issue 21): one grouped read
 * of the current tags view, most used first, a bounded number of rows, so the card costs one query
 * however many customers there are. Tags are grouped by their folded text (`tag__text`), as the
 * segments and the tag changes compare them, so "VIP" and "vip" are offered once.
 */
import { identifier, TAG_COLUMN } from './schema';
import type { SqlQuery } from './params';

/**
 * A card's selection input supports up to 100 items (Google Workspace cards, SelectionInput
 * `items`: "Supports up to 100 items"), and the tags card shows the customer's own tags beside them.
 */
export const TAG_VOCABULARY_LIMIT = 100;

export function tagVocabularySql(tagsTable: string, limit = TAG_VOCABULARY_LIMIT): SqlQuery {
  const text = `t.${identifier(`${TAG_COLUMN}__text`)}`;
  const raw = `t.${identifier(`${TAG_COLUMN}__raw`)}`;
  const n = Math.max(1, Math.min(TAG_VOCABULARY_LIMIT, Math.trunc(limit)));
  return {
    // MIN picks one spelling per folded tag the same way on BigQuery and DuckDB (code-unit order).
    // The empty group is dropped after grouping (HAVING): a WHERE is pushed into the view's NOT
    // EXISTS and made DuckDB plan it row by row (9 s instead of 0.1 s at 10k customers).
    sql:
      `SELECT MIN(${raw}) AS tag, COUNT(*) AS uses FROM ${identifier(tagsTable)} AS t ` +
      `GROUP BY ${text} HAVING MIN(${raw}) IS NOT NULL ORDER BY uses DESC, tag ASC LIMIT ${n}`,
    params: [],
  };
}

/** The vocabulary's rows as tags, in the query's order. */
export function tagVocabularyFrom(rows: readonly Record<string, unknown>[]): string[] {
  return rows.flatMap((r) => (typeof r.tag === 'string' && r.tag.trim() ? [r.tag] : []));
}
