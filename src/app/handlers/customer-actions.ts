/**
 * Changing a customer from the sidebar: notes (appended to a Notes tab with author and time), tags,
 * churned / saved, and adding an unknown sender. Every write is batched and goes to the row that holds
 * the customer's email now, found again at write time, since rows move while a card is open.
 */
import { markSnapshotStale } from '../portfolio/stale';
import { NOTES_TAB, STARTER_NOTES_HEADERS } from '../../core/settings/starter-spreadsheet';
import type { ActionResponse } from '../../ui/card/types';
import { noteCard, tagsCard, EDIT_FIELDS } from '../../ui/cards/customer-edit';
import { domainOf, isValidEmail, normaliseEmail } from '../../core/email/address';
import { emailColumnIndex, mapColumns, type CustomerField } from '../../core/sheet/columns';
import { parseImpact, parseTags } from '../../core/sheet/values';
import { impactOf } from '../../core/segments';
import { segmentConfig } from '../segments/portfolio';
import { readCustomers } from '../../core/sheet/read-customers';
import { planWrites, type CellUpdate } from '../../core/sheet/write-plan';
import type { AppContext } from '../context';
import { requireConnected } from '../connected';
import { formValue, type AddonEvent } from '../events';
import { buildCustomerCard, customerCardAfterAction, customerNotFound } from './message';
import { withSheet } from '../sheet-errors';
import { UserFacingError } from '../errors';
import { loadSettings } from '../settings-store';
import {
  editableWarehouse,
  impactEdit,
  refuseWarehouseAdd,
  noteChange,
  statusEdits,
  tagEdits,
  warehouseTagsState,
} from '../warehouse-features';

export { NOTES_TAB };
export const NOTES_HEADERS = STARTER_NOTES_HEADERS;
const MAX_NOTE = 5000;

/** The header a field gets when the sheet has no column for it yet. */
const DEFAULT_HEADERS: Partial<Record<CustomerField, string>> = {
  tags: 'Tags',
  status: 'Status',
  churnDate: 'Churn date',
  name: 'Name',
  company: 'Company',
  startDate: 'Start date',
};

/** The sheet to write to; with the BigQuery store, edits are refused with the reason (connected.ts). */
function connected(ctx: AppContext) {
  return requireConnected(ctx, 'edits from the customer card (tags, status, fields)');
}

/** Writes fields of the customer with this email, adding missing columns; returns the customer's name. */
export function updateCustomer(
  ctx: AppContext,
  email: string,
  fields: Partial<Record<CustomerField, unknown>>,
): string {
  const { settings, sheet } = connected(ctx);
  return withSheet(() => {
    const found = sheet.findByEmail(email, (h) => emailColumnIndex(h, settings.mapping));
    const row = found.rowNumbers[0];
    if (row === undefined) {
      throw customerNotFound(email);
    }
    const columns = mapColumns(found.headers, settings.mapping).columns;
    const missing = (Object.keys(fields) as CustomerField[]).filter((f) => columns[f] === undefined);
    const added = sheet.ensureColumns(
      missing.map((f) => DEFAULT_HEADERS[f] ?? f),
      found.headers,
    );
    const updates: CellUpdate[] = (Object.entries(fields) as [CustomerField, unknown][]).map(
      ([field, value]) => {
        const index = columns[field];
        return {
          row,
          column: index !== undefined ? index + 1 : (added[missing.indexOf(field)] as number),
          value,
        };
      },
    );
    sheet.write(planWrites(updates));
    markSnapshotStale(ctx);
    const customer = readCustomers({
      sheetName: found.sheetName,
      headers: found.headers,
      rows: found.rows.slice(0, 1),
      rowNumbers: [row],
      mapping: settings.mapping,
    }).customers[0];
    return customer?.name ?? email;
  });
}

export function openNote(ctx: AppContext, email: string): ActionResponse {
  const inWarehouse = Boolean(editableWarehouse(ctx));
  return { kind: 'navigate', steps: [{ kind: 'push', card: noteCard({ email, name: '', inWarehouse }) }] };
}

