import { churnUplift, type GroupOutcome } from '../../../src/core/watch/uplift';
import { upliftInWords, type Measure } from '../../../src/core/watch/uplift-words';

const words = (emailed: GroupOutcome, holdout: GroupOutcome, complete = true, measure: Measure = 'churn') =>
  upliftInWords({ measure, emailed, holdout, uplift: churnUplift(emailed, holdout), complete });

describe('campaign outcomes in words', () => {
  it('says too early to tell at day 0, with the counts, never a bare interval', () => {
    const w = words({ customers: 9, churned: 0 }, { customers: 3, churned: 0 }, false);
    expect(w.verdict).toBe('too-early');
    expect(w.headline).toBe('Too early to tell: 9 emailed, 3 held back, 0 churned so far');
    expect(w.headline).not.toMatch(/CI|interval/);
    expect(w.details).toMatch(/95% interval .* points/);
  });

  it('waits for enough outcomes even when the groups are large', () => {
    const w = words({ customers: 400, churned: 1 }, { customers: 40, churned: 2 }, false);
    expect(w.verdict).toBe('too-early');
    // The same figures after the window closed: too few, not too early.
    expect(words({ customers: 400, churned: 1 }, { customers: 40, churned: 2 }).verdict).toBe('too-few');
  });

  it('gives no verdict on a tiny holdout even when the interval excludes 0', () => {
    const tiny = churnUplift({ customers: 40, churned: 2 }, { customers: 4, churned: 4 })!;
    expect(tiny.significant).toBe(true);
    expect(words({ customers: 40, churned: 2 }, { customers: 4, churned: 4 }).verdict).toBe('too-few');
  });

  it('says it works when the emailed churned less and the interval excludes 0', () => {
    const w = words({ customers: 40, churned: 2 }, { customers: 10, churned: 5 });
    expect(w.verdict).toBe('works');
    expect(w.headline).toBe('Looks like it works: 2 of 40 emailed churned vs 5 of 10 held back');
    expect(w.details).toMatch(/^Churn 5% emailed vs 50% held back: −45 points \(95% interval −/);
  });

  it('says it backfires when the emailed churned more beyond doubt', () => {
    const w = words({ customers: 100, churned: 40 }, { customers: 50, churned: 5 });
    expect(w.verdict).toBe('backfires');
    expect(w.headline).toMatch(/^Looks like it backfires: 40 of 100 emailed churned vs 5 of 50 held back$/);
  });

  it('says no difference yet, or no clear difference once the window is over, when the interval crosses 0', () => {
    const e = { customers: 100, churned: 10 };
    const h = { customers: 50, churned: 6 };
    expect(churnUplift(e, h)!.significant).toBe(false);
    expect(words(e, h, false).headline).toBe(
      'No difference yet: 10 of 100 emailed churned vs 6 of 50 held back so far',
    );
    expect(words(e, h, true).headline).toBe(
      'No clear difference: 10 of 100 emailed churned vs 6 of 50 held back',
    );
  });

  it('reads reactivation the other way round: more active again among the emailed is the win', () => {
    const w = words({ customers: 60, churned: 30 }, { customers: 30, churned: 3 }, true, 'reactivation');
    expect(w.verdict).toBe('works');
    expect(w.headline).toBe('Looks like it works: 30 of 60 emailed active again vs 3 of 30 held back');
  });

  it('says there is nothing to compare with when nobody was held back', () => {
    const w = words({ customers: 12, churned: 1 }, { customers: 0, churned: 0 });
    expect(w.verdict).toBe('no-holdout');
    expect(w.headline).toBe("Can't tell: nobody was held back to compare with (12 customers emailed)");
  });
});
