import type { ActionResponse, Card } from '../../ui/card/types';
import { count } from '../../core/text/format';
import {
  REACTIVATION_DAYS,
  SETTINGS_FIELDS,
  settingsCard,
  type SettingsState,
} from '../../ui/cards/settings';
import { connectSheet, type Settings } from '../../core/settings/settings';
import { parseSpreadsheetRef } from '../../core/settings/spreadsheet-ref';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { loadSettings, saveSettings } from '../settings-store';
import { buildHomepage } from './home';
import { starterTabs } from '../../core/settings/starter-spreadsheet';
import { forgetRawConfig } from '../config';
import { requireConnected } from '../connected';
import { keepHourlyTrigger } from '../campaigns/run';
import { LAST_SCAN_KEY, SCAN_ERROR_KEY } from '../watch/scan';
import { jobProgress, loadJob, requestJob, stepJob } from '../jobs/portfolio-job';
import { progressText } from '../portfolio/current';
import { lastReactivation } from '../watch/reactivation';
import { loadTeamConfig } from '../retention-reply';
import { learningRequestedAt } from '../learn-request';
import { DEFAULT_BATCH_SIZE, parseSenderForm } from '../../core/settings/sender';
import { parseStoreForm, storeTableName } from '../../core/settings/store';
import { layoutCacheKey, storeOf } from '../store-choice';
import { scanNotice } from '../watch/scan-notice';
import { sourceSyncStatus, warehouseScanNow } from '../warehouse-features';
import {
  maskedSenderKey,
  savedSenderKey,
  saveSenderKey,
  senderSettings,
  sentTodayCounter,
} from '../sender-store';

function senderState(ctx: AppContext): NonNullable<SettingsState['sender']> {
  const sender = senderSettings(ctx.userStore);
  return {
    kind: sender.kind,
    fromEmail: sender.fromEmail ?? '',
    dailyLimit: sender.dailyLimit,
    maskedKey: maskedSenderKey(ctx.userStore),
    sentToday: sentTodayCounter(ctx.userStore, () => ctx.clock.now()).get(),
    batchSize: sender.batchSize ?? DEFAULT_BATCH_SIZE,
  };
}

function storeState(settings: Settings, ctx?: AppContext): NonNullable<SettingsState['store']> {
  const store = storeOf(settings);
  if (store.kind !== 'bigquery')
    return { kind: 'sheet', projectId: '', datasetId: '', table: '', source: '' };
  const status = store.source && ctx ? sourceSyncStatus(ctx) : [];
  return {
    kind: 'bigquery',
    projectId: store.projectId,
    datasetId: store.datasetId,
    table: store.table ?? '',
    source: store.source ?? '',
    ...(status.length ? { syncStatus: status } : {}),
  };
}

function storeForm(event: AddonEvent) {
  return {
    kind: formValue(event, SETTINGS_FIELDS.storeKind),
    projectId: formValue(event, SETTINGS_FIELDS.storeProject),
    datasetId: formValue(event, SETTINGS_FIELDS.storeDataset),
    table: formValue(event, SETTINGS_FIELDS.storeTable),
    source: formValue(event, SETTINGS_FIELDS.storeSource),
  };
}

function senderForm(event: AddonEvent) {
  return {
    kind: formValue(event, SETTINGS_FIELDS.senderKind),
    fromEmail: formValue(event, SETTINGS_FIELDS.senderFrom),
    dailyLimit: formValue(event, SETTINGS_FIELDS.senderDailyLimit),
    batchSize: formValue(event, SETTINGS_FIELDS.senderBatchSize),
    newKey: formValue(event, SETTINGS_FIELDS.senderKey),
  };
}

function riskModelState(
  settings: Settings,
  requestedAt?: string | null,
): NonNullable<SettingsState['riskModel']> {
  const m = settings.riskModel;
  const waiting = requestedAt
    ? ` Learning again in the background (asked ${requestedAt.slice(0, 16).replace('T', ' ')} UTC); this updates within the hour.`
    : '';
  const status =
    (m?.auc
      ? `Learned from ${m.rows === undefined ? '? customers' : count(m.rows, 'customer')} on ${m.fittedAt?.slice(0, 10) ?? '?'}: cross-validated AUC ${m.auc.toFixed(2)} (0.5 is a coin toss, 1.0 perfect).${m.learnerReason ? ` ${m.learnerReason}` : ''}`
      : m?.declined
        ? `${m.declined} The scorecard is used until there is enough history.`
        : 'No model learned yet. "Learn from history" fits one on the customers marked churned and active in your sheet.') +
    waiting;
  return { kind: m?.kind ?? 'scorecard', status, canLearn: Boolean(settings.spreadsheetId) };
}

export function buildSettingsCard(ctx: AppContext): Card {
  const { settings, problem } = loadSettings(ctx.userStore);
  return settingsCard({
    spreadsheetInput: settings.spreadsheetId ?? '',
    customerSheet: settings.customerSheet,
    connected: Boolean(settings.spreadsheetId),
    error: problem,
    riskModel: riskModelState(settings, learningRequestedAt(ctx.userStore)),
    watch: watchState(ctx, settings),
    reactivation: reactivationState(ctx, settings),
    sender: senderState(ctx),
    store: storeState(settings, ctx),
  });
}

