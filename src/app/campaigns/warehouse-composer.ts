/**
 * A warehouse campaign's emails: each recipient's row read from customers_current (its raw cells
 * through the sheet parser, as the sidebar reads a customer) and merged by the composer every store
 * shares, so the email is the one the sheet store would send that customer. Rows are read a window
 * of the next recipients at a time (one query per RECIPIENT_WINDOW sends), not one query per email.
 */
import { normaliseEmail } from '../../core/email/address';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { readWarehouseRows, WAREHOUSE_CELLS } from '../warehouse-customer';
import { composerOver, type Located } from './composer';
import type { ComposerFactory } from './run';
import { requireCampaignWarehouse } from './warehouse-log';

/** Recipients whose rows one query reads: about a minute of sends through an email service. */
export const RECIPIENT_WINDOW = 500;

export const warehouseComposer: ComposerFactory = (ctx: AppContext, meta) =>
  composerOver(ctx, meta, () => {
    const { settings } = loadSettings(ctx.userStore);
    const warehouse = requireCampaignWarehouse(ctx);
    const known = new Map<string, Located>();
    return (email) => {
      if (!known.has(email)) {
        const read = readWarehouseRows(
          warehouse.recipientRows(meta.id, email, RECIPIENT_WINDOW),
          settings.mapping,
        );
        // The first row of an address wins, as the sheet's Email-column read keeps the first row.
        for (const customer of read.customers) {
          const key = normaliseEmail(customer.email);
          if (!known.has(key)) known.set(key, { customer, sheet: WAREHOUSE_CELLS });
        }
        if (!known.has(email)) known.set(email, null);
      }
      return known.get(email) ?? null;
    };
  });
