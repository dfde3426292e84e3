/** ChurnGuard's changes as an append-only log and its latest state (issue 21). */
export * from './change';
export * from './latest';
