/**
 * Automatic reactivation: once a day, customers who have gone quiet for the chosen number of days get
 * the reactivation email, through an ordinary campaign (same log, same exactly-once runner, same
 * quota pauses). A customer gets it once per quiet spell: anyone already in an automatic reactivation
 * campaign since their last activity is left out, and becomes eligible again only after they were
 * active and went quiet once more.
 */
import type { Customer } from '../customers/customer';
import type { LoggedRecipient } from './log';

export const AUTO_REACTIVATION_NAME = 'Automatic reactivation';
const DAY_MS = 86_400_000;

export interface ReactivationAudience {
  members: Customer[];
  /** Dormant customers already emailed (or held out) for this quiet spell. */
  alreadyContacted: number;
}

/** When a campaign was planned, from its id (cmp-YYYYMMDD-HHMM-xxx); 0 when the id says nothing. */
export function campaignIdTime(id: string): number {
  const m = /^cmp-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})/.exec(id);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) : 0;
}

export function isAutoReactivation(campaignName: string): boolean {
  return campaignName.startsWith(AUTO_REACTIVATION_NAME);
}

export function reactivationAudience(
  customers: readonly Customer[],
  log: readonly LoggedRecipient[],
  dormantDays: number,
  today: Date,
): ReactivationAudience {
  // The last time each address was put in an automatic reactivation (emailed or held out).
  const lastAuto = new Map<string, number>();
  for (const r of log) {
    if (!isAutoReactivation(r.campaign)) continue;
    if (r.status === 'excluded' || r.status === 'cancelled' || r.status === 'failed') continue;
    // Still on its way (pending, sending, review): contacted, whatever the dates say.
    const settled = r.status === 'sent' || r.status === 'holdout';
    const at = settled ? (r.updated?.getTime() ?? campaignIdTime(r.campaignId)) : Number.POSITIVE_INFINITY;
    if (at > (lastAuto.get(r.email) ?? -1)) lastAuto.set(r.email, at);
  }
  const members: Customer[] = [];
  let alreadyContacted = 0;
  for (const c of customers) {
    if (c.status === 'churned' || c.unsubscribed || !c.lastActivity) continue;
    if (today.getTime() - c.lastActivity.getTime() < dormantDays * DAY_MS) continue;
    const contacted = lastAuto.get(c.email);
    if (contacted !== undefined && contacted >= c.lastActivity.getTime()) {
      alreadyContacted++;
      continue;
    }
    members.push(c);
  }
  return { members, alreadyContacted };
}
