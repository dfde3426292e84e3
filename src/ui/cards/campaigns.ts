/**
 * The campaign wizard and its progress: choose a template for a segment, check the audience (who is
 * emailed, held out, excluded and why, and who blocks the send), preview any recipient's email, send
 * a test to yourself, start; then follow sent / pending / failed / excluded with the finish estimate,
 * pause, resume, cancel, and settle recipients whose outcome is unknown.
 */
import { foldedSection } from '../card/fold';
import { ACTION } from '../action-names';
import type { Card, Section, Widget } from '../card/types';
import { count } from '../../core/text/format';
import { holdoutWords, MIN_MEASURABLE_HOLDOUT } from '../../core/campaigns/holdout';
import { action, actionButton } from './common';

export const CAMPAIGN_FIELDS = { name: 'campaignName', template: 'campaignTemplate' } as const;
export const BLOCKED_SHOWN = 10;
export const REVIEW_SHOWN = 8;

export interface SetupState {
  /** The campaign's id, fixed here: every audience check and the Start draw the same holdout with it. */
  id: string;
  segment: string;
  members: number;
  /** Rows checked of all, when the sheet was too large to count whole on a card. */
  partial?: { done: number; total: number };
  defaultName: string;
  templates: { name: string; selected: boolean }[];
  note?: string;
}

export function campaignSetupCard(state: SetupState): Card {
  const widgets: Widget[] = [
    {
      kind: 'textParagraph',
      text: state.partial
        ? `At least ${count(state.members, 'customer')} in ${state.segment} (in the first ${state.partial.done.toLocaleString('en-US')} of ${state.partial.total.toLocaleString('en-US')} rows). The next step shows who is emailed and who is not in those rows; the whole audience is written after Start, before anything is sent.`
        : `${count(state.members, 'customer')} in ${state.segment} today. The next step shows exactly who is emailed and who is not, before anything is sent.`,
    },
    { kind: 'textInput', name: CAMPAIGN_FIELDS.name, label: 'Campaign name', value: state.defaultName },
    {
      kind: 'selectionInput',
      name: CAMPAIGN_FIELDS.template,
      label: 'Template',
      type: 'dropdown',
      items: state.templates.map((t) => ({ text: t.name, value: t.name, selected: t.selected })),
    },
  ];
  if (state.note) widgets.push({ kind: 'textParagraph', text: state.note });
  widgets.push({
    kind: 'buttonSet',
    buttons: [
      actionButton(
        'Check audience',
        ACTION.previewCampaign,
        { segment: state.segment, index: '0', id: state.id },
        'filled',
      ),
    ],
  });
  return {
    name: 'campaignSetup',
    header: { title: 'Email a segment', subtitle: state.segment },
    sections: [{ widgets }],
  };
}

export interface PreviewState {
  id: string;
  segment: string;
  name: string;
  template: string;
  emailed: number;
  holdout: number;
  holdoutPercent: number;
  /** The user turned the holdout off for this campaign. */
  holdoutOff: boolean;
  /** The holdout was drawn over the whole audience (exactly round(share × eligible)). */
  holdoutExact: boolean;
  /** Guard-rail outcomes in words ("12 below the value line for a payment holiday"). */
  guardRails: string[];
  exclusions: { reason: string; count: number }[];
  blocked: { email: string; row: number; reason: string }[];
  /** The blocked members' problems grouped by cause, one line each with its rows (merge-problems.ts). */
  problems: string[];
  /** Sheet problems that stop every send, and rows no campaign can reach (email cell unusable). */
  sheet: { blockers: string[]; leftOut: string[] };
  /** The recipient shown, 0-based among those emailed. */
  index: number;
  /**
   * `template`: set when this recipient gets the playbook's alternative instead of the campaign's template.
   * `variant`: the language of the text this recipient gets ("Kazakh", "English (no variant in Kazakh)").
   */
  email?: { to: string; subject: string; textBody: string; template?: string; variant?: string };
  /** The variants in use and every fallback to the default language ("7 get English: no variant in Kazakh"). */
  languages?: string[];
  quotaLeft: number;
  coolDownDays: number;
  /**
   * The figures cover only the first `done` of `total` customer rows (a sheet too large to check on a
   * card), or the cool-down was not applied (a Campaigns tab too large to read on a card).
   */
  partial?: { done: number; total: number; coolDownUnchecked: boolean };
}

