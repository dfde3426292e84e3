/** The Map columns card on a sheet with repeated headers: CardService refuses repeated item values. */
import { validateCard } from '../../src/ui/card/validate';
import { columnsCard } from '../../src/ui/cards/columns';

describe('Map columns card', () => {
  it('offers a repeated header once, and never a header spelled like a reserved value', () => {
    const card = columnsCard({
      tab: 'Customers',
      rows: [{ field: 'email', label: 'Email', header: 'Email', status: 'auto' }],
      headers: ['Email', 'MRR', 'Email', '-', 'MRR'],
      unused: [],
      conflicts: [],
    });
    expect(() => validateCard(card)).not.toThrow();
    const select = card.sections.flatMap((s) => s.widgets).find((w) => w.kind === 'selectionInput');
    const values = select?.kind === 'selectionInput' ? select.items.map((i) => i.value) : [];
    expect(values).toEqual(['', '-', 'Email', 'MRR']);
  });
});
