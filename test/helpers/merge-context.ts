/**
 * The merge context the template tests share: English (US) formats in UTC on 2026-11-20, and a sender
 * and company a placeholder can name. A test that needs another locale spreads it and overrides.
 */
import type { MergeContext } from '../../src/core/templates';

export const MERGE_CTX: MergeContext = {
  locale: 'en_US',
  timeZone: 'Etc/UTC',
  currency: 'USD',
  today: new Date('2026-11-20T10:00:00Z'),
  senderName: 'Aigerim',
  companyName: 'Nimbus Ops',
};
