import type { Card, Section, Widget } from '../card/types';
import { formatDays } from '../../core/text/format';
import { ACTION } from '../action-names';
import { actionButton } from './common';

export interface SettingsState {
  spreadsheetInput: string;
  customerSheet: string;
  connectedName?: string;
  /** A sheet is connected, so its columns can be mapped. */
  connected?: boolean;
  /** A validation message from the last save attempt, shown above the form. */
  error?: string;
  /** The risk-score choice; the section is left out when absent. */
  riskModel?: { kind: 'scorecard' | 'learned' | 'blend'; status: string; canLearn: boolean };
  /** The daily scan and digest; the section is left out when absent. */
  watch?: { enabled: boolean; digest: boolean; hourUtc: number; lastScan?: string };
  /** Automatic reactivation; the section is left out when absent. */
  reactivation?: { enabled: boolean; days: number; template: string; lastRun?: string };
  /** Who sends campaign emails; the section is left out when absent. */
  sender?: SenderState;
  /** Where customers are read from; the section is left out when absent. */
  store?: StoreState;
}

export interface StoreState {
  kind: 'sheet' | 'bigquery';
  projectId: string;
  datasetId: string;
  table: string;
  /** The team's own table or view ChurnGuard's tables are built from ('' when loaded already). */
  source: string;
  /** The source sync's last refresh and problems, when a source is set. */
  syncStatus?: string[];
}

export interface SenderState {
  kind: 'mailapp' | 'email-service';
  fromEmail: string;
  dailyLimit: number;
  /** The saved key masked ("••••abcd"), or null: the key itself is never put on a card. */
  maskedKey: string | null;
  /** Email-service sends accepted today, against dailyLimit. */
  sentToday: number;
  /** Emails per email-service request (unset: the field is not shown). */
  batchSize?: number;
}

export const SETTINGS_FIELDS = {
  spreadsheet: 'spreadsheet',
  customerSheet: 'customerSheet',
  riskModel: 'riskModel',
  watchEnabled: 'watchEnabled',
  watchDigest: 'watchDigest',
  watchHour: 'watchHour',
  reactivationEnabled: 'reactivationEnabled',
  reactivationDays: 'reactivationDays',
  reactivationTemplate: 'reactivationTemplate',
  senderKind: 'senderKind',
  senderFrom: 'senderFrom',
  senderDailyLimit: 'senderDailyLimit',
  senderBatchSize: 'senderBatchSize',
  senderKey: 'senderKey',
  storeKind: 'storeKind',
  storeProject: 'storeProject',
  storeDataset: 'storeDataset',
  storeTable: 'storeTable',
  storeSource: 'storeSource',
} as const;

export const REACTIVATION_DAYS = [90, 120, 150, 180] as const;

/** One on/off choice: a checkbox with a single item (the form sends ['on'] when it is ticked). */
function toggle(name: string, label: string, text: string, on: boolean): Widget {
  return {
    kind: 'selectionInput',
    name,
    label,
    type: 'checkBox',
    items: [{ text, value: 'on', selected: on }],
  };
}

