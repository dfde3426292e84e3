import type { Customer } from '../../../src/core/customers/customer';
import { customerOf } from '../../helpers/customer';
import {
  countStatuses,
  estimateFinish,
  inHoldout,
  logRow,
  LOG_HEADERS,
  planAudience,
  readLog,
  type AudienceInput,
} from '../../../src/core/campaigns';
import { isWinBackTemplate } from '../../../src/core/campaigns/audience';

const TODAY = new Date('2026-11-20T00:00:00Z');
const c = customerOf;

function plan(members: Customer[], over: Partial<AudienceInput> = {}) {
  return planAudience({
    campaignId: 'cmp-1',
    campaign: 'Relief',
    members,
    winBack: false,
    lastEmailed: new Map(),
    coolDownDays: 14,
    holdoutPercent: 0,
    today: TODAY,
    ...over,
  });
}

describe('planAudience', () => {
  it('excludes with a reason, and counts every exclusion', () => {
    const p = plan(
      [
        c('a@x.example', { row: 2 }),
        c('A@X.example ', { row: 3 }),
        c('gone@x.example', { status: 'churned' }),
        c('stop@x.example', { unsubscribed: true }),
        c('not-an-address', { row: 7 }),
        c('recent@x.example'),
        c('old@x.example'),
      ],
      {
        lastEmailed: new Map([
          ['recent@x.example', new Date('2026-11-10T00:00:00Z')],
          ['old@x.example', new Date('2026-10-01T00:00:00Z')],
        ]),
      },
    );
    expect(p.emailed).toBe(2);
    expect(p.excluded).toEqual({
      'guard rail': 0,
      unsubscribed: 1,
      churned: 1,
      'not churned': 0,
      'invalid address': 1,
      'duplicate address': 1,
      'cool-down': 1,
      blank: 0,
    });
    expect(p.entries.map((e) => [e.email, e.status, e.detail])).toEqual([
      ['a@x.example', 'pending', ''],
      ['a@x.example', 'excluded', 'Same address as another member (row 3)'],
      ['gone@x.example', 'excluded', 'Churned (the template is not a win-back)'],
      ['stop@x.example', 'excluded', 'Unsubscribed'],
      ['not-an-address', 'excluded', "Invalid email address: 'not-an-address' (row 7)"],
      [
        'recent@x.example',
        'excluded',
        'Emailed by another campaign recently (2026-11-10; cool-down 14 days)',
      ],
      ['old@x.example', 'pending', ''],
    ]);
    // Nobody is lost: every member has exactly one row.
    expect(p.entries).toHaveLength(7);
  });

  it('knows a win-back template by its name', () => {
    expect(['Win-back', 'win back offer', 'Winback 2026'].map(isWinBackTemplate)).toEqual([true, true, true]);
    expect(['Payment holiday', 'Winter sale'].map(isWinBackTemplate)).toEqual([false, false]);
  });

  it('sends a win-back only to customers who left', () => {
    const p = plan([c('gone@x.example', { status: 'churned' }), c('here@x.example')], { winBack: true });
    expect(p.entries.map((e) => e.status)).toEqual(['pending', 'excluded']);
    expect(p.excluded['not churned']).toBe(1);
  });

  it('holds back a stable share, the same on every re-plan', () => {
    const members = Array.from({ length: 2000 }, (_, i) => c(`m${i}@x.example`));
    const first = plan(members, { holdoutPercent: 10 });
    const again = plan(members, { holdoutPercent: 10 });
    expect(first.holdout).toBeGreaterThan(150);
    expect(first.holdout).toBeLessThan(250);
    expect(again.entries).toEqual(first.entries);
    expect(first.emailed + first.holdout).toBe(2000);
    expect(inHoldout('cmp-1', 'M5@X.example', 10)).toBe(inHoldout('cmp-1', 'm5@x.example', 10));
    expect(plan(members, { holdoutPercent: 0 }).holdout).toBe(0);
  });

  it('lists members whose email would have a blank, so the send can wait for a fix', () => {
    const p = plan([c('a@x.example', { row: 9 })], {
      unmergeable: new Map([['a@x.example', 'no value for {{First name}}']]),
    });
    expect(p.blocked).toEqual([{ email: 'a@x.example', row: 9, reason: 'no value for {{First name}}' }]);
  });

  it('excludes them with the reason instead when the audience is written after Start (blanks: exclude)', () => {
    const p = plan([c('a@x.example', { row: 9 }), c('b@x.example', { row: 10 })], {
      unmergeable: new Map([['a@x.example', 'no value for {{First name}}']]),
      blanks: 'exclude',
    });
    expect(p.blocked).toEqual([]);
    expect(p.excluded.blank).toBe(1);
    expect(p.emailed).toBe(1);
    expect(p.entries.map((e) => [e.email, e.status, e.detail])).toEqual([
      ['a@x.example', 'excluded', 'Their email would have a blank (row 9): no value for {{First name}}'],
      ['b@x.example', 'pending', ''],
    ]);
  });
});

describe('the Campaigns tab', () => {
  it('round-trips rows, reads loosely named headers and reports a bad status by cell', () => {
    const entry = {
      campaignId: 'cmp-1',
      campaign: 'Relief',
      email: 'a@x.example',
      name: 'Ann',
      group: 'emailed' as const,
      status: 'sent' as const,
      updated: TODAY,
      detail: '',
    };
    const read = readLog([
      [...LOG_HEADERS],
      logRow(entry),
      ['cmp-1', 'Relief', 'b@x.example', 'B', 'emailed', 'snet'],
    ]);
    expect(read.recipients).toEqual([{ ...entry, row: 2 }]);
    expect(read.issues).toEqual([
      "Campaigns!F3 (Status): unknown status 'snet'; statuses are pending, sending, sent, failed, review, excluded, holdout, cancelled",
    ]);
    expect(readLog([]).recipients).toEqual([]);
    expect(() => readLog([['Campaign ID', 'Email']])).toThrow(
      'The "Campaigns" tab is missing the columns Campaign, Name, Group, Status, Updated, Detail.',
    );
  });
});

describe('progress', () => {
  it('counts statuses', () => {
    expect(countStatuses([{ status: 'sent' }, { status: 'sent' }, { status: 'review' }])).toMatchObject({
      sent: 2,
      review: 1,
      pending: 0,
    });
  });

  it('estimates hourly runs within the quota, and days when the quota is the limit', () => {
    const now = new Date('2026-11-20T09:00:00Z');
    expect(
      estimateFinish({
        pending: 1500,
        now,
        quotaLeftToday: 1500,
        dailyQuota: 1500,
        perRun: 400,
        runEveryMinutes: 60,
      }),
    ).toEqual({ at: new Date('2026-11-20T12:00:00Z'), runs: 4, quotaDays: 0 });
    expect(
      estimateFinish({
        pending: 250,
        now,
        quotaLeftToday: 40,
        dailyQuota: 100,
        perRun: 400,
        runEveryMinutes: 60,
      }),
    ).toEqual({ at: new Date('2026-11-23T09:00:00Z'), runs: 4, quotaDays: 3 }); // 40 today, then 100, 100 and 10
    expect(
      estimateFinish({ pending: 0, now, quotaLeftToday: 0, dailyQuota: 100, perRun: 1, runEveryMinutes: 60 }),
    ).toEqual({ at: now, runs: 0, quotaDays: 0 });
  });
});