/** What the sheet stops or leaves out, whatever the segment: shown so nobody is dropped silently. */
function sheetSections(sheet: PreviewState['sheet']): Section[] {
  const sections: Section[] = [];
  if (sheet.blockers.length > 0)
    sections.push({
      header: 'Fix the sheet before sending',
      widgets: sheet.blockers.map((text): Widget => ({ kind: 'textParagraph', text })),
    });
  if (sheet.leftOut.length > 0) {
    const widgets: Widget[] = [
      {
        kind: 'textParagraph',
        text: `${count(sheet.leftOut.length, 'row')} of the sheet cannot be emailed by any campaign until the email cell is fixed; ChurnGuard never guesses an address:`,
      },
      ...sheet.leftOut.slice(0, BLOCKED_SHOWN).map((text): Widget => ({ kind: 'textParagraph', text })),
    ];
    if (sheet.leftOut.length > BLOCKED_SHOWN)
      widgets.push({ kind: 'textParagraph', text: `…and ${sheet.leftOut.length - BLOCKED_SHOWN} more.` });
    sections.push({ header: 'Left out: email cell unusable', collapsible: true, widgets });
  }
  return sections;
}

/** The holdout in exact counts and share, and the way out when it is too small to measure anything. */
function holdoutWidgets(state: PreviewState, params: Record<string, string>): Widget[] {
  const { holdout: _on, ...withHoldout } = params;
  if (state.holdoutOff)
    return [
      {
        kind: 'decoratedText',
        topLabel: 'Holdout: off',
        text: 'Everyone is emailed; the outcomes card will say this campaign has no holdout to compare with.',
        wrapText: true,
      },
      {
        kind: 'buttonSet',
        buttons: [
          actionButton('Keep a holdout', ACTION.previewCampaign, { ...withHoldout, index: '0' }, 'text'),
        ],
      },
    ];
  const total = state.holdout + state.emailed;
  const widgets: Widget[] = [
    {
      kind: 'decoratedText',
      topLabel: `Holdout (${state.holdoutPercent}%)`,
      text: `${holdoutWords(state.holdout, total)}: not emailed, to measure the campaign’s effect`,
      bottomLabel: state.holdoutExact
        ? 'The same customers are held back at every check and after Start.'
        : 'Drawn per customer by a fixed hash; the exact count shows once the whole audience is written.',
      wrapText: true,
    },
  ];
  if (state.holdoutPercent > 0 && !state.partial && state.holdout < MIN_MEASURABLE_HOLDOUT)
    widgets.push(
      {
        kind: 'textParagraph',
        text: `This holdout is too small to measure anything: the outcomes card needs at least ${MIN_MEASURABLE_HOLDOUT} customers held back to tell a difference, so holding back ${count(state.holdout, 'customer')} only keeps them from the email.`,
      },
      {
        kind: 'buttonSet',
        buttons: [
          actionButton(
            'Send to everyone (no holdout)',
            ACTION.previewCampaign,
            { ...params, holdout: 'off', index: '0' },
            'text',
          ),
        ],
      },
    );
  return widgets;
}

