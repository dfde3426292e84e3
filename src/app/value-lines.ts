/**
 * The value lines (who is in the top 20% by MRR, …) need every customer, which only whole-sheet
 * reads see (homepage, rescore, segments). They store the lines in the user's properties, a few
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
  const lines = valueLines(customers, settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS, ctx.clock.now());
  const before = storedValueLines(ctx, settings);
  // Properties writes have a daily quota: write only when a line moved.
  const same =
    before &&
    before.discountMin === lines.discountMin &&
    before.reliefMin === lines.reliefMin &&
    before.customers === lines.customers;
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
