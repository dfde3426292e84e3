import { byUrgency } from '../../../src/core/watch/alerts';
import type { AlertKind } from '../../../src/core/watch/events';
import type { Customer } from '../../../src/core/customers/customer';
import type { RiskScore } from '../../../src/core/risk/scorecard';
import {
  activeAlerts,
  alertRow,
  ALERT_HEADERS,
  buildDigests,
  churnUplift,
  compactPoints,
  decodePoints,
  decodeState,
  detectEvents,
  encodePoints,
  encodeState,
  newAlerts,
  readAlerts,
  trendOf,
  type Alert,
  type ScorePoint,
} from '../../../src/core/watch';

const day = (d: Date) => d.toISOString().slice(0, 10);
const TODAY = new Date('2026-11-20T06:00:00Z');
const daysAgo = (n: number) => new Date(TODAY.getTime() - n * 86_400_000);

const customer = (over: Partial<Customer> = {}): Customer => ({
  row: 2,
  email: 'a@x.example',
  name: 'Ann',
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw: {},
  ...over,
});
const risk = (score: number, band: RiskScore['band']): RiskScore => ({
  score,
  band,
  basedOn: [],
  contributions: [],
  churned: false,
});

describe('score history', () => {
  it('round-trips points and state, ignoring garbage', () => {
    const points: ScorePoint[] = [
      { day: '2026-11-19', score: 44, band: 'Medium' },
      { day: '2026-11-20', score: 51, band: 'High' },
    ];
    expect(encodePoints(points)).toBe('20261119:44:M 20261120:51:H');
    expect(decodePoints(`${encodePoints(points)} junk 2026:1:X`)).toEqual(points);
    const state = { day: '2026-11-20', score: 51, band: 'High' as const, overdueInvoices: 2, nps: 6 };
    expect(decodeState(encodeState(state))).toEqual(state);
    expect(decodeState('not json')).toBeUndefined();
  });

  it('stays bounded after two years of daily scans: daily, then weekly, then monthly', () => {
    let points: ScorePoint[] = [];
    const start = new Date('2024-11-20T06:00:00Z');
    for (let i = 0; i <= 730; i++) {
      const d = day(new Date(start.getTime() + i * 86_400_000));
      points = compactPoints([...points, { day: d, score: i % 100, band: 'Low' }], d);
    }
    expect(points.length).toBeLessThanOrEqual(30 + 13 + 13);
    expect(points.length).toBeGreaterThan(50);
    expect(encodePoints(points).length).toBeLessThan(1000);
    expect(points[points.length - 1]!.day).toBe('2026-11-20');
    // The last 30 days are all there.
    expect(points.filter((p) => p.day > '2026-10-21')).toHaveLength(30);
  });

  it('gives the trend since the last scan before today', () => {
    const points = decodePoints('20261118:40:M 20261119:44:M 20261120:51:H');
    expect(trendOf(points, '2026-11-20', 51)).toEqual({
      since: '2026-11-19',
      change: 7,
      previousBand: 'Medium',
    });
    expect(trendOf([], '2026-11-20', 51)).toBeUndefined();
  });
});