export function campaignPreviewCard(state: PreviewState): Card {
  const params: Record<string, string> = {
    segment: state.segment,
    template: state.template,
    name: state.name,
    id: state.id,
    ...(state.holdoutOff ? { holdout: 'off' } : {}),
  };
  const summary: Widget[] = [
    {
      kind: 'decoratedText',
      topLabel: 'Will be emailed',
      text: [{ text: count(state.emailed, 'customer'), bold: true }],
      bottomLabel: `with "${state.template}"${state.emailed > state.quotaLeft ? ` · ${state.quotaLeft} can go today; the rest continue when the daily quota refills` : ''}`,
      wrapText: true,
      icon: 'EMAIL',
    },
    ...holdoutWidgets(state, params),
    ...(state.guardRails.length > 0
      ? [
          {
            kind: 'decoratedText',
            topLabel: 'Guard rails, per customer',
            text: state.guardRails.join('; '),
            wrapText: true,
          } satisfies Widget,
        ]
      : []),
    ...state.exclusions.map((e): Widget => ({
      kind: 'decoratedText',
      topLabel: 'Left out',
      text: `${e.count} · ${e.reason}`,
      wrapText: true,
    })),
    ...(state.languages ?? []).map((text, i): Widget => ({
      kind: 'decoratedText',
      topLabel: i === 0 ? 'Languages' : 'Fallback',
      text,
      wrapText: true,
    })),
  ];
  if (state.partial)
    summary.push({
      kind: 'textParagraph',
      text: [
        state.partial.done < state.partial.total
          ? `These figures are for the first ${state.partial.done.toLocaleString('en-US')} of ${state.partial.total.toLocaleString('en-US')} customer rows: the sheet is too large to check whole here.`
          : '',
        state.partial.coolDownUnchecked
          ? 'The cool-down is not applied here (the Campaigns tab is too large to read on a card).'
          : '',
        'After Start, ChurnGuard writes the whole audience in the background, with every exclusion (a customer whose email would have a blank is excluded, with the reason), and the campaign card shows the exact counts as they grow. Nothing is sent until every row has been checked; Cancel stops it.',
      ]
        .filter(Boolean)
        .join(' '),
    });
  const sections: Section[] = [{ header: state.name, widgets: summary }];
  if (state.blocked.length > 0) {
    const widgets: Widget[] = [
      {
        kind: 'textParagraph',
        text: [
          { text: `${count(state.blocked.length, 'customer')} would get a blank`, bold: true },
          { text: '. Nothing is sent until every email is complete; fix these, then check again:' },
        ],
      },
      ...state.problems.map((text): Widget => ({
        kind: 'decoratedText',
        text,
        wrapText: true,
        icon: 'DESCRIPTION',
      })),
    ];
    sections.push({ header: 'Fix before sending', widgets });
  }
  sections.push(...sheetSections(state.sheet));
  if (state.email) {
    const nav = [];
    if (state.index > 0)
      nav.push(
        actionButton(
          'Previous',
          ACTION.previewCampaign,
          { ...params, index: String(state.index - 1) },
          'text',
        ),
      );
    if (state.index < state.emailed - 1)
      nav.push(
        actionButton('Next', ACTION.previewCampaign, { ...params, index: String(state.index + 1) }, 'text'),
      );
    nav.push(
      actionButton(
        'Send test to me',
        ACTION.sendTestEmail,
        { ...params, index: String(state.index) },
        'text',
      ),
    );
    sections.push({
      header: `Preview ${state.index + 1} of ${state.emailed}`,
      widgets: [
        {
          kind: 'decoratedText',
          topLabel: 'To',
          text: state.email.to,
          ...(state.email.template
            ? { bottomLabel: `Gets “${state.email.template}”: the offer’s guard rail refused them` }
            : {}),
          wrapText: true,
        },
        ...(state.email.variant
          ? [{ kind: 'decoratedText', topLabel: 'Language', text: state.email.variant } as Widget]
          : []),
        { kind: 'decoratedText', topLabel: 'Subject', text: state.email.subject, wrapText: true },
        { kind: 'textParagraph', text: state.email.textBody },
        { kind: 'buttonSet', buttons: nav },
      ],
    });
  }
  const start =
    // On a partial check, Start is offered whatever the first rows hold: the whole audience is written after it.
    state.sheet.blockers.length === 0 && (state.partial || (state.blocked.length === 0 && state.emailed > 0))
      ? [
          actionButton(
            state.partial ? 'Start' : `Start sending to ${state.emailed}`,
            ACTION.startCampaign,
            params,
            'filled',
          ),
        ]
      : [];
  sections.push({
    widgets: [
      {
        kind: 'buttonSet',
        buttons: [
          ...start,
          actionButton('Check again', ACTION.previewCampaign, { ...params, index: '0' }, 'text'),
        ],
      },
    ],
  });
  return {
    name: 'campaignPreview',
    header: { title: 'Check the audience', subtitle: state.segment },
    sections,
  };
}

