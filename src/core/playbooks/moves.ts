/**
 * The retention moves ChurnGuard recommends, as customer-success teams name them. Each has the
 * template a new spreadsheet ships for it (src/core/templates DEFAULT_TEMPLATES), so a move always
 * has words to send.
 */
export const MOVES = [
  'paymentHoliday',
  'installments',
  'discount',
  'upsell',
  'checkIn',
  'reactivation',
  'winBack',
  'none',
] as const;

export type RetentionMove = (typeof MOVES)[number];

export const MOVE_LABELS: Record<RetentionMove, string> = {
  paymentHoliday: 'Payment holiday',
  installments: 'Installments',
  discount: 'Discount',
  upsell: 'Upsell',
  checkIn: 'Check-in call',
  reactivation: 'Reactivation',
  winBack: 'Win-back',
  none: 'No move needed',
};

/** Words a manager may type in a sheet's Playbook cell for each move (compared folded, see parseMove). */
const MOVE_WORDS: Record<RetentionMove, readonly string[]> = {
  paymentHoliday: ['payment holiday', 'payment pause', 'pause payments', 'holiday', 'deferral', 'defer'],
  installments: ['installments', 'instalments', 'installment plan', 'payment plan', 'split payment'],
  discount: ['discount', 'price cut', 'rebate', 'coupon'],
  upsell: ['upsell', 'upgrade', 'expansion', 'cross-sell', 'cross sell'],
  checkIn: ['check-in', 'check in', 'check-in call', 'call', 'qbr', 'review'],
  reactivation: ['reactivation', 'reactivate', 'wake up', 'dormant'],
  winBack: ['win-back', 'win back', 'winback', 'come back'],
  none: ['none', 'no action', 'nothing', '-'],
};

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The move a sheet cell names, or null (the caller reports the cell). */
export function parseMove(text: string): RetentionMove | null {
  const t = fold(text);
  if (!t) return null;
  for (const move of MOVES) {
    if (fold(MOVE_LABELS[move]) === t || move.toLowerCase() === t.replace(/[\s-]/g, '')) return move;
    if (MOVE_WORDS[move].includes(t)) return move;
  }
  return null;
}

/** What a template's name or Offer/Segment cells must mention to serve a move, best first. */
export const MOVE_TEMPLATE_NAMES: Record<RetentionMove, readonly string[]> = {
  paymentHoliday: ['payment holiday', 'holiday', 'pause'],
  installments: ['installments', 'instalments', 'installment'],
  discount: ['discount'],
  upsell: ['upsell', 'upgrade', 'grow'],
  checkIn: ['check-in', 'check in', 'checkin'],
  reactivation: ['reactivation', 'reactivate'],
  winBack: ['win-back', 'win back', 'winback', 'reactivation'],
  none: [],
};

/** The template a move uses: by name, the exact label first, then a name mentioning the move. */
export function templateForMove<T extends { name: string }>(
  move: RetentionMove,
  templates: readonly T[],
): T | undefined {
  const names = MOVE_TEMPLATE_NAMES[move];
  for (const wanted of names) {
    const exact = templates.find((t) => fold(t.name) === wanted);
    if (exact) return exact;
  }
  for (const wanted of names) {
    const partial = templates.find((t) => fold(t.name).includes(wanted));
    if (partial) return partial;
  }
  return undefined;
}

/**
 * The move a template serves: the one `templateForMove` picks it for, so a campaign's offer follows
 * the same naming as the sidebar's. Undefined for a template no move uses (it has no guard rail).
 */
export function moveOfTemplate<T extends { name: string }>(
  templateName: string,
  templates: readonly T[],
): RetentionMove | undefined {
  return MOVES.find((m) => m !== 'none' && templateForMove(m, templates)?.name === templateName);
}
