/**
 * The contextual card: who this customer is, how likely they are to leave and why, at a glance.
 * The first section answers the question in one look (score, band, top reasons); details follow.
 */
import { foldedSection } from '../card/fold';
import type { Card, Section, Span, Widget } from '../card/types';
import type { RetentionMove } from '../../core/playbooks/moves';
import { pointsText } from '../../core/risk/shown-points';
import { count, formatScore } from '../../core/text/format';
import { ACTION } from '../action-names';
import { actionButton, linkButton } from './common';

export type RiskBand = 'Low' | 'Medium' | 'High' | 'Critical' | 'Unknown';

export interface CustomerCardState {
  name: string;
  email: string;
  company?: string;
  plan?: string;
  mrrText?: string;
  risk: {
    score?: number;
    band: RiskBand;
    /** Plain sentences, most important first, with the whole points each adds (they sum to the score). */
    reasons: { sentence: string; points: number }[];
    basedOn: number;
    outOf: number;
    /** Change since the last daily scan before today. */
    trend?: { change: number; since: string };
  };
  /** The recommended retention move, why, and whether a reply can be drafted from its template. */
  nextMove?: NextMoveView;
  facts: { label: string; value: string }[];
  tags: string[];
  /** "matched by domain" and similar notes about how the customer was found. */
  matchNote?: string;
  churned: boolean;
  sheetRowUrl?: string;
  /** Problems with this customer's row (bad cells), already formatted. */
  rowIssues: string[];
  /** What the open email says: detected intents with the words that showed them. */
  emailSays?: EmailSaysItem[];
  /** The email's stated intent as the "Why this score" button carries it, so Why scores what the card did. */
  statedIntentParam?: string;
  /** Other customers at the same company domain, to pick from. */
  alternatives?: { email: string; name: string; row?: number; detail?: string }[];
  /** What the alternatives are: people at the same company, or several rows holding one email. */
  alternativesKind?: 'company' | 'duplicateRows';
  /** The newest notes about the customer (Notes tab), newest first. */
  notes?: { day: string; author: string; text: string }[];
}

export interface NextMoveView {
  /** The move's id, passed to the draft action. */
  move: RetentionMove;
  label: string;
  reasons: string[];
  /** Moves a guard rail refused first: "Discount: never a discount for a customer the crisis helps". */
  refused: string[];
  /** The template a reply would use; absent when the sheet has none for this move. */
  template?: string;
  /** The template whose Offer the reply carries (the discount the guard rails allowed). */
  offerFrom?: string;
  /** A message is open, so a reply draft can be made (not on a card opened from the homepage). */
  canReply: boolean;
}

export interface EmailSaysItem {
  label: string;
  phrase: string;
  /** Churn intents are warnings; expansion is good news. */
  churn: boolean;
}

/** The "What this email says" section, shared by the customer card and the unknown-sender card. */
export function emailSaysSection(items: EmailSaysItem[] | undefined): Section[] {
  if (!items || items.length === 0) return [];
  return [
    {
      header: 'What this email says',
      widgets: items.map((i): Widget => ({
        kind: 'decoratedText',
        text: [{ text: i.label, bold: true, color: i.churn ? BAND_COLOURS.High : BAND_COLOURS.Low }],
        bottomLabel: `“${i.phrase}”`,
        wrapText: true,
        icon: 'EMAIL',
      })),
    },
  ];
}

export const BAND_COLOURS: Record<RiskBand, string> = {
  Low: '#188038',
  Medium: '#b06000',
  High: '#d93025',
  Critical: '#a50e0e',
  Unknown: '#5f6368',
};

const TOP_REASONS = 3;

function riskSpans(state: CustomerCardState): Span[] {
  const { score, band } = state.risk;
  if (score === undefined) return [{ text: 'Not enough data to score', color: BAND_COLOURS.Unknown }];
  return [
    { text: formatScore(score), bold: true, color: BAND_COLOURS[band] },
    { text: ' / 100 · ' },
    { text: `${band} risk`, bold: true, color: BAND_COLOURS[band] },
  ];
}

function trendText(trend: CustomerCardState['risk']['trend']): string {
  if (!trend) return '';
  if (trend.change === 0) return ` · unchanged since ${trend.since}`;
  return ` · ${trend.change > 0 ? '▲ up' : '▼ down'} ${count(Math.abs(Math.round(trend.change)), 'point')} since ${trend.since}`;
}

/** "Next best move": the recommendation, its reasons, and the button that drafts the reply. */
function nextMoveSection(state: CustomerCardState): Section[] {
  const m = state.nextMove;
  if (!m) return [];
  const widgets: Widget[] = [
    {
      kind: 'decoratedText',
      topLabel: 'Next best move',
      text: [{ text: m.label, bold: true }],
      bottomLabel: m.reasons.join(' '),
      wrapText: true,
      icon: 'OFFER',
    },
  ];
  if (m.move !== 'none' && m.canReply) {
    widgets.push(
      m.template
        ? {
            kind: 'buttonSet',
            buttons: [
              {
                text: `Draft reply: ${m.template}`,
                style: 'filled',
                onClick: {
                  kind: 'compose',
                  action: {
                    name: ACTION.draftReply,
                    params: {
                      email: state.email,
                      template: m.template,
                      ...(m.offerFrom ? { offer: m.offerFrom } : {}),
                    },
                  },
                },
              },
            ],
          }
        : {
            kind: 'textParagraph',
            text: `Add a "${m.label}" template to the Templates tab to draft this reply in one click.`,
          },
    );
  }
  // The reply button stays in sight; the refused moves fold under "Show more".
  for (const r of m.refused.slice(0, 3))
    widgets.push({ kind: 'decoratedText', topLabel: 'Not offered', text: r, wrapText: true });
  return [foldedSection(2, widgets)];
}

