/** Bulk retention campaigns: the recipient log, the audience, the exactly-once runner, progress. */
export * from './log';
export * from './audience';
export * from './runner';
export * from './progress';
