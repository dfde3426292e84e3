/** The compose window: the offer for the draft's customer, inserted at the cursor as merged HTML. */
import { appEntry } from '../../src/app/entry';
import { buildHomepage } from '../../src/app/handlers/home';
import { createContext } from '../../src/gas/runtime';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { gmailEvent } from '../../src/local/gmail-events';
import type { Card } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';

function world() {
  const w = standInContext(
    [
      ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Days late', 'NPS'],
      ['ola@fjord.example', 'Ola<i>x</i> Nordmann', 'Fjord Hotels', 'Hotels', 900, 20, 4],
    ],
    {
      tabs: {
        Templates: DEFAULT_TEMPLATES.map((r) => [...r]),
        'Impact rules': [
          ['Rule name', 'Column', 'Operator', 'Value', 'Impact'],
          ['Hotels', 'Industry', 'contains', 'hotel', 'Severe'],
        ],
      },
    },
  );
  buildHomepage(w.ctx()); // stores the value lines the relief guard rail needs
  return w;
}

const compose = (w: ReturnType<typeof world>, to: string[]) =>
  appEntry(
    () => ({ ...createContext(w.world.startExecution({ kind: 'card' }).globals), clock: w.world.clock }),
    (e) => {
      throw e;
    },
  ).compose(gmailEvent({ toRecipients: to })) as Card[];

describe('insert retention offer', () => {
  it('offers the move for the first recipient who is a customer, and inserts the merged template', () => {
    const w = world();
    const [card] = compose(w, ['boss@elsewhere.example', 'Ola <ola@fjord.example>']);
    const text = JSON.stringify(card);
    expect(text).toContain('Fjord Hotels');
    const select = card!.sections[0]!.widgets.find(
      (x) => x.kind === 'selectionInput' && x.name === 'offerTemplate',
    );
    expect(select && select.kind === 'selectionInput' && select.items.find((i) => i.selected)?.value).toBe(
      'Payment holiday',
    );

    const inserted = act(
      w.ctx(),
      'insertOffer',
      { email: 'ola@fjord.example' },
      { offerTemplate: 'Installments', offerSubject: 'on' },
    );
    expect(inserted.kind).toBe('updateDraft');
    if (inserted.kind !== 'updateDraft') return;
    expect(inserted.update.subject).toBe('Spreading your invoice into installments');
    expect(inserted.update.insertHtml).toContain('Hi Ola&lt;i&gt;x&lt;/i&gt;,');
    const noSubject = act(
      w.ctx(),
      'insertOffer',
      { email: 'ola@fjord.example' },
      { offerTemplate: 'Installments' },
    );
    expect(noSubject.kind === 'updateDraft' && noSubject.update.subject).toBeUndefined();
  });

  it('asks for a customer in To when no recipient is one', () => {
    const w = world();
    expect(JSON.stringify(compose(w, ['x@elsewhere.example']))).toContain(
      'None of x@elsewhere.example is in your customer sheet',
    );
    expect(JSON.stringify(compose(w, []))).toContain('Add a customer to the To field first');
  });
});
