/**
 * The contextual card: find the customer behind the open email, score them, and show why.
 */
import type { ActionResponse, Card } from '../../ui/card/types';
import { customerCard, riskExplanationCard, type CustomerCardState } from '../../ui/cards/customer';
import { NOTES_TAB } from '../../core/settings/starter-spreadsheet';
import { messageCard } from '../../ui/cards/message';
import { parseAddress } from '../../core/email/address';
import type { AppContext } from '../context';
import { customerView } from '../customer-view';
import type { AddonEvent } from '../events';
import { UserFacingError } from '../errors';
import { counterpartAddress, type CustomerMatch } from '../find-customer';
import { customerSource, whereToAddCustomer } from '../warehouse-features';
import type { CustomerSource } from '../warehouse-customer';
import type { Settings } from '../../core/settings/settings';
import { loadSettings } from '../settings-store';
import { requireConnected } from '../connected';
import type { Customer } from '../../core/customers/customer';
import { detectIntent, type IntentReading } from '../../core/intent/detect';
import type { EmailSaysItem } from '../../ui/cards/customer';
import { adviseCustomer, DraftProblem, draftFor, loadTeamConfig, mergeContextFor } from '../retention-reply';
import { scoreTrend } from '../watch/trend';
import { recordEmailSignal } from '../watch/email-signals';
import { noticeReply } from '../watch/replies';
import { decodeStatedIntent, encodeStatedIntent, statedIntentOf } from '../stated-intent-param';
import type { EmailIntent } from '../../core/risk/signals';
import type { DetectedLanguage } from '../../core/intent/types';
import { replySubject } from '../../core/email/reply-plan';
import { parseLanguage } from '../../core/templates/languages';
import { customerLanguage } from '../../core/templates/variants';
import { learnedLanguages, learnLanguage } from '../learned-languages';

/** A card lists at most this many others to pick from; the sheet has the rest. */
const MAX_ALTERNATIVES = 19;

import { withSheet } from '../sheet-errors';

function openSheet(ctx: AppContext): (CustomerSource & { settings: Settings }) | null {
  const { settings } = loadSettings(ctx.userStore);
  const id = settings.spreadsheetId;
  if (!id) return null;
  return { settings, ...customerSource(ctx, { ...settings, spreadsheetId: id }) };
}

/** The customer card state for an address, or null when the address is not in the sheet. */
export function customerStateFor(
  ctx: AppContext,
  address: { email: string; name: string },
  reading?: IntentReading,
  /** With several rows for one email, the row the user picked. */
  preferRow?: number,
  /** A message is open, so the next move can offer a reply draft. */
  canReply = false,
  /** The email's stated intent when no reading is at hand ("Why this score" carries it). */
  carriedIntent?: EmailIntent,
): {
  state: CustomerCardState;
  extra: number;
  /** Other customers the address could mean (same company, or other rows with the email). */
  others: NonNullable<CustomerCardState['alternatives']>;
  othersKind: NonNullable<CustomerCardState['alternativesKind']>;
} | null {
  const opened = openSheet(ctx);
  if (!opened) return null;
  return withSheet(() => {
    const match = opened.find(address);
    const customer = match.customers.find((c) => c.row === preferRow) ?? match.customers[0];
    if (!customer) return null;
    const today = ctx.clock.now();
    const emailIntent = statedIntentOf(reading) ?? carriedIntent;
    const spreadsheetId = opened.settings.spreadsheetId!;
    const { verdict, risk, nextMove, team } = adviseCustomer(
      ctx,
      opened.settings,
      customer,
      match.sheet.headers,
      {
        ...(emailIntent ? { emailIntent } : {}),
        intents: (reading?.intents ?? []).map((i) => i.intent),
        canReply,
        timeZone: match.sheet.timeZone,
      },
    );
    const trend = scoreTrend(ctx, spreadsheetId, customer.email, risk.score);
    const matchNote =
      match.how === 'domain'
        ? `Matched by domain: ${address.email} is not in the sheet; showing ${customer.email} at the same company${match.customers.length > 1 ? ` (1 of ${match.customers.length})` : ''}.`
        : match.customers.length > 1
          ? `${match.customers.length} rows have this email; showing row ${customer.row}. Pick another below, and merge the rows in the sheet when you can.`
          : undefined;
    const view = customerView(customer, risk, {
      location: opened.location(),
      issues: match.issues,
      matchNote,
      today,
      impact: verdict,
      money: { currency: team.team.currency, locale: match.sheet.locale },
    });
    return {
      state: {
        ...view,
        risk: { ...view.risk, ...(trend ? { trend } : {}) },
        nextMove,
        emailSays: emailSays(reading),
        ...(emailIntent ? { statedIntentParam: encodeStatedIntent(emailIntent) } : {}),
        notes: match.notes ? cardNotes(match.notes) : latestNotes(ctx, spreadsheetId, customer.email),
      },
      extra: match.customers.length - 1,
      others: match.customers
        .filter((c) => c !== customer)
        .slice(0, MAX_ALTERNATIVES)
        .map((c) =>
          match.how === 'domain'
            ? { email: c.email, name: c.name ?? c.company ?? '' }
            : {
                email: c.email,
                name: c.name ?? c.company ?? '',
                row: c.row,
                detail:
                  [c.company, c.plan, c.status === 'churned' ? 'churned' : undefined]
                    .filter(Boolean)
                    .join(' · ') || c.email,
              },
        ),
      othersKind: match.how === 'domain' ? 'company' : 'duplicateRows',
    };
  });
}