describe('danger-zone events', () => {
  const previous = { day: '2026-11-19', score: 40, band: 'Medium' as const, overdueInvoices: 0, nps: 8 };

  it('raises each kind with a key naming the event', () => {
    const c = customer({
      lastActivity: daysAgo(95),
      overdueInvoices: 2,
      renewalDate: new Date('2026-12-10T00:00:00Z'),
      nps: 5,
    });
    const events = detectEvents({
      customer: c,
      risk: risk(62, 'High'),
      previous,
      today: TODAY,
      emailSignals: [
        { email: 'a@x.example', messageId: 'm1', day: '2026-11-19', label: 'Cancellation', phrase: 'cancel' },
      ],
    });
    expect(events.map((e) => [e.kind, e.key])).toEqual([
      ['bandUp', 'a@x.example|bandUp|High|2026-11-20'],
      ['inactive', 'a@x.example|inactive|90|2026-08-17'],
      ['paymentOverdue', 'a@x.example|paymentOverdue|2026-11-20'],
      ['renewalSoon', 'a@x.example|renewalSoon|30|2026-12-10'],
      ['npsDetractor', 'a@x.example|npsDetractor|2026-11-20'],
      ['churnEmail', 'a@x.example|churnEmail|m1'],
    ]);
    expect(events[1]!.reason).toBe('No activity for 95 days (since 2026-08-17).');
  });

  it('needs a previous scan for change events, and ignores churned customers', () => {
    const c = customer({ overdueInvoices: 1, nps: 3 });
    expect(detectEvents({ customer: c, risk: risk(80, 'Critical'), today: TODAY })).toEqual([]);
    expect(
      detectEvents({
        customer: { ...c, status: 'churned' },
        risk: risk(80, 'Critical'),
        previous,
        today: TODAY,
      }),
    ).toEqual([]);
  });

  it('reports a jump within a band, but not a small rise', () => {
    expect(
      detectEvents({
        customer: customer(),
        risk: risk(58, 'High'),
        previous: { ...previous, band: 'High', score: 40 },
        today: TODAY,
      }).map((e) => e.kind),
    ).toEqual(['scoreJump']);
    expect(detectEvents({ customer: customer(), risk: risk(45, 'Medium'), previous, today: TODAY })).toEqual(
      [],
    );
  });
});

describe('alerts', () => {
  const details = () => ({ customer: 'Ann', owner: 'am@nimbus.example', move: 'Check-in call' });

  it('raises an event once, ever, and lists open and expired-snooze alerts', () => {
    const events = detectEvents({
      customer: customer({ lastActivity: daysAgo(40) }),
      risk: risk(30, 'Medium'),
      today: TODAY,
    });
    const first = newAlerts(events, new Set(), details, '2026-11-20');
    expect(first).toHaveLength(1);
    const again = newAlerts([...events, ...events], new Set(first.map((a) => a.key)), details, '2026-11-21');
    expect(again).toEqual([]);
    const snoozed: Alert = { ...first[0]!, status: 'snoozed', snoozedUntil: '2026-11-25' };
    expect(activeAlerts([snoozed], '2026-11-24')).toEqual([]);
    expect(activeAlerts([snoozed], '2026-11-25')).toHaveLength(1);
    expect(activeAlerts([{ ...snoozed, status: 'done' }], '2026-12-30')).toEqual([]);
  });

  it('round-trips the Alerts tab and reports a bad status', () => {
    const a = newAlerts(
      detectEvents({
        customer: customer({ lastActivity: daysAgo(40) }),
        risk: risk(30, 'Medium'),
        today: TODAY,
      }),
      new Set(),
      details,
      '2026-11-20',
    )[0]!;
    const typed = (row: unknown[]) =>
      row.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v));
    const read = readAlerts([
      [...ALERT_HEADERS],
      typed(alertRow(a)),
      [...typed(alertRow(a)).slice(0, 8), 'maybe'],
    ]);
    expect(read.alerts[0]).toEqual({ ...a, row: 2 });
    expect(read.issues).toEqual(["Alerts!row 3 (Status): unknown status 'maybe'"]);
  });
});