export function saveNote(ctx: AppContext, email: string, event: AddonEvent): ActionResponse {
  const note = formValue(event, EDIT_FIELDS.note);
  if (!note) return { kind: 'notify', notification: 'Write a note first; nothing was saved.' };
  if (note.length > MAX_NOTE)
    return {
      kind: 'notify',
      notification: `Notes hold up to ${MAX_NOTE} characters; this one has ${note.length}. Nothing was saved.`,
    };
  const warehouse = editableWarehouse(ctx);
  if (warehouse) warehouse.appendChanges([noteChange(ctx, email, note)]);
  else {
    const { spreadsheetId } = connected(ctx);
    withSheet(() =>
      ctx
        .appendOnlyTab(spreadsheetId, NOTES_TAB, NOTES_HEADERS)
        .appendRow([ctx.clock.now(), email, ctx.session.email(), note]),
    );
  }
  return {
    kind: 'navigate',
    steps: [{ kind: 'pop' }, { kind: 'update', card: customerCardAfterAction(ctx, email, event) }],
    notification: warehouse ? 'Note saved to the warehouse' : 'Note saved to the Notes tab',
    stateChanged: true,
  };
}

export function openTags(ctx: AppContext, email: string): ActionResponse {
  const warehouse = editableWarehouse(ctx);
  if (warehouse) {
    return {
      kind: 'navigate',
      steps: [{ kind: 'push', card: tagsCard(warehouseTagsState(ctx, warehouse, email)) }],
    };
  }
  const { settings, sheet } = connected(ctx);
  return withSheet(() => {
    const found = sheet.findByEmail(email, (h) => emailColumnIndex(h, settings.mapping));
    const columns = mapColumns(found.headers, settings.mapping).columns;
    const current = columns.tags !== undefined ? parseTags(found.rows[0]?.[columns.tags]) : [];
    // One read of the tags column gives the team's vocabulary to pick from.
    const known = columns.tags !== undefined ? sheet.readColumn(columns.tags + 1).flatMap(parseTags) : [];
    const name = String(columns.name !== undefined ? (found.rows[0]?.[columns.name] ?? '') : '');
    const cell = columns.impact !== undefined ? found.rows[0]?.[columns.impact] : '';
    const parsed = parseImpact(cell);
    const impact = parsed.ok ? parsed.value[0]!.toUpperCase() + parsed.value.slice(1) : '';
    const customer = readCustomers({
      sheetName: found.sheetName,
      headers: found.headers,
      rows: found.rows.slice(0, 1),
      rowNumbers: found.rowNumbers.slice(0, 1),
      mapping: settings.mapping,
    }).customers[0];
    const rules = segmentConfig(ctx, connected(ctx).spreadsheetId, found.headers).rules;
    const byRule = customer
      ? impactOf({ ...customer, impact: undefined }, rules, { today: ctx.clock.now() }).impact
      : undefined;
    const ruleImpact = byRule ? byRule[0]!.toUpperCase() + byRule.slice(1) : undefined;
    return {
      kind: 'navigate',
      steps: [
        {
          kind: 'push',
          card: tagsCard({ email, name, current, known, impact, ...(ruleImpact ? { ruleImpact } : {}) }),
        },
      ],
    };
  });
}

export function saveTags(ctx: AppContext, email: string, event: AddonEvent): ActionResponse {
  const chosen = event.form[EDIT_FIELDS.tags] ?? [];
  const typed = parseTags(formValue(event, EDIT_FIELDS.newTag));
  const tags = [...new Set([...chosen, ...typed].map((t) => t.trim()).filter(Boolean))];
  const impact = formValue(event, EDIT_FIELDS.impact);
  const impactWas = event.parameters.impactWas ?? '';
  // The override is written only when it changed, so saving tags never adds an empty impact column.
  const impactChanged = EDIT_FIELDS.impact in event.form && impact.toLowerCase() !== impactWas.toLowerCase();
  const warehouse = editableWarehouse(ctx);
  if (warehouse) {
    // Only the difference from what the card showed is appended: a teammate's tag added since is
    // neither removed nor re-added by this save. The impact is one change, and only when it changed.
    const hand = impactChanged ? impactEdit(ctx, email, impact, impactWas) : undefined;
    warehouse.appendChanges([...tagEdits(ctx, email, shownTags(event), tags), ...(hand ? [hand] : [])]);
  } else updateCustomer(ctx, email, { tags: tags.join(', '), ...(impactChanged ? { impact } : {}) });
  return {
    kind: 'navigate',
    steps: [{ kind: 'pop' }, { kind: 'update', card: customerCardAfterAction(ctx, email, event) }],
    notification:
      (tags.length ? `Tags saved: ${tags.join(', ')}` : 'All tags removed') +
      (impactChanged
        ? impact
          ? `; crisis impact set to ${impact} by hand`
          : '; crisis impact back to the rules'
        : ''),
    stateChanged: true,
  };
}

