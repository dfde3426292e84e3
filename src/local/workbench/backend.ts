/**
 * The workbench backend: the real add-on (src/app through the same src/gas adapters production uses)
 * running on the Apps Script stand-ins, with the customer sheet loaded from a CSV/XLSX file and every
 * change written back. Each request is one Apps Script execution, as each Gmail trigger or click is.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { appEntry, type HourlyReport } from '../../app/entry';
import { HOURLY_HANDLER, keepHourlyTrigger } from '../../app/campaigns/run';
import { loadSettings, saveSettings } from '../../app/settings-store';
import { parseAddress } from '../../core/email/address';
import { createContext } from '../../gas/runtime';
import type { ActionResponse, Card } from '../../ui/card/types';
import {
  checkResponse,
  invocationOfAction,
  invocationOfClick,
  responseTypeOf,
  type Invocation,
} from '../../ui/card/contract';
import { createCustomerDraft } from '../../gas/customer-draft';
import { renderCard } from '../../ui/html/render-card';
import { CARD_CSS } from '../../ui/html/render-card';
import { toEml } from '../eml';
import { gmailEvent } from '../gmail-events';
import { AppsScriptWorld, createCardService, type SeedMessage } from '../standins';
import { gasEntryPoints } from '../../gas/entry-points';
import type { BigQueryLike } from '../../gas/bigquery-like';

/** Who "deployed" the local web app: not the workbench's user, whose sheet and settings it must not need. */
export const WEB_APP_DEPLOYER = 'deployer@churnguard.example';
import type { SpreadsheetData } from '../standins/spreadsheet';
import { readTableFile, writeFileAtomic } from '../table/table-file';
import { SheetFileSync } from './sheet-sync';
import { pageHtml } from './page';
import { offlineCard } from './offline-links';
import { MiswiredRequestError } from './http-error';
import type {
  ActionRequest,
  InboxEntry,
  MessageView,
  OutboxEntry,
  PanelResponse,
  RenderedCard,
  TriggerReport,
  WorkbenchBackend,
} from './server';

export interface BackendOptions {
  sheetPath: string;
  inboxPath: string;
  stateDir: string;
  user?: string;
  now?: () => Date;
  /** `--store duckdb:FILE`: the BigQuery advanced service the world's executions get (warehouse-store.ts). */
  bigQuery?: BigQueryLike;
}

const InboxSchema = z.array(
  z.object({
    id: z.string().min(1),
    threadId: z.string().optional(),
    from: z.string().min(1),
    to: z.union([z.string(), z.array(z.string())]),
    cc: z.union([z.string(), z.array(z.string())]).optional(),
    subject: z.string(),
    date: z.string(),
    plainBody: z.string(),
    htmlBody: z.string().optional(),
  }),
);

/** The .eml file a sent mail is written to; the outbox page lists the same names. */
function outboxFileName(sentAt: Date, index: number): string {
  return `${sentAt.toISOString().replace(/[:.]/g, '-')}-${index + 1}.eml`;
}

/** A stable spreadsheet ID per file, so settings saved in one run still point at the sheet in the next. */
function spreadsheetIdFor(sheetPath: string): string {
  return `1WB${crypto.createHash('sha256').update(path.resolve(sheetPath)).digest('hex').slice(0, 40)}`;
}