export function settingsCard(state: SettingsState): Card {
  const sections: Section[] = [];
  if (state.error) {
    sections.push({ widgets: [{ kind: 'textParagraph', text: [{ text: state.error, color: '#d93025' }] }] });
  }
  if (state.store && state.sender)
    sections.push({
      widgets: [
        {
          kind: 'textParagraph',
          text: `Customers from: ${storeLine(state.store, state.customerSheet)}. Emails sent with: ${state.sender.kind === 'email-service' ? 'the email service (SendGrid)' : 'MailApp'}.`,
        },
      ],
    });
  sections.push({
    header: 'Customer sheet',
    widgets: [
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.spreadsheet,
        label: 'Spreadsheet URL or ID',
        value: state.spreadsheetInput,
        hint: state.connectedName ? `Connected: ${state.connectedName}` : 'Paste the link from your browser',
      },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.customerSheet,
        label: 'Customer tab',
        value: state.customerSheet,
        hint: 'The tab with one row per customer and headers in row 1',
      },
      ...(state.connected
        ? [
            {
              kind: 'buttonSet' as const,
              buttons: [
                actionButton('Map columns', ACTION.openColumns),
                actionButton('Scoring and offers', ACTION.openScoring),
              ],
            },
          ]
        : [
            {
              kind: 'buttonSet' as const,
              buttons: [actionButton('Scoring and offers', ACTION.openScoring)],
            },
          ]),
    ],
  });
  const kinds = [
    ['scorecard', 'Scorecard (transparent rules)'],
    ['blend', 'Blend of scorecard and learned model'],
    ['learned', 'Learned model only'],
  ] as const;
  const model = state.riskModel;
  if (model)
    sections.push({
      header: 'Risk score',
      widgets: [
        {
          kind: 'selectionInput',
          name: SETTINGS_FIELDS.riskModel,
          label: 'Score customers with',
          type: 'radioButton',
          items: kinds.map(([value, text]) => ({ value, text, selected: model.kind === value })),
        },
        { kind: 'textParagraph', text: model.status },
        ...(model.canLearn
          ? [
              {
                kind: 'buttonSet' as const,
                buttons: [actionButton('Learn from history', ACTION.learnFromHistory)],
              },
            ]
          : []),
      ],
    });
  const watch = state.watch;
  if (watch)
    sections.push({
      header: 'Watch the portfolio',
      widgets: [
        toggle(
          SETTINGS_FIELDS.watchEnabled,
          'Daily scan',
          'Re-score every customer daily and raise alerts before churn',
          watch.enabled,
        ),
        toggle(
          SETTINGS_FIELDS.watchDigest,
          'Digest',
          'Email each account manager the new alerts of their customers',
          watch.digest,
        ),
        {
          kind: 'selectionInput',
          name: SETTINGS_FIELDS.watchHour,
          label: 'Scan at (UTC hour)',
          type: 'dropdown',
          items: Array.from({ length: 24 }, (_, h) => ({
            text: `${String(h).padStart(2, '0')}:00 UTC`,
            value: String(h),
            selected: h === watch.hourUtc,
          })),
        },
        {
          kind: 'textParagraph',
          text: watch.lastScan ? `Last scan: ${watch.lastScan}.` : 'No scan has run yet.',
        },
        ...(state.connected
          ? [{ kind: 'buttonSet' as const, buttons: [actionButton('Scan now', ACTION.scanNow)] }]
          : []),
      ],
    });
  const re = state.reactivation;
  if (re)
    sections.push({
      header: 'Reactivation',
      widgets: [
        toggle(
          SETTINGS_FIELDS.reactivationEnabled,
          'Automatic reactivation',
          'Email customers who go quiet, once per quiet spell (exactly once, within the daily quota)',
          re.enabled,
        ),
        {
          kind: 'selectionInput',
          name: SETTINGS_FIELDS.reactivationDays,
          label: 'Quiet for',
          type: 'dropdown',
          items: REACTIVATION_DAYS.map((d) => ({
            text: formatDays(d),
            value: String(d),
            selected: d === re.days,
          })),
        },
        {
          kind: 'textInput',
          name: SETTINGS_FIELDS.reactivationTemplate,
          label: 'Template',
          value: re.template,
          hint: 'A template name from the Templates tab',
        },
        { kind: 'textParagraph', text: re.lastRun ?? 'Has not run yet.' },
      ],
    });
  if (state.store) sections.push(storeSection(state.store, state.customerSheet));
  if (state.sender) sections.push(senderSection(state.sender));
  sections.push({
    header: 'New to ChurnGuard?',
    widgets: [
      {
        kind: 'textParagraph',
        text: 'Create a spreadsheet in your Drive with every tab ChurnGuard uses (Customers, Impact rules, Segments, Templates, Campaigns, Notes, Settings), three example customers and ready retention templates, and connect it.',
      },
      {
        kind: 'buttonSet',
        buttons: [actionButton('Create a ready-to-use spreadsheet', ACTION.createStarterSheet)],
      },
    ],
  });
  return {
    name: 'settings',
    header: { title: 'Settings' },
    sections,
    fixedFooter: { primary: actionButton('Save', ACTION.saveSettings, undefined, 'filled') },
  };
}

