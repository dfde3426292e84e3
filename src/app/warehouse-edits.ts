/**
 * The customer card's edits when BigQuery is the customer store (issue 21): each edit is appended
 * to the warehouse's change tables (src/ports/warehouse-changes.ts), never written over a shared
 * cell, so two teammates tagging one customer at once both keep their tag. The card is then read
 * back through the latest-state views.
 */
import { tagKey, type ChangeStamp, type WarehouseChange } from '../core/changes';
import type { CustomerWarehouse } from '../ports/customer-warehouse';
import type { AppContext } from './context';
import { loadSettings } from './settings-store';
import { findInWarehouse } from './warehouse-customer';
import { segmentConfig } from './segments/portfolio';
import { impactOf } from '../core/segments';
import { parseImpact } from '../core/sheet/values';
import type { CrisisImpact } from '../core/customers/customer';
import { UserFacingError } from './errors';

let made = 0;

/**
 * Stamps for `n` changes made now by this user. The id is made here, once, and travels with the
 * rows, so the store's retry of an insert whose answer was lost is counted once by the views.
 */
export function stamps(ctx: AppContext, n: number): ChangeStamp[] {
  const atMs = ctx.clock.now().getTime();
  const author = ctx.session.email() || 'unknown';
  const random = () => Math.floor(Math.random() * 2 ** 48).toString(36);
  return Array.from({ length: n }, () => ({
    changeId: `cg-${atMs.toString(36)}-${random()}${random()}-${(made++).toString(36)}`,
    author,
    atMs,
  }));
}

/** The warehouse when it is the store, else undefined (edits go to the sheet). */
export function editableWarehouse(ctx: AppContext): CustomerWarehouse | undefined {
  return ctx.warehouse?.();
}

/** An impact as the card spells it ("Severe"), '' for none. */
const spelled = (impact: string | undefined) => (impact ? impact[0]!.toUpperCase() + impact.slice(1) : '');

/**
 * The tags card on the warehouse: the customer's current tags and hand-set crisis impact with what
 * the impact rules give (one lookup), and the team's tags to pick from (one grouped query over the
 * current tags view, most used first, TAG_VOCABULARY_LIMIT).
 */
export function warehouseTagsState(ctx: AppContext, warehouse: CustomerWarehouse, email: string) {
  const { settings } = loadSettings(ctx.userStore);
  const found = findInWarehouse(warehouse, { email, name: '' }, settings.mapping);
  const c = found.customers[0];
  const rules = settings.spreadsheetId
    ? segmentConfig(ctx, settings.spreadsheetId, found.sheet.headers).rules
    : [];
  const byRule = c
    ? impactOf({ ...c, impact: undefined }, rules, { today: ctx.clock.now() }).impact
    : undefined;
  return {
    email,
    name: c?.name ?? '',
    current: c?.tags ?? [],
    known: warehouse.tagVocabulary(),
    impact: spelled(c?.impact),
    ...(byRule ? { ruleImpact: spelled(byRule) } : {}),
    sendShown: true,
  };
}

/**
 * The hand-set crisis impact chosen on the tags card, as a change when it differs from what the
 * card showed (`impactWas`); null withdraws ChurnGuard's override, so the rules decide again.
 */
export function impactEdit(
  ctx: AppContext,
  email: string,
  chosen: string,
  shown: string,
): WarehouseChange | undefined {
  if (chosen.trim().toLowerCase() === shown.trim().toLowerCase()) return undefined;
  let value: CrisisImpact | null = null;
  if (chosen.trim()) {
    const parsed = parseImpact(chosen);
    if (!parsed.ok)
      throw new UserFacingError(
        'Tags and impact not saved',
        `"${chosen}" is not a crisis impact: pick Severe, Hit, Stable or Booming, or the impact rules.`,
        'Open the tags again from the customer card.',
      );
    value = parsed.value;
  }
  return { ...stamps(ctx, 1)[0]!, kind: 'field', email, field: 'impact', value };
}

/** A note, appended. */
export function noteChange(ctx: AppContext, email: string, text: string): WarehouseChange {
  return { ...stamps(ctx, 1)[0]!, kind: 'note', email, text };
}

/** The tag changes from the current list to the chosen one (compared folded, as segments compare tags). */
export function tagEdits(
  ctx: AppContext,
  email: string,
  current: readonly string[],
  chosen: readonly string[],
): WarehouseChange[] {
  const have = new Set(current.map(tagKey));
  const want = new Set(chosen.map(tagKey));
  const ops: { tag: string; op: 'add' | 'remove' }[] = [
    ...chosen.filter((t) => !have.has(tagKey(t))).map((tag) => ({ tag, op: 'add' as const })),
    ...current.filter((t) => !want.has(tagKey(t))).map((tag) => ({ tag, op: 'remove' as const })),
  ];
  const all = stamps(ctx, ops.length);
  return ops.map((o, i) => ({ ...all[i]!, kind: 'tag', email, ...o }));
}

/**
 * Churned or saved: the status, the churn date (today's UTC day, as the sheet writes it; cleared
 * by Mark saved) and the note that says who did it, appended together.
 */
export function statusEdits(ctx: AppContext, email: string, status: 'churned' | 'saved'): WarehouseChange[] {
  const [s, d, n] = stamps(ctx, 3);
  const now = ctx.clock.now();
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return [
    { ...s!, kind: 'field', email, field: 'status', value: status === 'churned' ? 'churned' : 'active' },
    { ...d!, kind: 'field', email, field: 'churn_ms', value: status === 'churned' ? day : null },
    {
      ...n!,
      kind: 'note',
      email,
      text: status === 'churned' ? 'Marked as churned' : 'Marked as saved (retained)',
    },
  ];
}