function reactivationState(ctx: AppContext, settings: Settings): NonNullable<SettingsState['reactivation']> {
  const r = settings.reactivation ?? { enabled: false, days: 120, template: 'Reactivation' };
  const last = lastReactivation(ctx);
  const lastRun = last
    ? `Last run ${last.day}: ${last.emailed} to email, ${last.holdout} held out, ${last.alreadyContacted} already contacted` +
      (last.skipped.length
        ? `, ${last.skipped.length} left out for a blank (first: row ${last.skipped[0]!.row}, ${last.skipped[0]!.reason})`
        : '') +
      (last.problem ? `. ${last.problem}` : '.')
    : undefined;
  return { enabled: r.enabled, days: r.days, template: r.template, ...(lastRun ? { lastRun } : {}) };
}

function reactivationFrom(event: AddonEvent, current: Settings): NonNullable<Settings['reactivation']> {
  const days = Number(formValue(event, SETTINGS_FIELDS.reactivationDays));
  return {
    enabled: (event.form[SETTINGS_FIELDS.reactivationEnabled] ?? []).includes('on'),
    days: (REACTIVATION_DAYS as readonly number[]).includes(days)
      ? days
      : (current.reactivation?.days ?? 120),
    template:
      formValue(event, SETTINGS_FIELDS.reactivationTemplate) ||
      (current.reactivation?.template ?? 'Reactivation'),
  };
}

function watchState(ctx: AppContext, settings: Settings): NonNullable<SettingsState['watch']> {
  const w = settings.watch ?? { enabled: false, digest: true, hourUtc: 5 };
  const last = ctx.userStore.get(LAST_SCAN_KEY);
  const failed = ctx.userStore.get(SCAN_ERROR_KEY);
  const lastScan = [last, failed ? `The last triggered scan failed (${failed})` : null]
    .filter(Boolean)
    .join('. ');
  return { enabled: w.enabled, digest: w.digest, hourUtc: w.hourUtc, ...(lastScan ? { lastScan } : {}) };
}

function watchFrom(event: AddonEvent, current: Settings): NonNullable<Settings['watch']> {
  const hour = Number(formValue(event, SETTINGS_FIELDS.watchHour));
  return {
    enabled: (event.form[SETTINGS_FIELDS.watchEnabled] ?? []).includes('on'),
    digest: (event.form[SETTINGS_FIELDS.watchDigest] ?? []).includes('on'),
    hourUtc: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : (current.watch?.hourUtc ?? 5),
  };
}

/**
 * Scan now: starts the chunked scan and, when the sheet fits one chunk, runs it here and says what it
 * found. A larger sheet answers at once with its progress; the hourly trigger runs the rest (the
 * first chunk of each run reads the History tab, too much for a card on a large sheet).
 */
export function scanNowAction(ctx: AppContext): ActionResponse {
  const { settings, spreadsheetId } = requireConnected(ctx);
  if (storeOf(settings).kind === 'bigquery') return warehouseScanNow(ctx, spreadsheetId);
  requestJob(ctx, 'scan');
  const job = loadJob(ctx);
  const small = job !== undefined && job.walk.endRow - job.walk.nextRow + 1 <= job.walk.chunkRows;
  const step = small ? stepJob(ctx, 'card') : undefined;
  if (step?.kind === 'finished' && step.scan) return scanNotice(count(step.scored, 'customer'), step.scan);
  ctx.locks.withUserLock(2_000, () => keepHourlyTrigger(ctx));
  const pending = loadJob(ctx);
  return {
    kind: 'notify',
    notification: `Scanning in the background (${pending ? progressText(jobProgress(pending)) : 'queued'}); alerts and digests follow when it is done.`,
    stateChanged: true,
  };
}

/** Creates the starter spreadsheet in the user's Drive and connects it. */
export function createStarterSheetAction(ctx: AppContext): ActionResponse {
  const { settings } = loadSettings(ctx.userStore);
  const me = ctx.session.email();
  const created = ctx.spreadsheets.create('ChurnGuard customers', starterTabs(ctx.clock.now(), me));
  saveSettings(ctx.userStore, connectSheet(settings, created.id, 'Customers'));
  forgetRawConfig(ctx, created.id);
  return {
    kind: 'navigate',
    steps: [{ kind: 'popToRoot' }, { kind: 'update', card: buildHomepage(ctx) }],
    notification: `Created and connected "${created.name}". Replace the three example customers with yours.`,
    stateChanged: true,
  };
}

