/**
 * What the customer card's edit screens read from a warehouse store besides the customer row
 * (issue 21): the team's tag vocabulary for the tag picker. One bounded query each.
 */
export interface WarehouseCardReads {
  /** The team's tags, most used first, at most `limit` (one grouped query over the current tags). */
  tagVocabulary(limit?: number): string[];
}