describe('daily digest', () => {
  const alert = (owner: string, customerName: string, kind: Alert['kind']): Alert => ({
    key: `${customerName}|${kind}`,
    raised: '2026-11-20',
    customer: customerName,
    email: `${customerName}@x.example`,
    owner,
    kind,
    reason: 'Reason.',
    move: 'Check-in call',
    status: 'open' as Alert['status'],
  });

  it('sends each manager only their customers, most urgent first, and escapes customer data', () => {
    const digests = buildDigests(
      [
        alert('aigerim@nimbus.example', 'Zed', 'inactive'),
        alert('ola@nimbus.example', '<script>x</script>', 'bandUp'),
        alert('aigerim@nimbus.example', 'Bek', 'churnEmail'),
        alert('', 'Orphan', 'renewalSoon'),
      ],
      'lead@nimbus.example',
      '2026-11-20',
    );
    expect(digests.map((d) => [d.owner, d.alerts.map((a) => a.customer)])).toEqual([
      ['aigerim@nimbus.example', ['Bek', 'Zed']],
      ['ola@nimbus.example', ['<script>x</script>']],
      ['lead@nimbus.example', ['Orphan']],
    ]);
    expect(digests[1]!.htmlBody).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(digests[1]!.htmlBody).not.toContain('<script>');
    expect(digests[0]!.subject).toBe('ChurnGuard: 2 customer alerts for 2026-11-20');
    expect(digests[0]!.textBody).toMatch(/^2 customer alerts need your attention today:/);
    // One alert reads in the singular, in the subject and the body.
    expect(digests[1]!.subject).toBe('ChurnGuard: 1 customer alert for 2026-11-20');
    expect(digests[1]!.textBody).toMatch(/^1 customer alert needs your attention today:/);
    expect(digests[1]!.htmlBody).toContain('<p>1 customer alert needs your attention today:</p>');
    expect(buildDigests([], 'lead@nimbus.example', '2026-11-20')).toEqual([]);
  });

  it('lists at most a hundred alerts in one email and counts the rest', () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      alert('ola@nimbus.example', `C${String(i).padStart(3, '0')}`, 'inactive'),
    );
    const [d] = buildDigests(many, 'lead@nimbus.example', '2026-11-20');
    expect(d!.subject).toBe('ChurnGuard: 250 customer alerts for 2026-11-20');
    expect(d!.textBody.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(100);
    expect(d!.textBody).toContain('…and 150 more in the Alerts tab.');
    expect((d!.htmlBody.match(/<li>/g) ?? []).length).toBe(100);
    expect(d!.alerts).toHaveLength(250);
  });
});

describe('campaign uplift', () => {
  it("matches Newcombe's (1998) worked examples for method 10", () => {
    const r = (x: number) => Math.round(x * 10_000) / 10_000;
    const a = churnUplift({ customers: 70, churned: 56 }, { customers: 80, churned: 48 })!;
    expect([r(a.difference), r(a.low), r(a.high)]).toEqual([0.2, 0.0524, 0.3339]);
    const b = churnUplift({ customers: 10, churned: 9 }, { customers: 10, churned: 3 })!;
    expect([r(b.low), r(b.high)]).toEqual([0.1705, 0.809]);
    const c = churnUplift({ customers: 7, churned: 6 }, { customers: 7, churned: 2 })!;
    expect([r(c.low), r(c.high)]).toEqual([0.0582, 0.8062]);
  });

  it('says whether the campaign cut churn beyond chance, and needs both groups', () => {
    const helped = churnUplift({ customers: 900, churned: 45 }, { customers: 100, churned: 15 })!;
    expect(helped.difference).toBeCloseTo(-0.1);
    expect(helped.significant).toBe(true);
    expect(churnUplift({ customers: 200, churned: 20 }, { customers: 50, churned: 10 })!.significant).toBe(
      false,
    );
    expect(churnUplift({ customers: 10, churned: 1 }, { customers: 0, churned: 0 })).toBeNull();
  });
});

describe('byUrgency: the order a manager should act on alerts', () => {
  const alert = (kind: AlertKind, raised: string, move = 'Check-in call'): Alert => ({
    key: `${kind}-${raised}`,
    raised,
    customer: '',
    email: `${kind}@x.example`,
    owner: '',
    kind,
    reason: '',
    move,
    status: 'open' as Alert['status'],
  });

  it('puts a stated churn intent first and a renewal reminder without a move last, whatever their dates', () => {
    const sorted = [
      alert('renewalSoon', '2026-12-02', ''),
      alert('renewalSoon', '2026-12-01'),
      alert('inactive', '2026-12-02'),
      alert('churnEmail', '2026-11-01'),
      alert('paymentOverdue', '2026-12-02'),
    ].sort(byUrgency);
    expect(sorted.map((a) => `${a.kind}${a.move ? '' : ' (no move)'}`)).toEqual([
      'churnEmail',
      'paymentOverdue',
      'inactive',
      'renewalSoon',
      'renewalSoon (no move)',
    ]);
  });
});
