/**
 * What the customer writes moves the risk (issue 18): an explicit cancellation, non-renewal or switch
 * puts a healthy customer at least at High with that email as the first reason, under the scorecard
 * and under a learned model alike; "Why this score" adds up to the card's number, email included;
 * a request for time to pay gets a relief move, not "No move needed".
 */
import { buildMessageCards } from '../../src/app/handlers/message';
import { buildHomepage } from '../../src/app/handlers/home';
import { dispatchAction } from '../../src/app/dispatcher';
import { parseAddonEvent } from '../../src/app/events';
import { SETTINGS_KEY } from '../../src/app/settings-store';
import { saveModelJson } from '../../src/app/model-store';
import { customerTable, CHURNED } from '../../src/core/risk/model/customer-features';
import { fitLearner } from '../../src/core/risk/model/learner';
import { serialiseLearned } from '../../src/core/risk/model/learned-json';
import { readCustomers } from '../../src/core/sheet/read-customers';
import type { Card, Widget } from '../../src/ui/card/types';
import { standInContext } from '../helpers/stand-in-context';

const HEADERS = ['Email', 'Name', 'Industry', 'MRR', 'Last activity', 'NPS', 'Days late', 'Status'];
const HEALTHY = ['olga@supplier.example', 'Ольга Попова', 'Retail', 2400, "'2026-11-19", 10, 0, 'Active'];

/** A history to learn from: active customers who log in and rate well, churned ones who did not. */
function history(): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < 240; i++) {
    const churned = i % 4 === 0;
    const idle = churned ? 40 + (i % 50) : i % 12;
    const day = new Date(Date.UTC(2026, 10, 20) - idle * 86_400_000).toISOString().slice(0, 10);
    rows.push([
      `c${i}@x.example`,
      `C ${i}`,
      'Retail',
      100 + i,
      `'${day}`,
      churned ? 3 + (i % 4) : 8 + (i % 3),
      0,
      churned ? 'Churned' : 'Active',
    ]);
  }
  return rows;
}

const BODIES = {
  cancel: 'Hello, please cancel our subscription at the end of the month.',
  switch: 'Добрый день. Руководство приняло решение перейти к другому поставщику.',
  nonRenewal: 'We will not renew our contract next year.',
  switchEnglish: 'Hi, management decided to switch supplier from January.',
};

function open(kind: 'scorecard' | 'learned', body: string) {
  const w = standInContext([HEADERS, HEALTHY, ...history()], {
    tabs: { Templates: [['Name', 'Subject', 'Body']] },
  });
  if (kind === 'learned') {
    const values = [HEADERS, HEALTHY, ...history()];
    const read = readCustomers({ sheetName: 'Customers', headers: values[0]!, rows: values.slice(1) });
    const today = w.world.clock.now();
    const model = fitLearner('logistic', customerTable(read.customers, today), CHURNED, { asOf: today });
    const ctx = w.ctx();
    saveModelJson(ctx.userStore, serialiseLearned(model));
    const settings = JSON.parse(w.world.userProperties.values.get(SETTINGS_KEY)!);
    w.world.userProperties.put(
      SETTINGS_KEY,
      JSON.stringify({ ...settings, riskModel: { kind: 'learned', blendWeight: 0.5, auc: 0.9 } }),
    );
  }
  buildHomepage(w.ctx());
  w.world.gmail.seed([
    {
      id: 'm1',
      threadId: 't1',
      from: `Ольга Попова <${HEALTHY[0]}>`,
      to: 'am@nimbus.example',
      subject: 'Our contract',
      date: '2026-11-20T09:00:00Z',
      plainBody: body,
      accessToken: 'token-m1',
    },
  ]);
  const event = parseAddonEvent({
    commonEventObject: { hostApp: 'GMAIL' },
    gmail: { messageId: 'm1', accessToken: 'token-m1' },
  });
  const [card] = buildMessageCards(w.ctx(), event);
  return { w, card: card! };
}

const widgets = (card: Card): Widget[] => card.sections.flatMap((s) => s.widgets);
const texts = (card: Card) => widgets(card).flatMap((w) => (w.kind === 'decoratedText' ? [w] : []));
const scoreOf = (card: Card) => {
  const head = texts(card).find((w) => w.topLabel?.startsWith('Churn risk'))!;
  return Number((head.text as { text: string }[])[0]!.text);
};
const bandOf = (card: Card) =>
  JSON.stringify(texts(card).find((w) => w.topLabel?.startsWith('Churn risk'))!.text);
const whyButton = (card: Card) =>
  widgets(card)
    .flatMap((w) => (w.kind === 'buttonSet' ? w.buttons : []))
    .find((b) => b.text === 'Why this score')!;
const points = (label: string | undefined) => Number((label ?? '').replace('−', '-').replace(/[^-\d]/g, ''));

describe('stated churn intent', () => {
  for (const kind of ['scorecard', 'learned'] as const)
    for (const [what, body] of Object.entries(BODIES))
      it(`puts a healthy customer at High or above on an explicit ${what}, email first (${kind})`, () => {
        const { card } = open(kind, body);
        expect(scoreOf(card)).toBeGreaterThanOrEqual(50);
        expect(bandOf(card)).toMatch(/High|Critical/);
        const reasons = texts(card).filter((w) => /points?$/.test(w.bottomLabel ?? ''));
        expect(String(reasons[0]!.text)).toMatch(/“/);
      });

  it('explains in Why exactly the card’s number, the email included', () => {
    const { w, card } = open('learned', BODIES.switch);
    const button = whyButton(card);
    const params = (button.onClick as { action: { params: Record<string, string> } }).action.params;
    const response = dispatchAction(
      w.ctx(),
      parseAddonEvent({
        commonEventObject: { hostApp: 'GMAIL', parameters: { action: 'explainRisk', ...params } },
      }),
    );
    const why =
      response.kind === 'navigate' && response.steps[0]!.kind === 'push' ? response.steps[0]!.card : null;
    expect(why!.header!.title).toMatch(new RegExp(`scores ${scoreOf(card)}$`));
    const lines = texts(why!).filter((t) => /points?$/.test(t.bottomLabel ?? ''));
    expect(lines.reduce((s, l) => s + points(l.bottomLabel), 0)).toBe(scoreOf(card));
    expect(String(lines[0]!.text)).toMatch(/поставщику/);
  });

  it('routes a request for time to pay to a move, never "No move needed"', () => {
    const { card } = open(
      'scorecard',
      'Could we postpone this month’s payment, or pay in three instalments?',
    );
    const move = texts(card).find((t) => t.topLabel === 'Next best move')!;
    expect(JSON.stringify(move.text)).not.toMatch(/No move needed|Healthy/);
    expect(JSON.stringify(move.text)).toMatch(/Payment holiday|Instalments|Installments|Check in|Check-in/i);
  });
});