/** Notes shown on a customer's card: the newest few of the Notes tab, read by one search. */
const NOTES_SHOWN = 3;

/** Notes the store read with the customer (the warehouse's notes view), as the card shows them. */
function cardNotes(notes: NonNullable<CustomerMatch['notes']>): CustomerCardState['notes'] {
  return notes.slice(0, NOTES_SHOWN).map((n) => ({
    day: new Date(n.atMs).toISOString().slice(0, 10),
    author: n.author,
    text: n.text.slice(0, 500),
  }));
}

function latestNotes(ctx: AppContext, spreadsheetId: string, email: string): CustomerCardState['notes'] {
  const [time, who, author, note] = [0, 1, 2, 3];
  try {
    return ctx
      .tabs(spreadsheetId)
      .findRows(NOTES_TAB, who + 1, email, NOTES_SHOWN)
      .filter(
        (r) =>
          String(r.values[who] ?? '')
            .trim()
            .toLowerCase() === email.toLowerCase(),
      )
      .map((r) => {
        const at = r.values[time];
        const day = at instanceof Date ? at.toISOString().slice(0, 10) : String(at ?? '').slice(0, 10);
        return {
          day,
          author: String(r.values[author] ?? ''),
          text: String(r.values[note] ?? '').slice(0, 500),
        };
      })
      .reverse();
  } catch {
    // Notes are context; a broken Notes tab must not cost the card.
    return [];
  }
}

export function buildMessageCards(ctx: AppContext, event: AddonEvent): Card[] {
  const messageId = event.gmail?.messageId;
  const token = event.gmail?.accessToken;
  if (!messageId || !token) {
    throw new UserFacingError(
      'No message to read',
      'Gmail opened ChurnGuard without a message ID or access token.',
      'Close and reopen the email. If it keeps happening, reinstall the add-on so Gmail grants it message access.',
    );
  }
  const message = ctx.mailbox.openMessage(messageId, token);
  const address = counterpartAddress(message, ctx.session.email()) ?? parseAddress(message.from);
  const { settings } = loadSettings(ctx.userStore);
  const reading = detectIntent({ subject: message.subject, body: message.plainBody });
  const found = address ? customerStateFor(ctx, address, reading, undefined, true) : null;
  if (found) {
    const strongest = reading.strongest;
    if (strongest && reading.churnSignal > 0 && !found.state.churned) {
      // Queued for the next daily scan, which raises it as an alert for the customer's owner.
      recordEmailSignal(ctx.userStore, {
        email: found.state.email,
        messageId,
        day: ctx.clock.now().toISOString().slice(0, 10),
        label: strongest.label,
        phrase: strongest.phrase,
      });
    }
    const sender = parseAddress(message.from)?.email;
    if (sender === found.state.email && settings.spreadsheetId) {
      try {
        // The customer's own words: what language a campaign to them should use (learned-languages.ts).
        learnLanguage(ctx.userStore, settings.spreadsheetId, sender, reading.language);
      } catch {
        // Learning a language is a by-product; a full property store must not cost the card.
      }
      try {
        noticeReply(ctx, settings.spreadsheetId, sender, message.date);
      } catch {
        // Counting a reply is a by-product; the card matters more than the tally.
      }
    }
    return [customerCard(withAlternatives(found))];
  }
  return [
    messageCard({
      senderName: address?.name ?? '',
      senderEmail: address?.email ?? message.from,
      subject: message.subject,
      sheetConnected: Boolean(settings.spreadsheetId),
      emailSays: emailSays(reading),
      ...(address && whereToAddCustomer(settings, address.email)
        ? { addElsewhere: whereToAddCustomer(settings, address.email) }
        : {}),
    }),
  ];
}

function emailSays(reading: IntentReading | undefined): EmailSaysItem[] {
  return (reading?.intents ?? []).map((i) => ({
    label: i.label,
    phrase: i.phrase,
    churn: i.intent !== 'expansion',
  }));
}

/** The error shown when an action names a customer whose row has gone since the card was drawn. */
export function customerNotFound(email: string): UserFacingError {
  return new UserFacingError(
    'Customer not found',
    `${email} is no longer in the customer sheet.`,
    'Check the sheet; the row may have been deleted or its email changed.',
  );
}