/** The tags the tags card showed (its tagsWas parameter), or an error naming what is wrong. */
function shownTags(event: AddonEvent): string[] {
  const raw = event.parameters.tagsWas;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? '');
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string'))
    throw new UserFacingError(
      'Tags not saved',
      'This tags card did not say which tags it showed, so a change could undo a teammate’s.',
      'Open the tags again from the customer card.',
    );
  return parsed as string[];
}

export function markStatus(
  ctx: AppContext,
  email: string,
  status: 'churned' | 'saved',
  event: AddonEvent,
): ActionResponse {
  const warehouse = editableWarehouse(ctx);
  if (warehouse) {
    warehouse.appendChanges(statusEdits(ctx, email, status));
    return {
      kind: 'navigate',
      steps: [{ kind: 'update', card: customerCardAfterAction(ctx, email, event) }],
      notification: status === 'churned' ? 'Marked as churned, with today’s date' : 'Marked as saved',
      stateChanged: true,
    };
  }
  const today = ctx.clock.now();
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  updateCustomer(
    ctx,
    email,
    status === 'churned' ? { status: 'Churned', churnDate: day } : { status: 'Active', churnDate: '' },
  );
  const { spreadsheetId } = connected(ctx);
  withSheet(() =>
    ctx
      .appendOnlyTab(spreadsheetId, NOTES_TAB, NOTES_HEADERS)
      .appendRow([
        today,
        email,
        ctx.session.email(),
        status === 'churned' ? 'Marked as churned' : 'Marked as saved (retained)',
      ]),
  );
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: customerCardAfterAction(ctx, email, event) }],
    notification: status === 'churned' ? 'Marked as churned, with today’s date' : 'Marked as saved',
    stateChanged: true,
  };
}

/** Adds an unknown sender to the sheet with what the email tells: address, name, company domain. */
export function addCustomer(ctx: AppContext, email: string, name: string): ActionResponse {
  const address = normaliseEmail(email);
  if (!isValidEmail(address))
    return { kind: 'notify', notification: `"${email}" is not an email address; nothing was added.` };
  if (editableWarehouse(ctx)) refuseWarehouseAdd(loadSettings(ctx.userStore).settings, address);
  const { settings, sheet } = connected(ctx);
  return withSheet(() => {
    const existing = sheet.findByEmail(address, (h) => emailColumnIndex(h, settings.mapping));
    if (existing.rows.length > 0) {
      return {
        kind: 'navigate',
        steps: [{ kind: 'update', card: buildCustomerCard(ctx, address) }],
        notification: `${address} is already in the sheet`,
      };
    }
    const columns = mapColumns(existing.headers, settings.mapping).columns;
    const row: unknown[] = existing.headers.map(() => '');
    const put = (field: CustomerField, value: unknown) => {
      const i = columns[field];
      if (i !== undefined) row[i] = value;
    };
    put('email', address);
    put('name', name);
    put('company', domainOf(address).split('.')[0] ?? '');
    put('status', 'Active');
    put(
      'startDate',
      new Date(
        Date.UTC(
          ctx.clock.now().getUTCFullYear(),
          ctx.clock.now().getUTCMonth(),
          ctx.clock.now().getUTCDate(),
        ),
      ),
    );
    sheet.appendRow(row);
    markSnapshotStale(ctx);
    return {
      kind: 'navigate',
      steps: [{ kind: 'update', card: buildCustomerCard(ctx, address) }],
      notification: `Added ${address} to the sheet`,
      stateChanged: true,
    };
  });
}
