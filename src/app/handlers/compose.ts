/**
 * The compose trigger: the first recipient of the draft who is a customer gets the recommended move
 * and a template picker; the Insert action merges the template for them into the draft.
 */
import { templateForMove } from '../../core/playbooks';
import { impactOf, playbookSegmentOf } from '../../core/segments';
import type { ActionResponse, Card } from '../../ui/card/types';
import { composeCard, COMPOSE_FIELDS } from '../../ui/cards/compose';
import type { AppContext } from '../context';
import { formatMoney } from '../customer-view';
import { UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { findCustomer } from '../find-customer';
import { DraftProblem, draftFor, loadTeamConfig, mergeContextFor, nextMoveView } from '../retention-reply';
import { riskScorer } from '../risk';
import { segmentConfig } from '../segments/portfolio';
import { loadSettings } from '../settings-store';
import { customerNotFound, withSheet } from './message';
import { parseAddress } from '../../core/email/address';

export function buildComposeCards(ctx: AppContext, event: AddonEvent): Card[] {
  const { settings } = loadSettings(ctx.userStore);
  const recipients = (event.gmail?.toRecipients ?? [])
    .map((r) => parseAddress(r)?.email)
    .filter((e): e is string => Boolean(e));
  if (!settings.spreadsheetId) return [composeCard({ recipients, templates: [], sheetConnected: false })];
  const sheet = ctx.customerSheet(settings.spreadsheetId, settings.customerSheet);
  return withSheet(() => {
    for (const email of recipients) {
      const match = findCustomer(sheet, { email, name: '' }, settings.mapping);
      const customer = match.how === 'email' ? match.customers[0] : undefined;
      if (!customer) continue;
      const today = ctx.clock.now();
      const segments = segmentConfig(ctx, settings.spreadsheetId!, match.sheet.headers);
      const verdict = impactOf(customer, segments.rules, { today });
      const risk = riskScorer(ctx, settings, () => verdict.impact)(customer);
      const config = loadTeamConfig(ctx, settings.spreadsheetId!);
      const record = {
        customer,
        band: risk.band,
        score: risk.score,
        ...(verdict.impact ? { impact: verdict.impact } : {}),
      };
      const playbook = playbookSegmentOf(record, segments.segments, { today });
      const move = nextMoveView(ctx, settings, config.templates, {
        customer,
        ...(verdict.impact ? { impact: verdict.impact } : {}),
        band: risk.band,
        intents: [],
        canReply: false,
        ...(playbook?.playbook
          ? { segmentPlaybook: { segment: playbook.name, move: playbook.playbook } }
          : {}),
      });
      const preferred = move.move !== 'none' ? templateForMove(move.move, config.templates) : undefined;
      const chosen = preferred ?? config.templates[0];
      return [
        composeCard({
          sheetConnected: true,
          recipients,
          customer: {
            email: customer.email,
            name: customer.name ?? customer.company ?? '',
            detail: [
              customer.company,
              `risk ${risk.score ?? '–'} (${risk.band})`,
              customer.mrr !== undefined ? `${formatMoney(customer.mrr)}/mo` : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
          },
          move: { label: move.label, reasons: move.reasons },
          templates: config.templates.map((t) => ({ name: t.name, selected: t === chosen })),
        }),
      ];
    }
    return [composeCard({ sheetConnected: true, recipients, templates: [] })];
  });
}

export function insertOffer(ctx: AppContext, email: string, event: AddonEvent): ActionResponse {
  const { settings } = loadSettings(ctx.userStore);
  if (!settings.spreadsheetId)
    throw new UserFacingError(
      'No customer sheet',
      'ChurnGuard is not connected to a sheet.',
      'Connect one in Settings.',
    );
  const templateName = formValue(event, COMPOSE_FIELDS.template);
  if (!templateName)
    throw new UserFacingError('Pick a template', 'No template was chosen.', 'Choose one from the list.');
  const setSubject = (event.form[COMPOSE_FIELDS.subject] ?? []).includes('on');
  const sheet = ctx.customerSheet(settings.spreadsheetId, settings.customerSheet);
  return withSheet(() => {
    const match = findCustomer(sheet, { email, name: '' }, settings.mapping);
    const customer = match.customers[0];
    if (!customer) throw customerNotFound(email);
    const config = loadTeamConfig(ctx, settings.spreadsheetId!);
    try {
      const draft = draftFor(config, templateName, customer, mergeContextFor(ctx, config.team, match.sheet));
      return {
        kind: 'updateDraft',
        update: {
          kind: 'draftUpdate',
          insertHtml: draft.htmlBody,
          ...(setSubject ? { subject: draft.subject } : {}),
        },
      };
    } catch (error) {
      if (error instanceof DraftProblem)
        throw new UserFacingError(
          'Cannot insert this offer yet',
          error.message,
          'Fix the sheet, then press Insert again.',
        );
      throw error;
    }
  });
}
