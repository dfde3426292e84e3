/**
 * The guard rails, as one pure check every path uses: the sidebar's next best action, a campaign's
 * audience (each recipient, at audience time) and the automatic reactivation. A rail refuses a move
 * for a customer with a rule ("below the value line") and the customer's own why ("MRR 50 is below
 * the top 50% line (189)"); `guardRailFor` turns a refusal of a campaign's offer into the playbook's
 * alternative (when its template exists) or an exclusion with that reason.
 */
import { IMPACT_WORD, type CrisisImpact, type Customer } from '../customers/customer';
import type { IntentId } from '../intent/types';
import type { Band } from '../risk/scorecard';
import { daysBetween } from '../time/calendar';
import { MOVE_LABELS, type RetentionMove } from './moves';
import type { PlaybookSettings } from './settings';
import { customerValue, topShareText, valueText, type ValueLines } from './value';

export interface PlaybookInput {
  customer: Customer;
  /** Effective crisis impact (manual override, else impact rules). */
  impact?: CrisisImpact;
  band: Band;
  /** Intents found in the open email, strongest first (empty outside the sidebar). */
  intents?: readonly IntentId[];
  /** The playbook of the first segment the customer belongs to that names one. */
  segmentPlaybook?: { segment: string; move: RetentionMove };
  /** Value lines from the last whole-sheet read; without them value-gated moves are refused. */
  lines?: ValueLines;
  settings: PlaybookSettings;
  /** Days without activity after which a customer is dormant (the scorecard's setting). */
  dormantDays: number;
  today: Date;
}

export interface Facts {
  value?: number;
  basis: string;
  idleDays?: number;
  usageChange?: number;
  late: boolean;
}

export function factsOf(input: PlaybookInput): Facts {
  const c = input.customer;
  const idleDays = c.lastActivity ? daysBetween(c.lastActivity, input.today) : undefined;
  const usageChange =
    c.activityThisPeriod !== undefined && c.activityLastPeriod !== undefined && c.activityLastPeriod > 0
      ? c.activityThisPeriod / c.activityLastPeriod - 1
      : undefined;
  return {
    value: customerValue(c, input.settings.valueBasis, input.today),
    basis: input.settings.valueBasis === 'mrr' ? 'MRR' : 'revenue to date',
    idleDays,
    usageChange,
    late: (c.overdueInvoices ?? 0) > 0 || (c.daysLate ?? 0) > 0,
  };
}

/** Which rail refused: the audience check counts refusals by rule, in words (RULE_WORDS). */
export type RailRule =
  | 'left'
  | 'helpedByCrisis'
  | 'notHurt'
  | 'noStruggle'
  | 'valueUnknown'
  | 'linesUnknown'
  | 'belowLine'
  | 'hurtNoUpsell'
  | 'riskNoUpsell'
  | 'active'
  | 'notLeft';

export interface Refusal {
  rule: RailRule;
  /** This customer's reason, in plain words. */
  why: string;
}

export const hurt = (impact?: CrisisImpact) => impact === 'severe' || impact === 'hit';
const PAYMENT_INTENTS: readonly IntentId[] = ['paymentDelay'];
/** The open email asks to postpone a payment or pay in instalments. */
export const asksForTime = (input: PlaybookInput) =>
  (input.intents ?? []).some((i) => PAYMENT_INTENTS.includes(i));