/** What an inserted HTML fragment reads as, for the workbench's plain-text draft preview. */
function textOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h\d)>/gi, '\n')
    .replace(/<li>/gi, '- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function loadInbox(inboxPath: string): SeedMessage[] {
  const parsed = InboxSchema.safeParse(JSON.parse(fs.readFileSync(inboxPath, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${inboxPath}: message ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export class Workbench implements WorkbenchBackend {
  readonly world: AppsScriptWorld;
  readonly spreadsheet: SpreadsheetData;
  private readonly messages: SeedMessage[];
  private readonly sheetFiles: SheetFileSync;
  private outboxWritten = 0;
  private readonly propertiesFile: string;
  /** Script properties (the unsubscribe secrets and pending clicks), kept across restarts like Apps Script's. */
  private readonly scriptPropertiesFile: string;
  private readonly outboxDir: string;

  constructor(private readonly options: BackendOptions) {
    this.world = new AppsScriptWorld({ latency: 'none', user: options.user ?? 'am@nimbus.example' });
    if (options.bigQuery) this.world.bigQuery = options.bigQuery;
    if (options.now) this.world.clock.set(options.now());
    else this.world.clock.set(new Date());
    const table = readTableFile(options.sheetPath);
    this.spreadsheet = this.world.spreadsheets.create({
      id: spreadsheetIdFor(options.sheetPath),
      name: path.basename(options.sheetPath),
      sheets: table.sheets,
    });
    this.sheetFiles = new SheetFileSync(
      options.sheetPath,
      path.join(options.stateDir, 'conflicts'),
      this.spreadsheet,
    );
    this.messages = loadInbox(options.inboxPath);
    this.world.gmail.seed(this.messages);

    fs.mkdirSync(options.stateDir, { recursive: true });
    this.propertiesFile = path.join(options.stateDir, 'user-properties.json');
    this.scriptPropertiesFile = path.join(options.stateDir, 'script-properties.json');
    if (fs.existsSync(this.scriptPropertiesFile)) {
      this.world.scriptProperties.load(
        JSON.parse(fs.readFileSync(this.scriptPropertiesFile, 'utf8')) as Record<string, string>,
      );
    }
    this.outboxDir = path.join(options.stateDir, 'outbox');
    fs.mkdirSync(this.outboxDir, { recursive: true });
    if (fs.existsSync(this.propertiesFile)) {
      this.world.userProperties.load(
        JSON.parse(fs.readFileSync(this.propertiesFile, 'utf8')) as Record<string, string>,
      );
    }
    this.connectSheetIfUnset();
    // Triggers live in memory: after a restart, put back the hourly trigger campaigns or the scan need.
    const execution = this.world.startExecution({ kind: 'card' });
    try {
      keepHourlyTrigger({ ...createContext(execution.globals), clock: this.world.clock });
    } finally {
      execution.end();
    }
  }

  /**
   * The local scheduler: runs the hourly trigger when it is due (main.ts calls this every minute), or
   * at once when `now` is set (the header's "Run hourly trigger" button), as Apps Script would an hour on.
   */
  runTriggers(now = false): TriggerReport {
    this.world.clock.set(this.options.now ? this.options.now() : new Date());
    this.sheetFiles.sync();
    if (now)
      for (const t of this.world.triggers.triggers) t.dueMs = Math.min(t.dueMs, this.world.clock.nowMs());
    const reports: HourlyReport[] = [];
    const runs = this.world.runDueTriggers((fn, execution) => {
      if (fn !== HOURLY_HANDLER) throw new Error(`No handler named ${fn}`);
      reports.push(
        appEntry(
          () => ({ ...createContext(execution.globals), clock: this.world.clock }),
          (error) => execution.globals.console.error('ChurnGuard:', error),
        ).hourly(),
      );
    });
    this.persist();
    const next = this.world.triggers.nextDue();
    return {
      ran: runs.length,
      scanned: reports.some((r) => r.scanned),
      campaigns: reports.reduce((n, r) => n + r.campaigns, 0),
      errors: [
        ...reports.flatMap((r) => r.errors),
        ...runs.flatMap((r) => (r.error ? [String(r.error)] : [])),
      ],
      nextDue: next ? next.toISOString() : null,
    };
  }

  /** First run: point the settings at the loaded sheet, as a user would in Settings. */
  private connectSheetIfUnset(): void {
    const store = this.world.userKeyValues();
    const { settings } = loadSettings(store);
    if (settings.spreadsheetId === this.spreadsheet.id) return;
    const customerSheet = this.spreadsheet.sheet('Customers')
      ? 'Customers'
      : (this.spreadsheet.sheets[0]?.name ?? 'Customers');
    saveSettings(store, { ...settings, spreadsheetId: this.spreadsheet.id, customerSheet });
    this.persist();
  }

  /** Runs one execution of the add-on, invoked as Gmail would `invocation`, and writes back what it changed. */
  private run<T>(
    invocation: Invocation,
    fn: (entry: ReturnType<typeof appEntry>, execution: ReturnType<AppsScriptWorld['startExecution']>) => T,
  ): T {
    this.world.clock.set(this.options.now ? this.options.now() : new Date());
    // Read back what was edited on disk since the last execution, as Sheets shows a teammate's edit.
    this.sheetFiles.sync();
    const execution = this.world.startExecution({ kind: 'card' });
    execution.invocation = invocation;
    try {
      const entry = appEntry(
        () => ({ ...createContext(execution.globals), clock: this.world.clock }),
        (error) => execution.globals.console.error('ChurnGuard:', error),
      );
      return fn(entry, execution);
    } finally {
      execution.end();
      this.persist();
    }
  }

  /** Writes settings and the rest back now (main.ts after choosing the warehouse store). */
  saveState(): void {
    this.persist();
  }

  /** Writes back settings, sent mail and changed tabs; a SheetConflictError comes last, the rest saved. */
  private persist(): void {
    writeFileAtomic(this.propertiesFile, JSON.stringify(this.world.userProperties.toObject(), null, 2));
    writeFileAtomic(
      this.scriptPropertiesFile,
      JSON.stringify(this.world.scriptProperties.toObject(), null, 2),
    );
    const outbox = this.world.mail.outbox;
    for (; this.outboxWritten < outbox.length; this.outboxWritten++) {
      const m = outbox[this.outboxWritten]!;
      const file = outboxFileName(m.sentAt, this.outboxWritten);
      const id = file.slice(0, -'.eml'.length);
      writeFileAtomic(
        path.join(this.outboxDir, file),
        toEml({
          from: m.name ? `${m.name} <${m.from}>` : m.from,
          to: m.to,
          cc: m.cc,
          bcc: m.bcc,
          replyTo: m.replyTo,
          subject: m.subject,
          textBody: m.body,
          htmlBody: m.htmlBody,
          date: m.sentAt,
          messageId: id,
        }),
      );
    }
    this.sheetFiles.sync();
  }

  /** Where the page is served (main.ts sets it once listening), for the cards' offline links. */
  origin = 'http://localhost';

  private rendered(card: Card): RenderedCard {
    return { name: card.name ?? '', html: renderCard(offlineCard(card, this.spreadsheet, this.origin)) };
  }

  private panel(response: ActionResponse): PanelResponse {
    switch (response.kind) {
      case 'navigate':
        return {
          kind: 'navigate',
          notification: response.notification,
          steps: response.steps.map((s) =>
            s.kind === 'push' || s.kind === 'update' ? { kind: s.kind, card: this.rendered(s.card) } : s,
          ),
        };
      case 'notify':
        return { kind: 'notify', notification: response.notification };
      case 'openLink':
        return { kind: 'openLink', url: response.url };
      case 'draftReply':
        return { kind: 'draft', draft: response.draft };
      case 'updateDraft':
        return {
          kind: 'draft',
          draft: {
            ...(response.update.to ? { to: response.update.to } : {}),
            ...(response.update.subject !== undefined ? { subject: response.update.subject } : {}),
            ...(response.update.insertText !== undefined || response.update.insertHtml !== undefined
              ? { insertText: response.update.insertText ?? textOfHtml(response.update.insertHtml ?? '') }
              : {}),
          },
        };
    }
  }

  page(token: string): string {
    return pageHtml({ sheetLabel: this.options.sheetPath, user: this.world.user, cardCss: CARD_CSS, token });
  }

  inbox(): InboxEntry[] {
    return [...this.messages]
      .sort((a, b) => new Date(b.date).getTime() - new Date(a.date).getTime())
      .map((m) => {
        const sender = parseAddress(m.from);
        return {
          id: m.id,
          fromName: sender?.name ?? '',
          fromEmail: sender?.email ?? m.from,
          subject: m.subject,
          snippet: m.plainBody.replace(/\s+/g, ' ').slice(0, 90),
          date: new Date(m.date).toISOString(),
        };
      });
  }

  homepage(): PanelResponse {
    return this.run('homepage', (entry) => ({
      kind: 'cards',
      cards: entry.homepage(gmailEvent()).map((c) => this.rendered(c)),
    }));
  }

  message(messageId: string): ({ message: MessageView } & PanelResponse) | null {
    const m = this.messages.find((x) => x.id === messageId);
    if (!m) return null;
    const cards = this.run('contextual', (entry) =>
      entry.gmailMessage(gmailEvent({ messageId, threadId: m.threadId })),
    );
    return {
      kind: 'cards',
      cards: cards.map((c) => this.rendered(c)),
      message: {
        id: m.id,
        from: m.from,
        fromEmail: parseAddress(m.from)?.email ?? m.from,
        subject: m.subject,
        date: new Date(m.date).toISOString(),
        plainBody: m.plainBody,
      },
    };
  }

  compose(to: string[]): PanelResponse {
    const cards = this.run('composeTrigger', (entry) => entry.compose(gmailEvent({ toRecipients: to })));
    return { kind: 'cards', cards: cards.map((c) => this.rendered(c)) };
  }

  action(request: ActionRequest): PanelResponse | null {
    if (request.messageId && !this.messages.some((m) => m.id === request.messageId)) return null;
    const event = gmailEvent({
      parameters: request.parameters,
      formInputs: request.formInputs,
      ...(request.messageId ? { messageId: request.messageId } : {}),
    });
    // Gmail decides what it accepts by how the button was wired and where its card was shown.
    const name = request.parameters.action ?? '';
    // Gmail calls a compose action only from a compose button, and a plain action only from a plain one;
    // our cards never mix them (the card validator), so a request that does is refused, not run.
    if ((invocationOfAction(name) === 'composeAction') !== (request.kind === 'compose'))
      throw new MiswiredRequestError(name, request.kind);
    const invocation = invocationOfClick(request.kind, request.panel ?? 'sidebar');
    return this.run(invocation, (entry, execution) => {
      const response = entry.cardAction(event);
      checkResponse(
        invocation,
        responseTypeOf(response),
        `onCardAction (action "${request.parameters.action ?? ''}")`,
      );
      // What production does with a draftReply: the same code, on the stand-in Gmail.
      if (response.kind === 'draftReply')
        createCustomerDraft(execution.globals.GmailApp, event, response.draft);
      return this.panel(response);
    });
  }

  /**
   * The web app's GET (/exec?token=…): the same doGet the bundle exports (src/gas/entry-points.ts),
   * in an execution of its own run as the deploying account, as Apps Script runs a web app deployed
   * "execute as me" for an anonymous visitor. Answers the HtmlOutput's content.
   */
  webApp(parameter: Record<string, string>, queryString: string): string {
    this.world.clock.set(this.options.now ? this.options.now() : new Date());
    const execution = this.world.startExecution({ kind: 'webapp', user: WEB_APP_DEPLOYER });
    try {
      const output = gasEntryPoints(() => ({ ...execution.globals, CardService: createCardService() })).doGet(
        {
          parameter,
          parameters: Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]])),
          queryString,
          contextPath: '',
          contentLength: -1,
        },
      );
      return output.getContent();
    } finally {
      execution.end();
      this.persist();
    }
  }

  outbox(): OutboxEntry[] {
    return this.world.mail.outbox.map((m, i) => ({
      file: outboxFileName(m.sentAt, i),
      to: m.to.join(', '),
      subject: m.subject,
      sentAt: m.sentAt.toISOString(),
    }));
  }

  /** A tab of the loaded sheet as it is now (read back from disk if edited there), or null. */
  sheetTab(name: string): { name: string; values: unknown[][] } | null {
    this.sheetFiles.sync();
    const sheet = this.spreadsheet.sheet(name);
    return sheet ? { name: sheet.name, values: sheet.toValues() } : null;
  }

  sheetTabs(): string[] {
    this.sheetFiles.sync();
    return this.spreadsheet.sheets.map((s) => s.name);
  }

  outboxFile(file: string): string | null {
    if (!/^[\w.-]+\.eml$/.test(file)) return null;
    const full = path.join(this.outboxDir, file);
    return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
  }
}
