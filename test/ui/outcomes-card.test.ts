import { cardIssues } from '../../src/ui/card/validate';
import type { Widget } from '../../src/ui/card/types';
import { outcomesCard, type OutcomeLine } from '../../src/ui/cards/outcomes';

const windowLine = (days: number): OutcomeLine => ({
  title: `${days} days`,
  text: 'Churn · Too early to tell: 9 emailed, 3 held back, 0 churned so far',
  verdict: 'Active again · Too early to tell: 9 emailed, 3 held back, 1 active again so far',
  details: [
    `${days} days: Churn 0% emailed vs 0% held back: 0 points (95% interval −56.1 points to +12.9 points)`,
  ],
});

const textOf = (w: Widget) => JSON.stringify(w);

describe('outcomes card', () => {
  it('keeps the words in sight and folds the intervals under Show more', () => {
    const card = outcomesCard({
      playbooks: [{ ...windowLine(90), title: 'Payment holiday · 1 campaign' }],
      campaigns: [
        {
          name: 'Relief',
          summary: 'Payment holiday → Hotels · 9 emailed',
          windows: [30, 60, 90].map(windowLine),
        },
      ],
    });
    expect(cardIssues(card)).toEqual([]);
    for (const section of card.sections.slice(0, 2)) {
      const visible = section.widgets.slice(0, section.uncollapsibleWidgets ?? section.widgets.length);
      const folded = section.widgets.slice(section.uncollapsibleWidgets ?? section.widgets.length);
      expect(section.collapsible).toBe(true);
      expect(visible.map(textOf).join()).not.toMatch(/interval/);
      expect(visible.map(textOf).join()).toMatch(/Too early to tell/);
      expect(folded.length).toBeGreaterThan(0);
      expect(folded.every((w) => /"topLabel":"Details".*95% interval/.test(textOf(w)))).toBe(true);
    }
  });

  it('has nothing to fold when no line carries details', () => {
    const card = outcomesCard({
      playbooks: [
        { title: 'Upsell · 2 campaigns', text: 'Looks like it works', verdict: 'Keep using this playbook' },
      ],
      campaigns: [],
    });
    expect(cardIssues(card)).toEqual([]);
    expect(card.sections[0]!.collapsible).toBeUndefined();
  });
});
