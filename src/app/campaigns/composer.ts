/**
 * The real composer: each recipient's email merged from the campaign's template and their current
 * row. A run reads the customer tab's Email column once (100k cells, not 2.4M) to learn where each
 * address is, then only the rows it sends to, one small read each, next to a send that takes far
 * longer. Nothing is captured at Start: the email says what the row says when it goes, as before.
 * A run with nothing to send reads nothing. A recipient who left the sheet, or whose row now has a
 * blank the template needs, fails with that reason (in the Campaigns tab) rather than getting a
 * broken email.
 */
import type { Customer } from '../../core/customers/customer';
import type { Composed } from '../../core/campaigns/runner';
import { normaliseEmail } from '../../core/email/address';
import { emailColumnIndex } from '../../core/sheet/columns';
import { parseEmail } from '../../core/sheet/values';
import { readCustomers } from '../../core/sheet/read-customers';
import type { Settings } from '../../core/settings/settings';
import { findTemplate, mergeTemplate } from '../../core/templates';
import type { CustomerSheet } from '../../ports/customer-sheet';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { loadTeamConfig, mergeContextFor } from '../retention-reply';
import type { ComposerFactory } from './run';
import { parseLanguage } from '../../core/templates/languages';
import { chooseVariant } from '../../core/templates/variants';
import { variantPicker } from './variant-picker';
import { unsubscribeLanguage } from '../../core/unsubscribe/language';
import { withUnsubscribeFooter } from '../../core/unsubscribe/footer';
import { pendingEmails } from '../unsubscribe/pending-store';
import { unsubscribeLinks } from '../unsubscribe/links';
import type { LoggedRecipient } from '../../core/campaigns/log';
import { rowsPerChunk } from '../jobs/sheet-walk';

/** Why a recipient is no longer emailed although the audience had them. */
export const UNSUBSCRIBED_SINCE_AUDIENCE = 'Unsubscribed since the audience was written';
export const UNSUBSCRIBE_CLICKED = 'Unsubscribed with the link in an earlier email';

/** Where each address sits now: one read of the Email column. */
function rowsByEmail(sheet: CustomerSheet, settings: Settings): Map<string, number> {
  const column = emailColumnIndex(sheet.readHeaders(), settings.mapping);
  const rows = new Map<string, number>();
  if (column < 0) return rows;
  sheet.readColumn(column + 1).forEach((cell, i) => {
    const parsed = parseEmail(cell);
    if (!parsed.ok) return;
    const email = normaliseEmail(parsed.value.email);
    if (!rows.has(email)) rows.set(email, i + 2);
  });
  return rows;
}

/** The customer on `row` if it still holds `email` (a sort since the column read moves rows), else a search. */
function customerAt(
  sheet: CustomerSheet,
  settings: Settings,
  row: number | undefined,
  email: string,
): { customer: Customer; sheet: { locale: string; timeZone: string } } | null {
  const parse = (rows: ReturnType<CustomerSheet['readRows']>) => {
    const read = readCustomers({ ...rows, mapping: settings.mapping });
    const customer = read.customers.find((c) => normaliseEmail(c.email) === email);
    return customer ? { customer, sheet: rows } : null;
  };
  const atRow = row !== undefined ? parse(sheet.readRows(row, 1)) : null;
  return atRow ?? parse(sheet.findByEmail(email, (h) => emailColumnIndex(h, settings.mapping)));
}

/** A recipient's customer as the store holds them now, with the locale and time zone their cells are read in. */
export type Located = { customer: Customer; sheet: { locale: string; timeZone: string } } | null;

/**
 * Finds a normalised address's customer as the store holds them now. `prepare`, when the store has
 * it, reads a whole batch's customers at once before a batched send composes them.
 */
export type Locator = ((email: string) => Located) & { prepare?: (emails: readonly string[]) => void };

/**
 * Cells one read of a batch's rows may span: recipients whose rows lie this close together share a
 * read (~60 ms modelled) instead of one read each; scattered ones still get their own.
 */
const BATCH_READ_CELLS = 6_000;

/** The customers of `emails` found on their rows, read in as few spans as BATCH_READ_CELLS allows. */
function readBatch(
  sheet: CustomerSheet,
  settings: Settings,
  where: Map<string, number>,
  emails: readonly string[],
): Map<string, NonNullable<Located>> {
  const found = new Map<string, NonNullable<Located>>();
  const wanted = new Set(emails);
  const rows = [...new Set(emails.map((e) => where.get(e)).filter((r): r is number => r !== undefined))];
  rows.sort((a, b) => a - b);
  const span = rowsPerChunk(sheet.readHeaders().length, BATCH_READ_CELLS);
  for (let i = 0; i < rows.length;) {
    const first = rows[i]!;
    let j = i;
    while (j + 1 < rows.length && rows[j + 1]! - first < span) j++;
    const read = sheet.readRows(first, rows[j]! - first + 1);
    for (const customer of readCustomers({ ...read, mapping: settings.mapping }).customers) {
      const email = normaliseEmail(customer.email);
      if (wanted.has(email) && !found.has(email)) found.set(email, { customer, sheet: read });
    }
    i = j + 1;
  }
  return found;
}

