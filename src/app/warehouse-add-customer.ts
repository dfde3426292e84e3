/**
 * Adding an unknown sender when BigQuery is the customer store (issue 21). The sheet store appends a
 * row; the warehouse does not, on purpose: its customers table is rebuilt from the team's own source
 * (a CRM or billing export, synced daily and by Settings → Refresh from source) or written by the
 * team's own loader, so a row ChurnGuard made up would hold only an address and a name, score as
 * "unknown" on every signal, and either vanish or duplicate the real one at the next load. What a
 * team on BigQuery needs is to add the customer where their customers live; the card says where,
 * and when ChurnGuard will see them.
 */
import type { Settings } from '../core/settings/settings';
import { storeTableName } from '../core/settings/store';
import { UserFacingError } from './errors';
import { storeOf } from './store-choice';

/** Where to add a customer and when ChurnGuard sees them, for the BigQuery store ('' on the sheet). */
export function whereToAddCustomer(settings: Settings, email: string): string {
  const store = storeOf(settings);
  if (store.kind !== 'bigquery') return '';
  return store.source
    ? `To add ${email}, add them to your source table ${store.source}: ChurnGuard reads customers from it at the daily sync, or at once with Settings → Refresh from source.`
    : `To add ${email}, add them where your team loads ${storeTableName(store)} from: ChurnGuard reads customers from that table, so they show here after your next load.`;
}

/** The add button's answer on the BigQuery store (a card drawn before Settings changed may still offer it). */
export function refuseWarehouseAdd(settings: Settings, email: string): never {
  throw new UserFacingError(
    'Customers come from BigQuery',
    whereToAddCustomer(settings, email),
    'ChurnGuard does not add rows to a table your team loads: the next load would drop or duplicate them.',
  );
}
