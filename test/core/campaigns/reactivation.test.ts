/** Automatic reactivation's audience: quiet customers, once per quiet spell. */
import type { LoggedRecipient } from '../../../src/core/campaigns/log';
import type { Customer } from '../../../src/core/customers/customer';
import { campaignIdTime, reactivationAudience } from '../../../src/core/campaigns/reactivation';
import { customerOf } from '../../helpers/customer';

const DAY = 86_400_000;
const today = new Date('2026-11-20T12:00:00Z');
const ago = (d: number) => new Date(today.getTime() - d * DAY);
const customer = (email: string, idle: number, over: Partial<Customer> = {}): Customer =>
  customerOf(email, { lastActivity: ago(idle), ...over });
const logged = (
  email: string,
  status: LoggedRecipient['status'],
  campaignId: string,
  campaign = 'Automatic reactivation 2026-10-01',
  updated?: Date,
): LoggedRecipient => ({
  row: 2,
  campaignId,
  campaign,
  email,
  name: '',
  group: status === 'holdout' ? 'holdout' : 'emailed',
  status,
  detail: '',
  ...(updated ? { updated } : {}),
});

describe('reactivation audience', () => {
  it('takes the quiet, leaves the active, churned, unsubscribed and those without activity data', () => {
    const a = reactivationAudience(
      [
        customer('quiet@x', 130),
        customer('edge@x', 120),
        customer('active@x', 30),
        customer('gone@x', 200, { status: 'churned' }),
        customer('unsub@x', 200, { unsubscribed: true }),
        { ...customer('nodata@x', 0), lastActivity: undefined },
      ],
      [],
      120,
      today,
    );
    expect(a.members.map((c) => c.email)).toEqual(['quiet@x', 'edge@x']);
  });

  it('contacts a customer once per quiet spell, and again after they were active and went quiet', () => {
    const log = [
      logged('once@x', 'sent', 'cmp-20261001-0900-aaa', undefined, ago(50)),
      logged('held@x', 'holdout', 'cmp-20261001-0900-aaa'),
      logged('sending@x', 'pending', 'cmp-20261119-0900-bbb'),
      logged('failed@x', 'failed', 'cmp-20261001-0900-aaa', undefined, ago(50)),
      logged('manual@x', 'sent', 'cmp-20261001-0900-ccc', 'Relief November', ago(50)),
      logged('again@x', 'sent', 'cmp-20260101-0900-ddd', undefined, ago(320)),
    ];
    const a = reactivationAudience(
      [
        customer('once@x', 150),
        customer('held@x', 150),
        customer('sending@x', 150),
        customer('failed@x', 150),
        customer('manual@x', 150),
        // Emailed last January, active in spring (200 days ago), quiet since.
        customer('again@x', 200),
      ],
      log,
      120,
      today,
    );
    expect(a.members.map((c) => c.email)).toEqual(['failed@x', 'manual@x', 'again@x']);
    expect(a.alreadyContacted).toBe(3);
  });

  it('reads when a campaign was planned from its id', () => {
    expect(new Date(campaignIdTime('cmp-20261001-0930-x1y')).toISOString()).toBe('2026-10-01T09:30:00.000Z');
    expect(campaignIdTime('something')).toBe(0);
  });
});