export interface ProgressState {
  id: string;
  name: string;
  segment: string;
  template: string;
  state: 'preparing' | 'starting' | 'sending' | 'paused' | 'waiting-quota' | 'done' | 'cancelled';
  counts: {
    sent: number;
    pending: number;
    failed: number;
    excluded: number;
    holdout: number;
    review: number;
    cancelled: number;
  };
  finish?: string;
  /** While the audience is written: customer rows checked so far, and what they gave. */
  preparing?: { done: number; total: number; emailed: number; holdout: number; excluded: number };
  note?: string;
  failures: { email: string; detail: string }[];
  review: { email: string; detail: string }[];
  /** Why ChurnGuard paused the campaign: what a person changed in the Campaigns tab and how to repair it. */
  problem?: { kind: 'header' | 'duplicate' | 'missing' | 'changed' | 'sender'; what: string; repair: string };
}

const STATE_TEXT: Record<ProgressState['state'], string> = {
  preparing: 'Preparing the audience: nothing sent yet',
  starting: 'Starting: not finished yet',
  sending: 'Sending',
  paused: 'Paused',
  'waiting-quota': 'Waiting for tomorrow’s email quota',
  done: 'Finished',
  cancelled: 'Cancelled',
};

export function campaignProgressCard(state: ProgressState): Card {
  const c = state.counts;
  const widgets: Widget[] = [
    {
      kind: 'decoratedText',
      topLabel: STATE_TEXT[state.state],
      text: [
        { text: `${c.sent} sent`, bold: true },
        { text: ` · ${c.pending} pending · ${c.failed} failed · ${c.excluded} excluded` },
      ],
      bottomLabel: `${c.holdout} in the holdout${c.review ? ` · ${c.review} to review` : ''}${c.cancelled ? ` · ${c.cancelled} cancelled` : ''}`,
      wrapText: true,
      icon: 'EMAIL',
    },
    {
      kind: 'decoratedText',
      topLabel: 'Template',
      text: `${state.template} → ${state.segment}`,
      wrapText: true,
    },
  ];
  const p = state.preparing;
  if (p)
    widgets.push({
      kind: 'decoratedText',
      topLabel: 'Audience',
      text: `${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} customer rows checked`,
      bottomLabel: `so far ${p.emailed} to email · ${p.holdout} in the holdout · ${p.excluded} excluded`,
      wrapText: true,
      icon: 'PERSON',
    });
  if (state.finish)
    widgets.push({ kind: 'decoratedText', topLabel: 'Estimated finish', text: state.finish, icon: 'CLOCK' });
  if (state.note) widgets.push({ kind: 'textParagraph', text: state.note });
  const buttons = [];
  const id = { id: state.id };
  if (state.state === 'sending' || state.state === 'waiting-quota') {
    buttons.push(actionButton('Send more now', ACTION.continueCampaign, id, 'filled'));
    buttons.push(actionButton('Pause', ACTION.campaignControl, { ...id, change: 'pause' }));
  }
  if (state.state === 'paused')
    buttons.push(actionButton('Resume', ACTION.campaignControl, { ...id, change: 'resume' }, 'filled'));
  if (state.state !== 'done' && state.state !== 'cancelled')
    buttons.push(actionButton('Cancel', ACTION.campaignControl, { ...id, change: 'cancel' }, 'text'));
  buttons.push(actionButton('Refresh', ACTION.openCampaign, id, 'text'));
  widgets.push({ kind: 'buttonSet', buttons });
  const sections: Section[] = [{ header: state.name, widgets }];
  if (state.problem) sections.push(problemSection(state.problem, id));
  if (state.review.length > 0)
    sections.push({
      header: 'Did these go? Check your Sent folder',
      widgets: state.review.slice(0, REVIEW_SHOWN).flatMap((r): Widget[] => [
        { kind: 'decoratedText', text: r.email, bottomLabel: r.detail, wrapText: true },
        {
          kind: 'buttonSet',
          buttons: [
            actionButton('It went', ACTION.settleReview, { ...id, email: r.email, went: 'yes' }, 'text'),
            actionButton('Send it', ACTION.settleReview, { ...id, email: r.email, went: 'no' }, 'text'),
          ],
        },
      ]),
    });
  if (state.failures.length > 0) sections.push(failedSection(state.failures, id));
  return { name: 'campaign', header: { title: 'Campaign', subtitle: state.name }, sections };
}