/** Which sender is active, and the email service's From, daily limit and (masked) key. */
function senderSection(sender: SenderState): Section {
  const active =
    sender.kind === 'email-service'
      ? `Active: the email service (SendGrid), from ${sender.fromEmail || 'no address yet'}; ${sender.sentToday.toLocaleString('en-US')} of ${sender.dailyLimit.toLocaleString('en-US')} sent today.`
      : 'Active: MailApp, as you (your Google daily recipient quota).';
  return {
    header: 'Sender',
    widgets: [
      { kind: 'textParagraph', text: [{ text: active, bold: true }] },
      {
        kind: 'selectionInput',
        name: SETTINGS_FIELDS.senderKind,
        label: 'Send campaign emails with',
        type: 'radioButton',
        items: [
          { value: 'mailapp', text: 'MailApp (default)', selected: sender.kind === 'mailapp' },
          {
            value: 'email-service',
            text: 'Email service (SendGrid), for more than MailApp allows a day',
            selected: sender.kind === 'email-service',
          },
        ],
      },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.senderFrom,
        label: 'From address (verified with the email service)',
        value: sender.fromEmail,
      },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.senderDailyLimit,
        label: 'Emails a day (your plan’s limit)',
        value: String(sender.dailyLimit),
      },
      ...(sender.batchSize !== undefined
        ? [
            {
              kind: 'textInput' as const,
              name: SETTINGS_FIELDS.senderBatchSize,
              label: 'Emails per request',
              value: String(sender.batchSize),
              // The trade-off in one line: a lost answer puts every email of its request in review.
              hint: 'More is faster; a lost answer puts the whole request in review. 1 to 1,000',
            },
          ]
        : []),
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.senderKey,
        label: 'API key',
        // Always empty: a saved key is never sent back to the card, only its masked tail.
        value: '',
        hint: sender.maskedKey
          ? `Saved key ${sender.maskedKey}; leave empty to keep it`
          : 'Paste a SendGrid key with Mail Send permission; it is saved in your user properties',
      },
    ],
  };
}

function storeLine(store: StoreState, customerSheet: string): string {
  return store.kind === 'bigquery'
    ? `BigQuery ${store.projectId}.${store.datasetId}.${store.table || 'customers'}`
    : `the Google Sheet's "${customerSheet}" tab`;
}

/** Which customer store is active, and the BigQuery table to switch to. */
function storeSection(store: StoreState, customerSheet: string): Section {
  return {
    header: 'Customer store',
    widgets: [
      { kind: 'textParagraph', text: [{ text: `Active: ${storeLine(store, customerSheet)}.`, bold: true }] },
      {
        kind: 'selectionInput',
        name: SETTINGS_FIELDS.storeKind,
        label: 'Read customers from',
        type: 'radioButton',
        items: [
          { value: 'sheet', text: 'The Google Sheet (default)', selected: store.kind === 'sheet' },
          {
            value: 'bigquery',
            text: 'A BigQuery table, past 100k customers',
            selected: store.kind === 'bigquery',
          },
        ],
      },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.storeProject,
        label: 'BigQuery project ID',
        value: store.projectId,
      },
      { kind: 'textInput', name: SETTINGS_FIELDS.storeDataset, label: 'Dataset ID', value: store.datasetId },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.storeTable,
        label: 'Table',
        value: store.table,
        hint: 'Empty: customers. The spreadsheet above keeps the Segments, Templates and Notes tabs',
      },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.storeSource,
        label: 'Source table or view (optional)',
        value: store.source,
        hint: 'project.dataset.table of your own customers: ChurnGuard builds its tables from it daily, in your Google account. Empty: they are loaded already',
      },
      ...(store.syncStatus ?? []).map((line): Widget => ({ kind: 'textParagraph', text: line })),
      // Only for the saved source: the button syncs what Settings hold, not what is typed above.
      ...(store.kind === 'bigquery' && store.source
        ? [
            {
              kind: 'buttonSet' as const,
              buttons: [actionButton('Refresh from source', ACTION.refreshFromSource, undefined, 'text')],
            },
          ]
        : []),
    ],
  };
}