/** Why a guard rail refuses `move` for this customer, or null when the move is allowed. */
export function refusalOf(move: RetentionMove, input: PlaybookInput, facts = factsOf(input)): Refusal | null {
  const churned = input.customer.status === 'churned';
  if (churned && move !== 'winBack' && move !== 'none')
    return { rule: 'left', why: 'the customer has already left' };
  const valueGate = (min: 'discountMin' | 'reliefMin', share: number): Refusal | null => {
    if (facts.value === undefined)
      return {
        rule: 'valueUnknown',
        why: `their ${facts.basis} is not in the sheet, so value cannot justify it`,
      };
    if (!input.lines)
      return {
        rule: 'linesUnknown',
        why: 'value lines are not known yet (open the homepage once to compute them)',
      };
    if (input.lines.customers === 0)
      return {
        rule: 'linesUnknown',
        why: `no active customer has ${facts.basis === 'MRR' ? 'an' : 'a'} ${facts.basis} to compare with`,
      };
    if (facts.value < input.lines[min])
      return {
        rule: 'belowLine',
        why: `${facts.basis} ${valueText(facts.value)} is below the ${topShareText(share)} line (${valueText(input.lines[min])})`,
      };
    return null;
  };
  switch (move) {
    case 'discount':
      if (input.impact === 'booming')
        return { rule: 'helpedByCrisis', why: 'never a discount for a customer the crisis helps' };
      return valueGate('discountMin', input.settings.discountTopShare);
    case 'paymentHoliday':
    case 'installments':
      if (input.impact === 'booming' || input.impact === 'stable')
        return { rule: 'notHurt', why: `the crisis does not hurt them (${IMPACT_WORD[input.impact]})` };
      // Asking for time to pay is itself the sign of struggle; the crisis and value rails still apply.
      if (!hurt(input.impact) && !facts.late && !asksForTime(input))
        return { rule: 'noStruggle', why: 'no sign they struggle to pay' };
      return valueGate('reliefMin', input.settings.reliefTopShare);
    case 'upsell':
      if (hurt(input.impact)) return { rule: 'hurtNoUpsell', why: 'not while the crisis hurts them' };
      if (input.band === 'High' || input.band === 'Critical')
        return { rule: 'riskNoUpsell', why: `not at ${input.band.toLowerCase()} risk` };
      return null;
    case 'reactivation':
      if (facts.idleDays === undefined || facts.idleDays < input.dormantDays)
        return { rule: 'active', why: `active within the last ${input.dormantDays} days` };
      return null;
    case 'winBack':
      return churned ? null : { rule: 'notLeft', why: 'the customer has not left' };
    case 'checkIn':
    case 'none':
      return null;
  }
}

/** A rule in the words of the audience check's count: "12 below the value line for a payment holiday". */
export function ruleWords(rule: RailRule, move: RetentionMove): string {
  const offer = `${/^[aeiou]/i.test(MOVE_LABELS[move]) ? 'an' : 'a'} ${MOVE_LABELS[move].toLowerCase()}`;
  switch (rule) {
    case 'left':
      return `already left (no ${MOVE_LABELS[move].toLowerCase()})`;
    case 'helpedByCrisis':
      return `helped by the crisis (never ${offer})`;
    case 'notHurt':
      return `not hurt by the crisis (no ${MOVE_LABELS[move].toLowerCase()})`;
    case 'noStruggle':
      return `no sign they struggle to pay (no ${MOVE_LABELS[move].toLowerCase()})`;
    case 'valueUnknown':
      return `no value in the sheet to justify ${offer}`;
    case 'linesUnknown':
      return `value lines not known yet for ${offer} (open the homepage once)`;
    case 'belowLine':
      return `below the value line for ${offer}`;
    case 'hurtNoUpsell':
      return 'hurt by the crisis (no upsell)';
    case 'riskNoUpsell':
      return 'at high churn risk (no upsell)';
    case 'active':
      return 'recently active (no reactivation)';
    case 'notLeft':
      return 'still a customer (no win-back)';
  }
}

/**
 * The alternative a playbook falls back to when the guard rail refuses its offer, as a customer-success
 * lead would: a call instead of relief or a discount the customer's value does not justify.
 */
export const PLAYBOOK_ALTERNATIVE: Partial<Record<RetentionMove, RetentionMove>> = {
  paymentHoliday: 'checkIn',
  installments: 'checkIn',
  discount: 'checkIn',
  upsell: 'checkIn',
};

export type GuardRailVerdict =
  | { kind: 'allowed' }
  /** Refused the offer, gets the alternative's template instead. */
  | { kind: 'alternative'; template: string; refusal: Refusal }
  | { kind: 'excluded'; refusal: Refusal };

/**
 * The guard rail for one recipient of `offer`: allowed; or refused and given `alternative` (the
 * playbook's alternative template, when the Templates tab has one and its own rail allows it); or
 * excluded with the reason.
 */
export function guardRailFor(
  offer: RetentionMove,
  input: PlaybookInput,
  alternative?: { move: RetentionMove; template: string },
): GuardRailVerdict {
  const facts = factsOf(input);
  const refusal = refusalOf(offer, input, facts);
  if (!refusal) return { kind: 'allowed' };
  if (alternative && !refusalOf(alternative.move, input, facts))
    return { kind: 'alternative', template: alternative.template, refusal };
  return { kind: 'excluded', refusal };
}