export const sheetComposer: ComposerFactory = (ctx: AppContext, meta) =>
  composerOver(ctx, meta, () => {
    const { settings } = loadSettings(ctx.userStore);
    const sheet = ctx.customerSheet(meta.spreadsheetId, settings.customerSheet);
    const where = rowsByEmail(sheet, settings);
    /** Set by `prepare` for the batch about to be composed: its rows, read in a few spans. */
    let batch: Map<string, NonNullable<Located>> | null = null;
    const find = (wanted: string): Located =>
      batch?.get(wanted) ??
      (where.has(wanted) ? customerAt(sheet, settings, where.get(wanted), wanted) : null);
    return Object.assign(find, {
      prepare: (emails: readonly string[]) => {
        batch = readBatch(sheet, settings, where, emails);
      },
    });
  });

/**
 * The merge every store shares: template (the guard rail's alternative), unsubscribes, the language
 * recorded at audience time, blanks, footer. `locate` is built at the first recipient (one read per
 * run) and finds a normalised address's customer as the store holds them now.
 */
export function composerOver(
  ctx: AppContext,
  meta: Parameters<ComposerFactory>[1],
  locate: () => Locator,
): ReturnType<ComposerFactory> {
  let compose: ((email: string, template?: string, language?: string) => Composed) | null = null;
  let find: Locator | null = null;
  /** The unsubscribes read once for the batch about to be composed (`prepare`). */
  let pendingForBatch: Set<string> | null = null;
  const load = (): ((email: string, template?: string, language?: string) => Composed) => {
    const locator = locate();
    find = locator;
    const config = loadTeamConfig(ctx, meta.spreadsheetId);
    const found = findTemplate(config, meta.template);
    const linkFor = unsubscribeLinks(ctx.unsubscribe, ctx.locks, meta.spreadsheetId);
    // A recipient a guard rail moved to the playbook's alternative gets that template (the log's Template column).
    const others = new Map<string, ReturnType<typeof findTemplate>>();
    const templateFor = (name?: string) => {
      if (!name || name === meta.template) return found;
      if (!others.has(name)) others.set(name, findTemplate(config, name));
      return others.get(name)!;
    };
    const pick = variantPicker(ctx, meta.spreadsheetId, config.team.defaultLanguage);
    return (email, templateName, language) => {
      const found = templateFor(templateName);
      if (!found.ok) return { ok: false, reason: found.reason };
      const wanted = normaliseEmail(email);
      // Read before every send (one property read): a click between two runs, or during this one,
      // is respected before the hourly trigger has written it to the sheet.
      // A batch reads them once, right before its one request (the same freshness as per send).
      if ((pendingForBatch ?? pendingEmails(ctx.unsubscribe.scriptStore, meta.spreadsheetId)).has(wanted))
        return { ok: false, exclude: true, reason: UNSUBSCRIBE_CLICKED };
      const at = locator(wanted);
      if (!at) return { ok: false, reason: 'No longer in the customer sheet' };
      const { customer } = at;
      if (customer.unsubscribed) return { ok: false, exclude: true, reason: UNSUBSCRIBED_SINCE_AUDIENCE };
      // The variant chosen at audience time (the log's Language), else chosen now (an older tab).
      const recorded = parseLanguage(language);
      const own = pick(customer, found.template);
      const choice = recorded ? chooseVariant(found.template, recorded, config.team.defaultLanguage) : own;
      const merged = mergeTemplate(choice.template, customer, mergeContextFor(ctx, config.team, at.sheet));
      if (!merged.ok)
        return {
          ok: false,
          reason: [
            ...merged.missing.map((m) => `Row ${customer.row}: no value for ${m.field}`),
            ...merged.problems,
          ].join('; '),
        };
      // The footer and its page in the customer's own language (every language a variant can be in has
      // its words), even when their text fell back to the team's default language.
      const lang = unsubscribeLanguage(own.wanted ?? choice.language);
      let link: string;
      try {
        link = linkFor(meta.id, wanted, lang);
      } catch (error) {
        // No web app deployed: an email without a working opt-out is not sent (failed, with the fix).
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
      return {
        ok: true,
        email: withUnsubscribeFooter(
          { ...merged.email, ...(config.team.senderName ? { name: config.team.senderName } : {}) },
          link,
          lang,
        ),
      };
    };
  };
  const composeOne = (recipient: LoggedRecipient) => {
    compose ??= load();
    return compose(recipient.email, recipient.template, recipient.language);
  };
  // A batched send composes a whole batch at once: its customers and the unsubscribes are read once.
  return Object.assign(composeOne, {
    prepare: (recipients: readonly LoggedRecipient[]) => {
      compose ??= load();
      find?.prepare?.(recipients.map((r) => normaliseEmail(r.email)));
      pendingForBatch = pendingEmails(ctx.unsubscribe.scriptStore, meta.spreadsheetId);
    },
  });
}
