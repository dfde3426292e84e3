/**
 * Settings → Scoring and offers: the scorecard's weights and band thresholds, the dormancy line,
 * and the guard rails that decide who is valuable enough for a discount or payment relief.
 */
import { foldedSection } from '../card/fold';
import type { Card, Section, Widget } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton } from './common';

export interface ScoringState {
  /** Values as shown in the inputs: what is stored, or what the user typed when it was refused. */
  weights: { signal: string; label: string; value: string }[];
  thresholds: { medium: string; high: string; critical: string };
  dormantDays: string;
  valueBasis: 'mrr' | 'revenueToDate';
  /** Percent, 1-100. */
  discountTopPercent: string;
  reliefTopPercent: string;
  /** Every problem with the last save, one per line. */
  errors?: string[];
}

export const SCORING_FIELDS = {
  weight: (signal: string) => `weight.${signal}`,
  medium: 'threshold.medium',
  high: 'threshold.high',
  critical: 'threshold.critical',
  dormantDays: 'dormantDays',
  valueBasis: 'valueBasis',
  discountTop: 'discountTopPercent',
  reliefTop: 'reliefTopPercent',
} as const;

const input = (name: string, label: string, value: string, hint?: string): Widget => ({
  kind: 'textInput',
  name,
  label,
  value,
  ...(hint ? { hint } : {}),
});

export function scoringCard(state: ScoringState): Card {
  const sections: Section[] = [];
  if (state.errors?.length)
    sections.push({
      widgets: [{ kind: 'textParagraph', text: [{ text: state.errors.join('\n'), color: '#d93025' }] }],
    });
  sections.push(
    foldedSection(
      3,
      [
        {
          kind: 'textParagraph',
          text: 'Relative weights: only their proportions matter. 0 switches a signal off.',
        },
        ...state.weights.map((w) => input(SCORING_FIELDS.weight(w.signal), w.label, w.value)),
      ],
      'Signal weights',
    ),
  );
  sections.push({
    header: 'Risk bands',
    widgets: [
      input(SCORING_FIELDS.medium, 'Medium from score', state.thresholds.medium),
      input(SCORING_FIELDS.high, 'High from score', state.thresholds.high),
      input(SCORING_FIELDS.critical, 'Critical from score', state.thresholds.critical),
      input(
        SCORING_FIELDS.dormantDays,
        'Dormant after (days without activity)',
        state.dormantDays,
        '30 to 365; customer-success teams use 90-180',
      ),
    ],
  });
  sections.push({
    header: 'Offers: who is valuable enough',
    widgets: [
      {
        kind: 'selectionInput',
        name: SCORING_FIELDS.valueBasis,
        label: 'Measure value by',
        type: 'dropdown',
        items: [
          { value: 'mrr', text: 'MRR', selected: state.valueBasis === 'mrr' },
          {
            value: 'revenueToDate',
            text: 'Revenue to date (MRR x months)',
            selected: state.valueBasis === 'revenueToDate',
          },
        ],
      },
      input(
        SCORING_FIELDS.discountTop,
        'Discounts only for the top % by value',
        state.discountTopPercent,
        'Never for customers the crisis helps',
      ),
      input(
        SCORING_FIELDS.reliefTop,
        'Payment holiday / installments for the top % by value',
        state.reliefTopPercent,
        'Only for customers the crisis hits or who pay late',
      ),
    ],
  });
  return {
    name: 'scoring',
    header: { title: 'Scoring and offers' },
    sections,
    fixedFooter: { primary: actionButton('Save', ACTION.saveScoring, undefined, 'filled') },
  };
}