export function customerCard(state: CustomerCardState): Card {
  const reasons = state.risk.reasons.slice(0, TOP_REASONS);
  const riskWidgets: Widget[] = [
    {
      kind: 'decoratedText',
      topLabel: state.churned ? 'Churn risk (customer already marked churned)' : 'Churn risk',
      text: riskSpans(state),
      bottomLabel: `Based on ${state.risk.basedOn} of ${state.risk.outOf} signals${trendText(state.risk.trend)}`,
      icon: 'STAR',
    },
    ...reasons.map((r): Widget => ({
      kind: 'decoratedText',
      text: r.sentence,
      bottomLabel: pointsText(r.points),
      wrapText: true,
    })),
  ];
  if (state.risk.reasons.length === 0) {
    riskWidgets.push({ kind: 'textParagraph', text: 'No warning signs in the data.' });
  }
  if (state.risk.reasons.length > TOP_REASONS || state.risk.reasons.length > 0) {
    riskWidgets.push({
      kind: 'buttonSet',
      buttons: [
        actionButton('Why this score', ACTION.explainRisk, {
          email: state.email,
          ...(state.statedIntentParam ? { intent: state.statedIntentParam } : {}),
        }),
      ],
    });
  }

  const sections: Section[] = [];
  if (state.matchNote) {
    sections.push({ widgets: [{ kind: 'textParagraph', text: [{ text: state.matchNote, italic: true }] }] });
  }
  sections.push({ widgets: riskWidgets });
  sections.push(...emailSaysSection(state.emailSays));
  sections.push(...nextMoveSection(state));
  if (state.facts.length > 0 || state.tags.length > 0) {
    const widgets: Widget[] = [
      ...state.facts.map((f): Widget => ({ kind: 'decoratedText', topLabel: f.label, text: f.value })),
      ...(state.tags.length
        ? [{ kind: 'decoratedText' as const, topLabel: 'Tags', text: state.tags.join(', '), wrapText: true }]
        : []),
    ];
    sections.push(foldedSection(4, widgets, 'Customer'));
  }
  if (state.notes?.length)
    sections.push(
      foldedSection(
        1,
        state.notes.map((n): Widget => ({
          kind: 'decoratedText',
          topLabel: `${n.author || 'Someone'} · ${n.day}`,
          text: n.text,
          wrapText: true,
        })),
        'Latest notes',
      ),
    );
  if (state.rowIssues.length > 0) {
    const widgets = state.rowIssues.slice(0, 10).map((text): Widget => ({ kind: 'textParagraph', text }));
    sections.push(foldedSection(1, widgets, 'Data problems in this row'));
  }
  if (state.alternatives?.length) {
    sections.push(
      foldedSection(
        3,
        state.alternatives.map((a): Widget => ({
          kind: 'decoratedText',
          text: a.row ? `Row ${a.row}: ${a.name || a.email}` : a.name || a.email,
          bottomLabel: a.detail ?? a.email,
          icon: 'PERSON',
          button: actionButton(
            'Show',
            ACTION.showCustomer,
            a.row ? { email: a.email, row: String(a.row) } : { email: a.email },
            'text',
          ),
        })),
        state.alternativesKind === 'duplicateRows' ? 'Other rows with this email' : 'Others at this company',
      ),
    );
  }
  const email = { email: state.email };
  sections.push({
    widgets: [
      {
        kind: 'buttonSet',
        buttons: [
          actionButton('Add note', ACTION.openNote, email),
          actionButton('Edit tags', ACTION.openTags, email),
          state.churned
            ? actionButton('Mark saved', ACTION.markStatus, { ...email, status: 'saved' })
            : actionButton('Mark churned', ACTION.markStatus, { ...email, status: 'churned' }),
          ...(state.sheetRowUrl ? [linkButton('Open row in sheet', state.sheetRowUrl)] : []),
        ],
      },
    ],
  });
  const subtitle = [state.company, state.plan, state.mrrText].filter(Boolean).join(' · ');
  return {
    name: 'customer',
    header: { title: state.name || state.email, subtitle: subtitle || state.email },
    sections,
  };
}

/** The full explanation: every signal's contribution, pushed on demand. */
export function riskExplanationCard(state: CustomerCardState): Card {
  return {
    name: 'risk-explanation',
    header: {
      title: `Why ${state.name || state.email} scores ${state.risk.score === undefined ? 'n/a' : formatScore(state.risk.score)}`,
    },
    sections: [
      {
        widgets: [
          ...state.risk.reasons.map((r): Widget => ({
            kind: 'decoratedText',
            text: r.sentence,
            bottomLabel: pointsText(r.points),
            wrapText: true,
          })),
          {
            kind: 'textParagraph',
            text: `The score rests on ${state.risk.basedOn} of ${state.risk.outOf} signals; signals without data in the sheet are left out and the others re-weighted.`,
          },
        ],
      },
    ],
  };
}