/** Several people at the company, or several rows for one email: show one, and let the manager pick. */
function withAlternatives(found: NonNullable<ReturnType<typeof customerStateFor>>): CustomerCardState {
  return found.others.length
    ? { ...found.state, alternatives: found.others, alternativesKind: found.othersKind }
    : found.state;
}

function stateOf(
  ctx: AppContext,
  email: string,
  row?: number,
  canReply = false,
  carriedIntent?: EmailIntent,
): CustomerCardState {
  const found = customerStateFor(ctx, { email, name: '' }, undefined, row, canReply, carriedIntent);
  if (!found) throw customerNotFound(email);
  return row === undefined ? found.state : withAlternatives(found);
}

/** The card of one customer picked from a domain match, or one row picked from several with one email. */
export function buildCustomerCard(ctx: AppContext, email: string, row?: number, event?: AddonEvent): Card {
  return customerCard(stateOf(ctx, email, row, Boolean(event?.gmail?.messageId)));
}

/** "Why this score": with the intent the card's button carried, so it adds up to the card's number. */
/**
 * A customer's card rebuilt after an action (tags, status, a note). When the action came from a card
 * opened on an email, Gmail's event still names that message: it is read again, so the rebuilt card
 * keeps "What this email says", the intent in the score and the Draft reply button.
 */
export function customerCardAfterAction(ctx: AppContext, email: string, event: AddonEvent): Card {
  const messageId = event.gmail?.messageId;
  const token = event.gmail?.accessToken;
  if (!messageId || !token) return buildCustomerCard(ctx, email);
  const message = ctx.mailbox.openMessage(messageId, token);
  const reading = detectIntent({ subject: message.subject, body: message.plainBody });
  const found = customerStateFor(ctx, { email, name: '' }, reading, undefined, true);
  if (!found) throw customerNotFound(email);
  return customerCard(withAlternatives(found));
}

export function buildRiskExplanation(ctx: AppContext, email: string, intentParam?: string): Card {
  return riskExplanationCard(stateOf(ctx, email, undefined, false, decodeStatedIntent(intentParam)));
}

/**
 * The named template merged for a customer of the connected sheet; a template that is gone or a
 * blank it cannot fill becomes a card with `failure`'s title and fix, naming the cell.
 */
export function mergeForCustomer(
  ctx: AppContext,
  email: string,
  templateName: string,
  failure: { title: string; fix: string },
  /** The open email, when there is one: its language comes first. */
  open?: { language: DetectedLanguage },
  offerFrom?: string,
): { customer: Customer; draft: ReturnType<typeof draftFor> } {
  const { settings, spreadsheetId } = requireConnected(ctx);
  return withSheet(() => {
    const match = openSheet(ctx)!.find({ email, name: '' });
    const customer = match.customers[0];
    if (!customer) throw customerNotFound(email);
    const config = loadTeamConfig(ctx, spreadsheetId);
    const language =
      parseLanguage(open?.language) ??
      customerLanguage(customer, learnedLanguages(ctx.userStore, spreadsheetId)).language;
    try {
      return {
        customer,
        draft: draftFor(
          config,
          templateName,
          customer,
          mergeContextFor(ctx, config.team, match.sheet),
          settings.customerSheet,
          { ...(language ? { language } : {}), ...(offerFrom ? { offerFrom } : {}) },
        ),
      };
    } catch (error) {
      if (error instanceof DraftProblem) throw new UserFacingError(failure.title, error.message, failure.fix);
      throw error;
    }
  });
}

/**
 * The compose action behind "Draft reply": the named template merged for the customer, in the language
 * of the email it answers (else the customer's), under "Re: <that email's subject>" so it stays in the
 * thread (src/gas/customer-draft.ts makes the Gmail draft).
 */
export function draftReply(
  ctx: AppContext,
  email: string,
  templateName: string,
  event?: AddonEvent,
  offerFrom?: string,
): ActionResponse {
  const messageId = event?.gmail?.messageId;
  const token = event?.gmail?.accessToken;
  const message = messageId && token ? ctx.mailbox.openMessage(messageId, token) : undefined;
  // A price cut in the reply only if the guard rails allow it now (the same check as the card's,
  // nextMoveView in retention-reply.ts), not because a button said so when the card was drawn.
  const reading = message ? detectIntent({ subject: message.subject, body: message.plainBody }) : undefined;
  const allowedOffer =
    offerFrom &&
    customerStateFor(ctx, { email, name: '' }, reading, undefined, true)?.state.nextMove?.offerFrom;
  const { customer, draft } = mergeForCustomer(
    ctx,
    email,
    templateName,
    {
      title: 'Cannot draft this reply yet',
      fix: 'Fix the sheet, then press the button again.',
    },
    reading ? { language: reading.language } : undefined,
    allowedOffer === offerFrom ? offerFrom : undefined,
  );
  const { language: _language, ...body } = draft;
  return {
    kind: 'draftReply',
    draft: { ...body, ...(message ? { subject: replySubject(message.subject) } : {}), to: [customer.email] },
  };
}
