/**
 * Did the campaign work? The churn rate of emailed customers against the holdout group, with the
 * difference and a 95% confidence interval by Newcombe's hybrid score method (Wilson intervals per
 * group), which behaves well for the small groups and low rates retention teams see, where the
 * textbook Wald interval does not.
 */
export interface GroupOutcome {
  customers: number;
  churned: number;
}

export interface Uplift {
  emailedRate: number;
  holdoutRate: number;
  /** emailed − holdout: negative means less churn among the emailed. */
  difference: number;
  low: number;
  high: number;
  /** True when the interval excludes 0. */
  significant: boolean;
}

function wilson(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [centre - half, centre + half];
}

export function churnUplift(emailed: GroupOutcome, holdout: GroupOutcome, z = 1.959964): Uplift | null {
  if (emailed.customers === 0 || holdout.customers === 0) return null;
  const p1 = emailed.churned / emailed.customers;
  const p2 = holdout.churned / holdout.customers;
  const [l1, u1] = wilson(emailed.churned, emailed.customers, z);
  const [l2, u2] = wilson(holdout.churned, holdout.customers, z);
  const d = p1 - p2;
  const low = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return { emailedRate: p1, holdoutRate: p2, difference: d, low, high, significant: low > 0 || high < 0 };
}
