/**
 * The value lines (who is in the top 20% by MRR, …) need every customer, which only whole-sheet
 * work sees (the chunked portfolio job, the daily scan). They store the lines in the user's properties, a few
 * hundred bytes, so the sidebar, which reads one row, can apply the guard rails without reading more.
 */
import type { Customer } from '../core/customers/customer';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../core/playbooks/settings';
import { valueLines, ValueLinesSchema, type ValueLines } from '../core/playbooks/value';
import type { Settings } from '../core/settings/settings';
import type { AppContext } from './context';

export const VALUE_LINES_KEY = 'churnguard.valueLines';

export function rememberValueLines(
  ctx: AppContext,
  settings: Settings,
  customers: readonly Customer[],
): ValueLines {
  return storeValueLines(
    ctx,
    valueLines(customers, settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS, ctx.clock.now()),
  );
}

/** Stores lines computed elsewhere (the chunked portfolio job computes them from a sketch). */
export function storeValueLines(ctx: AppContext, lines: ValueLines): ValueLines {
  const before = ctx.userStore.get(VALUE_LINES_KEY);
  let same: boolean;
  try {
    const b = before ? ValueLinesSchema.parse(JSON.parse(before)) : undefined;
    // Properties writes have a daily quota: write only when a line (or what it was computed with) moved.
    same =
      !!b &&
      b.basis === lines.basis &&
      b.discountTopShare === lines.discountTopShare &&
      b.reliefTopShare === lines.reliefTopShare &&
      b.discountMin === lines.discountMin &&
      b.reliefMin === lines.reliefMin &&
      b.customers === lines.customers;
  } catch {
    same = false;
  }
  if (!same) ctx.userStore.set(VALUE_LINES_KEY, JSON.stringify(lines));
  return lines;
}

/**
 * The stored lines, if they were computed with the current settings (a changed share or basis makes
 * them stale, and a guard rail then says so rather than using the wrong line).
 */
export function storedValueLines(ctx: AppContext, settings: Settings): ValueLines | undefined {
  const raw = ctx.userStore.get(VALUE_LINES_KEY);
  if (!raw) return undefined;
  let parsed: ValueLines;
  try {
    parsed = ValueLinesSchema.parse(JSON.parse(raw));
  } catch {
    return undefined;
  }
  const wanted = settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS;
  const current =
    parsed.basis === wanted.valueBasis &&
    parsed.discountTopShare === wanted.discountTopShare &&
    parsed.reliefTopShare === wanted.reliefTopShare;
  return current ? parsed : undefined;
}
