/**
 * The next best retention move for one customer, with the reason for it and the guard rails that
 * refused other moves. Candidates are tried in the order a customer-success lead would weigh them
 * (what the customer just wrote, then the crisis, then risk, then growth); the first one the guard
 * rails allow wins. A segment's playbook goes first, but never past a guard rail: no discount for a
 * customer the crisis helps or whose value does not justify it, no relief for the unhurt, no upsell
 * to a customer who is struggling.
 */
import type { CrisisImpact, Customer } from '../customers/customer';
import type { IntentId } from '../intent/types';
import type { Band } from '../risk/scorecard';
import { MOVE_LABELS, type RetentionMove } from './moves';
import type { PlaybookSettings } from './settings';
import { customerValue, topShareText, type ValueLines } from './value';

import { daysBetween } from '../time/calendar';

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

export interface Refusal {
  move: RetentionMove;
  why: string;
}

export interface Recommendation {
  move: RetentionMove;
  label: string;
  /** Why this move, in plain words; never empty. */
  reasons: string[];
  /** Moves considered first and refused by a guard rail, with why. */
  refused: Refusal[];
  source: 'segment' | 'rules';
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const IMPACT_WORD: Record<CrisisImpact, string> = {
  severe: 'Severe',
  hit: 'Hit',
  stable: 'Stable',
  booming: 'Booming',
};
const hurt = (impact?: CrisisImpact) => impact === 'severe' || impact === 'hit';

interface Facts {
  value?: number;
  basis: string;
  idleDays?: number;
  usageChange?: number;
  late: boolean;
}

function factsOf(input: PlaybookInput): Facts {
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

/** Why a guard rail refuses `move` for this customer, or null when the move is allowed. */
export function guardRail(move: RetentionMove, input: PlaybookInput, facts = factsOf(input)): string | null {
  const churned = input.customer.status === 'churned';
  if (churned && move !== 'winBack' && move !== 'none') return 'the customer has already left';
  const valueGate = (min: 'discountMin' | 'reliefMin', share: number): string | null => {
    if (facts.value === undefined)
      return `their ${facts.basis} is not in the sheet, so value cannot justify it`;
    if (!input.lines) return 'value lines are not known yet (open the homepage once to compute them)';
    if (input.lines.customers === 0)
      return `no active customer has ${facts.basis === 'MRR' ? 'an' : 'a'} ${facts.basis} to compare with`;
    if (facts.value < input.lines[min])
      return `${facts.basis} ${number.format(facts.value)} is below the ${topShareText(share)} line (${number.format(input.lines[min])})`;
    return null;
  };
  switch (move) {
    case 'discount':
      if (input.impact === 'booming') return 'never a discount for a customer the crisis helps';
      return valueGate('discountMin', input.settings.discountTopShare);
    case 'paymentHoliday':
    case 'installments':
      if (input.impact === 'booming' || input.impact === 'stable')
        return `the crisis does not hurt them (${IMPACT_WORD[input.impact]})`;
      // Asking for time to pay is itself the sign of struggle; the crisis and value rails still apply.
      if (!hurt(input.impact) && !facts.late && !asksForTime(input)) return 'no sign they struggle to pay';
      return valueGate('reliefMin', input.settings.reliefTopShare);
    case 'upsell':
      if (hurt(input.impact)) return 'not while the crisis hurts them';
      if (input.band === 'High' || input.band === 'Critical')
        return `not at ${input.band.toLowerCase()} risk`;
      return null;
    case 'reactivation':
      if (facts.idleDays === undefined || facts.idleDays < input.dormantDays)
        return `active within the last ${input.dormantDays} days`;
      return null;
    case 'winBack':
      return churned ? null : 'the customer has not left';
    case 'checkIn':
    case 'none':
      return null;
  }
}

const PAYMENT_INTENTS: readonly IntentId[] = ['paymentDelay'];
/** The open email asks to postpone a payment or pay in instalments. */
const asksForTime = (input: PlaybookInput) => (input.intents ?? []).some((i) => PAYMENT_INTENTS.includes(i));
const LEAVING_INTENTS: readonly IntentId[] = [
  'cancellation',
  'nonRenewal',
  'competitor',
  'downgrade',
  'complaint',
];

/** Candidate moves in order, each with the reason it is considered. */
function candidates(input: PlaybookInput, facts: Facts): { move: RetentionMove; reason: string }[] {
  const out: { move: RetentionMove; reason: string }[] = [];
  const add = (move: RetentionMove, reason: string) => out.push({ move, reason });
  const intents = input.intents ?? [];
  const impactText = input.impact ? ` (${IMPACT_WORD[input.impact]})` : '';
  if (input.customer.status === 'churned')
    add('winBack', 'They have left; a win-back offer may bring them back.');
  if (asksForTime(input)) {
    add('paymentHoliday', 'They ask for time to pay.');
    add('installments', 'They ask for time to pay.');
    // When the guard rails refuse relief, the request still needs an answer, never "no move needed".
    add('checkIn', 'They ask for time to pay: call to agree what is possible.');
  }
  if (intents.includes('price')) {
    add('discount', 'They say the price is too high.');
    add('installments', 'They say the price is too high.');
  }
  if (intents.some((i) => LEAVING_INTENTS.includes(i))) {
    if (hurt(input.impact))
      add(
        input.impact === 'severe' ? 'paymentHoliday' : 'installments',
        `They talk about leaving and the crisis hits them${impactText}.`,
      );
    add('discount', 'They talk about leaving.');
    add('checkIn', 'They talk about leaving: call before they decide.');
  }
  if (intents.includes('expansion')) add('upsell', 'They ask about more (seats, locations, plans).');
  if (facts.idleDays !== undefined && facts.idleDays >= input.dormantDays)
    add('reactivation', `No activity for ${facts.idleDays} days (dormant after ${input.dormantDays}).`);
  if (input.impact === 'severe') {
    add('paymentHoliday', `The crisis hits their industry hard${impactText}.`);
    add('installments', `The crisis hits their industry hard${impactText}.`);
  } else if (input.impact === 'hit' || facts.late) {
    const why = facts.late ? 'They pay late.' : `The crisis hits their industry${impactText}.`;
    add('installments', why);
    add('paymentHoliday', why);
  }
  if (input.band === 'High' || input.band === 'Critical') {
    add('discount', `${input.band} churn risk.`);
    add('checkIn', `${input.band} churn risk: talk to them this week.`);
  }
  if (input.impact === 'booming') add('upsell', 'The crisis grows their business (Booming).');
  if (facts.usageChange !== undefined && facts.usageChange <= -input.settings.fallingUsageShare)
    add('checkIn', `Usage fell ${Math.round(-facts.usageChange * 100)}% since last period: silent decline.`);
  if (input.band === 'Medium') add('checkIn', 'Medium churn risk: a check-in keeps it from growing.');
  add('none', 'Healthy: no retention move needed now.');
  return out;
}

function withValue(move: RetentionMove, input: PlaybookInput, facts: Facts): string | null {
  if (facts.value === undefined || !input.lines) return null;
  if (move === 'discount')
    return `Valuable: ${facts.basis} ${number.format(facts.value)}, in the ${topShareText(input.lines.discountTopShare)}.`;
  if (move === 'paymentHoliday' || move === 'installments')
    return `Worth keeping: ${facts.basis} ${number.format(facts.value)}, in the ${topShareText(input.lines.reliefTopShare)}.`;
  return null;
}

export function nextBestAction(input: PlaybookInput): Recommendation {
  const facts = factsOf(input);
  const refused: Refusal[] = [];
  const seen = new Set<RetentionMove>();
  const pick = (
    move: RetentionMove,
    reason: string,
    source: Recommendation['source'],
  ): Recommendation | null => {
    if (seen.has(move)) return null;
    seen.add(move);
    const why = guardRail(move, input, facts);
    if (why) {
      refused.push({ move, why });
      return null;
    }
    const reasons = [reason];
    const value = withValue(move, input, facts);
    if (value) reasons.push(value);
    return { move, label: MOVE_LABELS[move], reasons, refused: [...refused], source };
  };
  if (input.segmentPlaybook) {
    const { segment, move } = input.segmentPlaybook;
    const chosen = pick(move, `The playbook of segment "${segment}".`, 'segment');
    if (chosen) return chosen;
  }
  for (const { move, reason } of candidates(input, facts)) {
    const chosen = pick(move, reason, 'rules');
    if (chosen) return chosen;
  }
  // Unreachable: 'none' has no guard rail, and a churned customer always gets winBack.
  return { move: 'none', label: MOVE_LABELS.none, reasons: ['No move fits.'], refused, source: 'rules' };
}
