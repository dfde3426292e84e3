/** A customer as the sheet reader makes one, with only what a test sets. */
import type { Customer } from '../../src/core/customers/customer';

export function customerOf(email: string, over: Partial<Customer> = {}): Customer {
  return { row: 2, email, tags: [], status: 'active', unsubscribed: false, raw: {}, ...over };
}
