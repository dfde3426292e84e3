/**
 * The real composer: each recipient's email merged from the campaign's template and their current
 * row. The sheet and the templates are read once per run, on the first recipient, so a run with
 * nothing to send reads nothing. A recipient who left the sheet, or whose row now has a blank the
 * template needs, fails with that reason (in the Campaigns tab) rather than getting a broken email.
 */
import type { Customer } from '../../core/customers/customer';
import type { Composed } from '../../core/campaigns/runner';
import { findTemplate, mergeTemplate } from '../../core/templates';
import { readAllCustomers } from '../whole-sheet';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { loadTeamConfig, mergeContextFor } from '../retention-reply';
import type { ComposerFactory } from './run';

export const sheetComposer: ComposerFactory = (ctx: AppContext, meta) => {
  let compose: ((email: string) => Composed) | null = null;
  const load = (): ((email: string) => Composed) => {
    const { settings } = loadSettings(ctx.userStore);
    const sheet = ctx.customerSheet(meta.spreadsheetId, settings.customerSheet);
    const { all, read } = readAllCustomers(sheet, settings);
    const byEmail = new Map<string, Customer>();
    for (const c of read.customers) if (!byEmail.has(c.email)) byEmail.set(c.email, c);
    const config = loadTeamConfig(ctx, meta.spreadsheetId);
    const found = findTemplate(config, meta.template);
    const context = mergeContextFor(ctx, config.team, all);
    return (email) => {
      if (!found.ok) return { ok: false, reason: found.reason };
      const template = found.template;
      const customer = byEmail.get(email);
      if (!customer) return { ok: false, reason: 'No longer in the customer sheet' };
      const merged = mergeTemplate(template, customer, context);
      if (!merged.ok)
        return {
          ok: false,
          reason: [
            ...merged.missing.map((m) => `Row ${customer.row}: no value for ${m.field}`),
            ...merged.problems,
          ].join('; '),
        };
      return {
        ok: true,
        email: { ...merged.email, ...(config.team.senderName ? { name: config.team.senderName } : {}) },
      };
    };
  };
  return (recipient) => {
    compose ??= load();
    return compose(recipient.email);
  };
};
