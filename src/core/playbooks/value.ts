/**
 * Customer value and the value lines the guard rails use. A line is the value at the edge of the
 * top share of active customers, so "top 20% by MRR" means the same thing in a 40-customer book and
 * a 100,000-customer one. Computed over a whole-sheet read and stored, so the sidebar (which reads
 * one row) can apply it without reading the sheet.
 */
import * as z from '../zod';
import type { Customer } from '../customers/customer';
import type { PlaybookSettings } from './settings';

const DAY_MS = 86_400_000;
const MONTH_DAYS = 30.4375;

export function customerValue(
  c: Customer,
  basis: PlaybookSettings['valueBasis'],
  today: Date,
): number | undefined {
  if (c.mrr === undefined) return undefined;
  if (basis === 'mrr') return c.mrr;
  const months =
    c.tenureMonths ??
    (c.startDate ? Math.max(0, (today.getTime() - c.startDate.getTime()) / DAY_MS / MONTH_DAYS) : undefined);
  return months === undefined ? undefined : c.mrr * Math.max(1, months);
}

export const ValueLinesSchema = z.object({
  basis: z.enum(['mrr', 'revenueToDate']),
  /** Smallest value that is in the top `discountTopShare`. */
  discountMin: z.number(),
  reliefMin: z.number(),
  discountTopShare: z.number(),
  reliefTopShare: z.number(),
  /** Active customers with a value the lines were computed from. */
  customers: z.int(),
  computedAt: z.string(),
});

export type ValueLines = z.infer<typeof ValueLinesSchema>;

/** The value at the edge of the top `share` (values sorted descending): ties at the edge are in. */
function lineFor(sortedDesc: readonly number[], share: number): number {
  if (sortedDesc.length === 0) return 0; // guard rails check `customers` first
  const count = Math.max(1, Math.ceil(sortedDesc.length * share));
  return sortedDesc[Math.min(count, sortedDesc.length) - 1]!;
}

export function valueLines(
  customers: readonly Customer[],
  settings: PlaybookSettings,
  today: Date,
): ValueLines {
  const values: number[] = [];
  for (const c of customers) {
    if (c.status === 'churned') continue; // no Status column means every row is a customer
    const v = customerValue(c, settings.valueBasis, today);
    if (v !== undefined && Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => b - a);
  return {
    basis: settings.valueBasis,
    discountMin: lineFor(values, settings.discountTopShare),
    reliefMin: lineFor(values, settings.reliefTopShare),
    discountTopShare: settings.discountTopShare,
    reliefTopShare: settings.reliefTopShare,
    customers: values.length,
    computedAt: today.toISOString(),
  };
}

/** "top 20%" for a share, for reasons a manager reads. */
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** A value or a value line as the rails and reasons quote it: whole, with thousands separators. */
export const valueText = (value: number) => wholeNumber.format(value);

export const topShareText = (share: number) => `top ${Math.round(share * 100)}%`;
