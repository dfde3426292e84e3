/**
 * The next best retention move for one customer, with the reason for it and the guard rails that
 * refused other moves. Candidates are tried in the order a customer-success lead would weigh them
 * (what the customer just wrote, then the crisis, then risk, then growth); the first one the guard
 * rails allow wins. A segment's playbook goes first, but never past a guard rail: no discount for a
 * customer the crisis helps or whose value does not justify it, no relief for the unhurt, no upsell
 * to a customer who is struggling.
 */
import { IMPACT_WORD } from '../customers/customer';
import type { IntentId } from '../intent/types';
import { asksForTime, factsOf, hurt, refusalOf, type Facts, type PlaybookInput } from './guard-rail';
import { MOVE_LABELS, type RetentionMove } from './moves';
import { topShareText, valueText } from './value';

export type { PlaybookInput } from './guard-rail';

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

/** Why a guard rail refuses `move` for this customer, or null when the move is allowed (see guard-rail.ts). */
export function guardRail(move: RetentionMove, input: PlaybookInput, facts = factsOf(input)): string | null {
  return refusalOf(move, input, facts)?.why ?? null;
}

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
    return `Valuable: ${facts.basis} ${valueText(facts.value)}, in the ${topShareText(input.lines.discountTopShare)}.`;
  if (move === 'paymentHoliday' || move === 'installments')
    return `Worth keeping: ${facts.basis} ${valueText(facts.value)}, in the ${topShareText(input.lines.reliefTopShare)}.`;
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