/** Failed recipients (surely not emailed), with a button that queues them all again. */
function failedSection(failures: ProgressState['failures'], id: { id: string }): Section {
  const widgets: Widget[] = failures
    .slice(0, REVIEW_SHOWN)
    .map((f): Widget => ({ kind: 'decoratedText', topLabel: f.email, text: f.detail, wrapText: true }));
  // The button stays visible: the first widgets shown uncollapsed are the button and one failure.
  widgets.unshift({
    kind: 'buttonSet',
    buttons: [actionButton(`Retry ${failures.length} failed`, ACTION.retryFailed, id, 'text')],
  });
  return foldedSection(2, widgets, 'Failed');
}

function problemSection(problem: NonNullable<ProgressState['problem']>, id: { id: string }): Section {
  const buttons = [
    actionButton('Resume after the repair', ACTION.campaignControl, { ...id, change: 'resume' }, 'filled'),
  ];
  if (problem.kind === 'missing' || problem.kind === 'changed')
    buttons.push(actionButton('Continue without them', ACTION.acceptCampaignLog, id, 'text'));
  const sender = problem.kind === 'sender';
  return {
    header: sender ? 'Paused: the email service refused to send' : 'Paused: the Campaigns tab needs a repair',
    widgets: [
      {
        kind: 'textParagraph',
        text: [{ text: sender ? 'What it said: ' : 'What changed: ', bold: true }, { text: problem.what }],
      },
      { kind: 'textParagraph', text: [{ text: 'How to repair it: ', bold: true }, { text: problem.repair }] },
      { kind: 'textParagraph', text: 'Nothing is sent until then.' },
      { kind: 'buttonSet', buttons },
    ],
  };
}

export interface CampaignListItem {
  id: string;
  name: string;
  state: ProgressState['state'];
  line: string;
}

export function campaignsCard(items: readonly CampaignListItem[], archived = 0): Card {
  const widgets: Widget[] = items.map((c) => ({
    kind: 'decoratedText',
    topLabel: STATE_TEXT[c.state],
    text: [{ text: c.name, bold: true }],
    bottomLabel: c.line,
    wrapText: true,
    onClick: { kind: 'action', action: action(ACTION.openCampaign, { id: c.id }) },
  }));
  if (widgets.length === 0)
    widgets.push({
      kind: 'textParagraph',
      text: 'No campaigns yet. Open Segments, pick one, and press “Email this segment…”.',
    });
  if (archived > 0)
    widgets.push({
      kind: 'textParagraph',
      text: `${archived} older finished campaign${archived > 1 ? 's are' : ' is'} archived; their rows stay in the Campaigns tab.`,
    });
  widgets.push({
    kind: 'buttonSet',
    buttons: [
      actionButton('What worked', ACTION.openOutcomes),
      actionButton('Segments', ACTION.openSegments),
    ],
  });
  return { name: 'campaigns', header: { title: 'Campaigns' }, sections: [{ widgets }] };
}