/** Validates the sheet the user typed before saving: it must open, and the customer tab must exist. */
export function saveSettingsAction(ctx: AppContext, event: AddonEvent): ActionResponse {
  const input = formValue(event, SETTINGS_FIELDS.spreadsheet);
  const customerSheet = formValue(event, SETTINGS_FIELDS.customerSheet) || 'Customers';
  const { settings: current } = loadSettings(ctx.userStore);
  const chosen = formValue(event, SETTINGS_FIELDS.riskModel);
  const kind =
    chosen === 'learned' || chosen === 'blend' || chosen === 'scorecard'
      ? chosen
      : (current.riskModel?.kind ?? 'scorecard');
  const again = (error: string): ActionResponse => ({
    kind: 'navigate',
    steps: [
      {
        kind: 'update',
        card: settingsCard({
          spreadsheetInput: input,
          customerSheet,
          error,
          riskModel: { ...riskModelState(current), kind },
          watch: { ...watchState(ctx, current), ...watchFrom(event, current) },
          reactivation: { ...reactivationState(ctx, current), ...reactivationFrom(event, current) },
          // The typed key is not echoed back, even on an error: only the saved one's mask.
          sender: { ...senderState(ctx), ...senderEcho(event) },
          store: storeEcho(event, current),
        }),
      },
    ],
  });

  const ref = parseSpreadsheetRef(input);
  if (!ref.ok) return again(ref.reason);
  const opened = ctx.spreadsheets.open(ref.id);
  if (!opened.ok) return again(opened.message);
  if (!opened.spreadsheet.sheetNames.includes(customerSheet)) {
    return again(
      `"${opened.spreadsheet.name}" has no tab named "${customerSheet}". Its tabs: ${opened.spreadsheet.sheetNames.join(', ')}.`,
    );
  }
  const reactivation = reactivationFrom(event, current);
  if (reactivation.enabled) {
    const templates = loadTeamConfig(ctx, ref.id).templates;
    if (!templates.some((t) => t.name.toLowerCase() === reactivation.template.toLowerCase()))
      return again(
        `Automatic reactivation needs a template named "${reactivation.template}" in the Templates tab. Its templates: ${templates.map((t) => t.name).join(', ') || 'none'}.`,
      );
  }
  const form = senderForm(event);
  // A form without the sender fields (an older card) keeps the saved sender.
  const sender = form.kind
    ? parseSenderForm(form, savedSenderKey(ctx.userStore) !== null)
    : { ok: true as const, settings: current.sender };
  if (!sender.ok) return again(sender.reason);
  const storeInput = storeForm(event);
  // A form without the store fields (an older card) keeps the saved store; the sheet settings stay
  // either way, since the spreadsheet's other tabs are the team's configuration.
  const store = storeInput.kind ? parseStoreForm(storeInput) : { ok: true as const, store: current.store };
  if (!store.ok) return again(store.reason);
  if (form.kind && form.newKey.trim()) saveSenderKey(ctx.userStore, form.newKey.trim());
  if (store.store?.kind === 'bigquery') ctx.cache.remove(layoutCacheKey(store.store));
  saveSettings(ctx.userStore, {
    ...connectSheet(current, ref.id, customerSheet),
    ...(sender.settings ? { sender: sender.settings } : {}),
    ...(store.store ? { store: store.store } : {}),
    reactivation,
    riskModel: { blendWeight: 0.5, ...current.riskModel, kind },
    watch: watchFrom(event, current),
  });
  let home: Card;
  try {
    // The homepage is the check that the chosen BigQuery table answers (scope, service, table, access);
    // when it does not, the previous settings are put back and the form says why.
    home = buildHomepage(ctx);
  } catch (error) {
    if (!(store.store?.kind === 'bigquery' && error instanceof UserFacingError)) throw error;
    saveSettings(ctx.userStore, current);
    return again(`${error.title}: ${error.detail} ${error.fix}`);
  }
  // The hourly trigger exists exactly while a campaign or the daily scan needs it.
  keepHourlyTrigger(ctx);
  return {
    kind: 'navigate',
    steps: [{ kind: 'popToRoot' }, { kind: 'update', card: home }],
    notification:
      store.store?.kind === 'bigquery'
        ? `Connected to ${opened.spreadsheet.name}; customers from BigQuery ${storeTableName(store.store)}`
        : `Connected to ${opened.spreadsheet.name}`,
    stateChanged: true,
  };
}

/** What the person typed in the store fields, to show again with an error. */
function storeEcho(event: AddonEvent, current: Settings): NonNullable<SettingsState['store']> {
  const form = storeForm(event);
  if (!form.kind) return storeState(current);
  return {
    kind: form.kind === 'bigquery' ? 'bigquery' : 'sheet',
    projectId: form.projectId,
    datasetId: form.datasetId,
    table: form.table,
    source: form.source,
  };
}

/** What the person typed in the sender fields, minus the key, to show again with an error. */
function senderEcho(event: AddonEvent): Partial<NonNullable<SettingsState['sender']>> {
  const form = senderForm(event);
  const limit = Number(form.dailyLimit);
  return {
    ...(form.kind === 'mailapp' || form.kind === 'email-service' ? { kind: form.kind } : {}),
    ...(form.kind ? { fromEmail: form.fromEmail } : {}),
    ...(Number.isInteger(limit) && limit > 0 ? { dailyLimit: limit } : {}),
  };
}
