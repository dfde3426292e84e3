/**
 * The compose trigger: the first recipient of the draft who is a customer gets the recommended move
 * and a template picker; the Insert action merges the template for them into the draft.
 */
import { templateForMove } from '../../core/playbooks';
import type { ActionResponse, Card } from '../../ui/card/types';
import { composeCard, COMPOSE_FIELDS } from '../../ui/cards/compose';
import type { AppContext } from '../context';
import { formatMoney, formatRisk } from '../../core/text/format';
import { BadInputError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { adviseCustomer } from '../retention-reply';
import { loadSettings } from '../settings-store';
import { mergeForCustomer } from './message';
import { withSheet } from '../sheet-errors';
import { customerSource } from '../warehouse-features';
import { parseAddress } from '../../core/email/address';

export function buildComposeCards(ctx: AppContext, event: AddonEvent): Card[] {
  const { settings } = loadSettings(ctx.userStore);
  const recipients = (event.gmail?.toRecipients ?? [])
    .map((r) => parseAddress(r)?.email)
    .filter((e): e is string => Boolean(e));
  if (!settings.spreadsheetId) return [composeCard({ recipients, templates: [], sheetConnected: false })];
  const source = customerSource(ctx, { ...settings, spreadsheetId: settings.spreadsheetId });
  return withSheet(() => {
    for (const email of recipients) {
      const match = source.find({ email, name: '' });
      const customer = match.how === 'email' ? match.customers[0] : undefined;
      if (!customer) continue;
      const {
        risk,
        nextMove: move,
        team: { templates, team },
      } = adviseCustomer(ctx, settings, customer, match.sheet.headers, {
        intents: [],
        timeZone: match.sheet.timeZone,
        canReply: false,
      });
      const preferred = move.move !== 'none' ? templateForMove(move.move, templates) : undefined;
      const chosen = preferred ?? templates[0];
      return [
        composeCard({
          sheetConnected: true,
          recipients,
          customer: {
            email: customer.email,
            name: customer.name ?? customer.company ?? '',
            detail: [
              customer.company,
              formatRisk(risk.score, risk.band),
              customer.mrr !== undefined
                ? `${formatMoney(customer.mrr, { currency: team.currency, locale: match.sheet.locale })}/mo`
                : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
          },
          move: { label: move.label, reasons: move.reasons },
          templates: templates.map((t) => ({ name: t.name, selected: t === chosen })),
        }),
      ];
    }
    return [composeCard({ sheetConnected: true, recipients, templates: [] })];
  });
}

export function insertOffer(ctx: AppContext, email: string, event: AddonEvent): ActionResponse {
  const templateName = formValue(event, COMPOSE_FIELDS.template);
  if (!templateName) throw new BadInputError('Template', 'no template was chosen; choose one from the list.');
  const setSubject = (event.form[COMPOSE_FIELDS.subject] ?? []).includes('on');
  const { draft } = mergeForCustomer(ctx, email, templateName, {
    title: 'Cannot insert this offer yet',
    fix: 'Fix the sheet, then press Insert again.',
  });
  return {
    kind: 'updateDraft',
    update: {
      kind: 'draftUpdate',
      insertHtml: draft.htmlBody,
      ...(setSubject ? { subject: draft.subject } : {}),
    },
  };
}
