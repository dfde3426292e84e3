/** Whole points per reason always add up to the whole score the card shows. */
import { shownReasons, pointsText } from '../../../src/core/risk/shown-points';
import { withStatedIntent } from '../../../src/core/risk/stated-intent';
import type { RiskScore } from '../../../src/core/risk/scorecard';

const risk = (points: number[]): RiskScore => ({
  score: points.reduce((s, p) => s + p, 0),
  band: 'Low',
  basedOn: [],
  churned: false,
  contributions: points.map((p, i) => ({ signal: 'inactivity', points: p, severity: 0, sentence: `r${i}` })),
});

describe('shown points', () => {
  it('gives the rounding losses back so the lines sum to the rounded score', () => {
    for (const points of [
      [2.4, 2.4, 2.4],
      [10.5, -3.25, 0.6, 0.6, 0.6],
      [33.3, 33.3, 33.4],
      [49.6, -0.4],
    ]) {
      const r = risk(points);
      expect(shownReasons(r).reduce((s, l) => s + l.points, 0)).toBe(Math.round(r.score!));
    }
    expect(pointsText(-2)).toBe('−2 points');
    expect(pointsText(1)).toBe('+1 point');
  });

  it('lifts an explicit decision to leave to High, first, and keeps the sum', () => {
    const low = { ...risk([5, 3]), band: 'Low' as const };
    const lifted = withStatedIntent(low, { churnSignal: 0.68, phrase: 'switch supplier', explicit: true });
    expect(lifted.band).toBe('High');
    expect(lifted.contributions[0]!.signal).toBe('emailIntent');
    expect(lifted.contributions.reduce((s, c) => s + c.points, 0)).toBeCloseTo(lifted.score!, 9);
    // A worry, not a decision, raises the score without the floor; a score of 90 stays above 90.
    const worried = withStatedIntent(low, { churnSignal: 0.15, phrase: 'may cancel' });
    expect(worried.score!).toBeGreaterThan(8);
    expect(worried.score!).toBeLessThan(25);
    expect(
      withStatedIntent(risk([90]), { churnSignal: 0.9, phrase: 'cancel', explicit: true }).score!,
    ).toBeGreaterThan(90);
  });
});
