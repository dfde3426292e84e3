/**
 * Campaign outcomes ("what works") compare the sheet's customers now with who was emailed. The cards
 * no longer read the sheet, so the snapshot keeps the three fields an outcome needs for each
 * campaign recipient; this turns them back into the customers computeOutcomes reads.
 */
import type { Customer } from '../../core/customers/customer';
import type { PortfolioSnapshot } from '../../core/portfolio/snapshot';

export function snapshotCustomers(snapshot: PortfolioSnapshot): Customer[] {
  return Object.entries(snapshot.outcomeCustomers).map(
    ([email, [row, churned, churnDate, lastActivity]]): Customer => ({
      row,
      email,
      tags: [],
      status: churned ? 'churned' : 'active',
      unsubscribed: false,
      raw: {},
      ...(churnDate !== null ? { churnDate: new Date(churnDate) } : {}),
      ...(lastActivity !== null ? { lastActivity: new Date(lastActivity) } : {}),
    }),
  );
}
