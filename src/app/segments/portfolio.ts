/**
 * Every customer with what segments and campaigns need: the whole sheet in one read, the config
 * tabs from the five-minute cache, each customer's effective crisis impact (override, else the
 * impact rules), risk score and band. One place builds it so the homepage, the segments card,
 * campaigns and the daily scan all see the same impact and the same scores.
 */
import type { CrisisImpact, Customer } from '../../core/customers/customer';
import {
  impactOf,
  readImpactRules,
  readSegments,
  type ImpactRule,
  type SegmentRecord,
} from '../../core/segments';
import type { Segment } from '../../core/segments/segments-tab';
import type { Settings } from '../../core/settings/settings';
import { rawKeys } from '../../core/sheet/read-customers';
import { forgetRawConfig, loadRawConfig, type RawConfig } from '../config';
import type { AppContext } from '../context';
import { riskScorer, type RiskScorer } from '../risk';
import { withWholeSheet, type WholeSheet } from '../whole-sheet';
import { UserFacingError } from '../errors';

export interface SegmentConfig {
  /** The customer tab's column names as merge fields and queries know them. */
  headers: string[];
  rules: ImpactRule[];
  segments: Segment[];
  /** Problems in the Impact rules and Segments tabs, with their cells. */
  issues: string[];
  raw: RawConfig;
}

export function segmentConfig(
  ctx: AppContext,
  spreadsheetId: string,
  sheetHeaders: readonly unknown[],
): SegmentConfig {
  const raw = loadRawConfig(ctx, spreadsheetId);
  const headers = rawKeys(sheetHeaders.map((h) => String(h ?? '').trim()));
  const rules = readImpactRules(raw.impactRules, headers);
  const segments = readSegments(raw.segments, headers);
  return {
    headers,
    rules: rules.rules,
    segments: segments.segments,
    issues: [...rules.issues, ...segments.issues],
    raw,
  };
}

/** The effective impact for a customer under these rules (override first). */
export function impactResolver(
  ctx: AppContext,
  rules: readonly ImpactRule[],
): (c: Customer) => CrisisImpact | undefined {
  const today = ctx.clock.now();
  return (c) => impactOf(c, rules, { today }).impact;
}

export interface Portfolio {
  whole: WholeSheet;
  config: SegmentConfig;
  /** One per customer read, in sheet order, with score and band. */
  records: SegmentRecord[];
  today: Date;
}

/**
 * Each customer with their effective impact, score and band: for a whole read or for one chunk of a
 * chunked job (src/app/jobs/sheet-walk.ts), so both see the same records.
 */
export function segmentRecords(
  ctx: AppContext,
  settings: Settings,
  config: SegmentConfig,
  customers: readonly Customer[],
  timeZone: string,
): SegmentRecord[] {
  const impact = impactResolver(ctx, config.rules);
  // Each customer's impact is worked out once and handed to the scorer, not evaluated twice.
  let current: CrisisImpact | undefined;
  const score = riskScorer(ctx, settings, () => current, timeZone);
  return customers.map((customer): SegmentRecord => {
    current = impact(customer);
    const risk = score(customer);
    return { customer, band: risk.band, score: risk.score, ...(current ? { impact: current } : {}) };
  });
}

/** `fresh`: re-read the Segments and Impact rules tabs instead of the cached copy (the Refresh button). */
export function withPortfolio<T>(ctx: AppContext, use: (p: Portfolio) => T, fresh = false): T {
  return withWholeSheet(ctx, (whole) => {
    if (fresh) forgetRawConfig(ctx, whole.settings.spreadsheetId!);
    const config = segmentConfig(ctx, whole.settings.spreadsheetId!, whole.all.headers);
    const records = segmentRecords(ctx, whole.settings, config, whole.read.customers, whole.all.timeZone);
    return use({ whole, config, records, today: ctx.clock.now() });
  });
}

/** The scorer for a whole-sheet read, with impact from the rules. */
export function wholeSheetScorer(ctx: AppContext, whole: WholeSheet): RiskScorer {
  const config = segmentConfig(ctx, whole.settings.spreadsheetId!, whole.all.headers);
  return riskScorer(ctx, whole.settings, impactResolver(ctx, config.rules), whole.all.timeZone);
}

/** The saved segment a card or action names (ignoring case), or the card that says it is gone. */
export function segmentNamed(config: Pick<SegmentConfig, 'segments'>, name: string): Segment {
  const wanted = name.trim().toLowerCase();
  const segment = config.segments.find((s) => s.name.toLowerCase() === wanted);
  if (!segment)
    throw new UserFacingError(
      'Segment not found',
      `The Segments tab has no segment named "${name}" (or its query has a problem).`,
      'Open Segments again to see the current list and any problems in the tab.',
    );
  return segment;
}

/** The saved segment a card or action names, from a whole-sheet portfolio. */
export function findSegment(p: Portfolio, name: string): Segment {
  return segmentNamed(p.config, name);
}
