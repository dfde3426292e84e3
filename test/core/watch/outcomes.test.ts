/** Campaign outcomes: churn and reactivation of emailed vs holdout over 30/60/90 days, by playbook. */
import type { LoggedRecipient } from '../../../src/core/campaigns/log';
import type { Customer } from '../../../src/core/customers/customer';
import { campaignOutcome, outcomesByPlaybook } from '../../../src/core/watch/outcomes';
import { churnUplift } from '../../../src/core/watch/uplift';
import { customerOf } from '../../helpers/customer';

const DAY = 86_400_000;
const start = new Date('2026-06-01T00:00:00Z');
const at = (days: number) => new Date(start.getTime() + days * DAY);

function world(today: Date) {
  const recipients: LoggedRecipient[] = [];
  const customers = new Map<string, Customer>();
  const add = (
    email: string,
    group: 'emailed' | 'holdout',
    over: Partial<Customer> = {},
    status = group === 'emailed' ? 'sent' : 'holdout',
  ) => {
    recipients.push({
      row: recipients.length + 2,
      campaignId: 'cmp-a',
      campaign: 'A',
      email,
      name: '',
      group,
      status: status as LoggedRecipient['status'],
      detail: '',
    });
    customers.set(email, customerOf(email, over));
  };
  // 100 emailed: 5 churn by day 20, 3 more by day 50; 10 active again on day 10, 10 more on day 70.
  for (let i = 0; i < 100; i++) {
    const churnDay = i < 5 ? 20 : i < 8 ? 50 : undefined;
    const activeDay = i >= 50 && i < 60 ? 10 : i >= 60 && i < 70 ? 70 : -200;
    add(`e${i}@x`, 'emailed', {
      ...(churnDay !== undefined ? { status: 'churned', churnDate: at(churnDay) } : {}),
      lastActivity: at(activeDay),
    });
  }
  // 20 held out: 4 churn by day 25; 1 active again on day 5.
  for (let i = 0; i < 20; i++)
    add(`h${i}@x`, 'holdout', {
      ...(i < 4 ? { status: 'churned', churnDate: at(25) } : {}),
      lastActivity: at(i === 10 ? 5 : -200),
    });
  // Noise: another campaign's row, an emailed customer since deleted, a failed send.
  recipients.push({
    row: 999,
    campaignId: 'cmp-b',
    campaign: 'B',
    email: 'e1@x',
    name: '',
    group: 'emailed',
    status: 'sent',
    detail: '',
  });
  recipients.push({
    row: 1000,
    campaignId: 'cmp-a',
    campaign: 'A',
    email: 'gone@x',
    name: '',
    group: 'emailed',
    status: 'sent',
    detail: '',
  });
  recipients.push({
    row: 1001,
    campaignId: 'cmp-a',
    campaign: 'A',
    email: 'f@x',
    name: '',
    group: 'emailed',
    status: 'failed',
    detail: 'x',
  });
  return campaignOutcome({
    campaignId: 'cmp-a',
    start,
    recipients,
    customers,
    repliedEmails: new Set(['e1@x', 'e2@x', 'h1@x']),
    today,
  });
}

describe('campaign outcomes', () => {
  it('matches the hand count per window, marks open windows, and counts replies among the emailed', () => {
    const o = world(at(45));
    expect(o).toMatchObject({ emailed: 101, holdout: 20, replies: 2 });
    const [d30, d60, d90] = o.windows;
    expect(d30).toMatchObject({
      days: 30,
      complete: true,
      emailed: { customers: 100, churned: 5, reactivated: 10 },
      holdout: { customers: 20, churned: 4, reactivated: 1 },
    });
    expect(d30!.churn).toEqual(churnUplift({ customers: 100, churned: 5 }, { customers: 20, churned: 4 }));
    expect(d30!.churn!.difference).toBeCloseTo(0.05 - 0.2, 10);
    expect(d30!.reactivation!.difference).toBeCloseTo(0.1 - 0.05, 10);
    // Day 45: the 60-day window is open and shows what happened so far (the day-50 churn not yet).
    expect(d60).toMatchObject({ complete: false, emailed: { churned: 5 } });
    expect(d90!.complete).toBe(false);

    const later = world(at(120));
    expect(later.windows.map((w) => [w.days, w.complete, w.emailed.churned, w.emailed.reactivated])).toEqual([
      [30, true, 5, 10],
      [60, true, 8, 10],
      [90, true, 8, 20],
    ]);
  });

  it('pools playbooks at their longest complete window, best retention first', () => {
    const a = world(at(120));
    const young = world(at(10));
    const rows = outcomesByPlaybook([
      { playbook: 'Payment holiday', outcome: a },
      { playbook: 'Payment holiday', outcome: a },
      {
        playbook: 'Discount',
        outcome: { ...a, windows: a.windows.map((w) => ({ ...w, emailed: { ...w.emailed, churned: 30 } })) },
      },
      { playbook: 'Upsell', outcome: young },
    ]);
    expect(rows.map((r) => [r.playbook, r.campaigns, r.emailed.churned, r.holdout.churned])).toEqual([
      ['Payment holiday', 2, 16, 8],
      ['Discount', 1, 30, 4],
    ]);
    expect(rows[0]!.churn!.difference).toBeCloseTo(16 / 200 - 8 / 40, 10);
  });
});
