/** Watching the portfolio: score history, danger-zone events, alerts, digests and campaign uplift. */
export * from './history';
export * from './events';
export * from './alerts';
export * from './digest';
export * from './uplift';
