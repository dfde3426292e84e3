/**
 * Whole points per reason that add up to the whole score the card shows. Rounding each line on its
 * own can miss the rounded total by a point or two (three lines of 2.4 show 2 + 2 + 2 = 6 beside a
 * score of 7); the lines whose rounding lost the most are given the missing points (largest
 * remainder), so "Why this score" always sums to the card's number. Lines that round to 0 are left out.
 */
import { count } from '../text/format';
import type { Contribution, RiskScore } from './risk-score';

export interface ShownReason {
  contribution: Contribution;
  /** A whole number of points, negative when the reason lowers the risk. */
  points: number;
}

export function shownReasons(risk: RiskScore): ShownReason[] {
  if (risk.score === undefined) return [];
  const lines = risk.contributions.map((c) => ({ contribution: c, points: Math.round(c.points) }));
  let missing = Math.round(risk.score) - lines.reduce((s, l) => s + l.points, 0);
  const residual = (l: (typeof lines)[number]) => l.contribution.points - l.points;
  while (missing !== 0 && lines.length > 0) {
    const up = missing > 0;
    const pick = lines.reduce((best, l) =>
      (up ? residual(l) > residual(best) : residual(l) < residual(best)) ? l : best,
    );
    pick.points += up ? 1 : -1;
    missing += up ? -1 : 1;
  }
  return lines.filter((l) => l.points !== 0);
}

/** "+3 points", "−2 points", "+1 point". */
export function pointsText(points: number): string {
  const n = Math.abs(points);
  return `${points < 0 ? '−' : '+'}${count(n, 'point')}`;
}
