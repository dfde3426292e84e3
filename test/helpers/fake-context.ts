/** An AppContext on plain in-memory ports, for handler tests that do not need the Apps Script stand-ins. */
import { createHmac, randomBytes } from 'node:crypto';
import type { AppContext } from '../../src/app/context';
import { readLog } from '../../src/core/campaigns/log';
import type { OpenMessage } from '../../src/ports/mailbox';
import type { SpreadsheetInfo } from '../../src/ports/spreadsheet-directory';

export interface FakeContextOptions {
  now?: Date;
  user?: string;
  messages?: OpenMessage[];
  spreadsheets?: SpreadsheetInfo[];
  revoked?: string[];
  /** The connected spreadsheet's small tabs by name, header row first. */
  tabs?: Record<string, unknown[][]>;
}

export function fakeContext(options: FakeContextOptions = {}): AppContext & { store: Map<string, string> } {
  const store = new Map<string, string>();
  const scriptStore = new Map<string, string>();
  const cache = new Map<string, string>();
  const messages = new Map((options.messages ?? []).map((m) => [m.id, m]));
  const sheets = new Map((options.spreadsheets ?? []).map((s) => [s.id, s]));
  const tabs = new Map<string, unknown[][]>(Object.entries(options.tabs ?? {}));
  return {
    store,
    clock: { now: () => options.now ?? new Date('2026-11-20T10:00:00Z') },
    userStore: {
      get: (k) => store.get(k) ?? null,
      set: (k, v) => void store.set(k, v),
      delete: (k) => void store.delete(k),
    },
    cache: {
      get: (k) => cache.get(k) ?? null,
      put: (k, v) => void cache.set(k, v),
      remove: (k) => void cache.delete(k),
    },
    session: { email: () => options.user ?? 'am@nimbus.example' },
    mailbox: {
      openMessage(id, token) {
        if (!token) throw new Error('missing access token');
        const m = messages.get(id);
        if (!m) throw new Error(`no message ${id}`);
        return m;
      },
    },
    // An empty customer tab; sheet behaviour is tested on the stand-ins (test/gas, test/bundle).
    customerSheet(spreadsheetId) {
      const empty = {
        sheetName: 'Customers',
        headers: ['Email'],
        rows: [],
        rowNumbers: [],
        locale: 'en_US',
        timeZone: 'Etc/UTC',
      };
      return {
        location: () => ({
          spreadsheetId,
          spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
          sheetId: 0,
        }),
        readAll: () => empty,
        lastRow: () => 1,
        readRows: () => empty,
        findByEmail: () => empty,
        findByDomain: () => empty,
        ensureColumns: (names) => names.map((_, i) => i + 2),
        write: () => undefined,
        appendRow: () => undefined,
        readColumn: () => [],
        readHeaders: () => empty.headers,
      };
    },
    appendOnlyTab: () => ({ appendRow: () => undefined }),
    campaignLog: () => ({
      readAll: () => ({ recipients: [], issues: [], columns: readLog([]).columns }),
      readCampaign: () => ({ recipients: [], issues: [], columns: readLog([]).columns }),
      recipientsWithArchive: () => [],
      archivedNamed: () => [],
      recipients: () => [],
      rowCount: () => 0,
      append: () => 0,
      update: () => undefined,
    }),
    mailer: { send: () => undefined, remainingQuota: () => 100 },
    locks: { withUserLock: (_ms, work) => work(), withSharedLock: (_ms, work) => work() },
    triggers: { hasHourly: () => false, installHourly: () => undefined, removeAll: () => undefined },
    elapsedMs: () => 0,
    unsubscribe: {
      scriptStore: {
        get: (k) => scriptStore.get(k) ?? null,
        set: (k, v) => void scriptStore.set(k, v),
        delete: (k) => void scriptStore.delete(k),
      },
      hmacSha256: (message, key) => [...createHmac('sha256', key).update(message).digest()],
      newSecret: () => randomBytes(24).toString('hex'),
      webAppUrl: () => 'https://script.google.com/macros/s/TEST/exec',
    },
    tabs: () => ({
      read: (tab) => {
        const values = tabs.get(tab);
        return values ? { values } : null;
      },
      replace: (tab, values) => void tabs.set(tab, values),
      append: (tab, headers, rows) => {
        const values = tabs.get(tab) ?? [];
        if (values.length === 0) values.push(headers);
        values.push(...rows);
        tabs.set(tab, values);
      },
      findRows: (tab, column, value) =>
        (tabs.get(tab) ?? [])
          .map((values, i) => ({ row: i + 1, values }))
          .slice(1)
          .filter((r) => String(r.values[column - 1] ?? '').toLowerCase() === value.toLowerCase()),
      findRowNumbers: (tab, column, wanted, within) => {
        const set = new Set(wanted.map((v) => v.trim().toLowerCase()));
        const inside = (row: number) => !within || (row >= within.row && row < within.row + within.count);
        return (tabs.get(tab) ?? []).flatMap((r, i) =>
          i > 0 &&
          inside(i + 1) &&
          set.has(
            String(r[column - 1] ?? '')
              .trim()
              .toLowerCase(),
          )
            ? [i + 1]
            : [],
        );
      },
      readBlocks: (tab, blocks) => {
        const values = tabs.get(tab) ?? [];
        return blocks.map((b) =>
          values
            .slice(b.row - 1, b.row - 1 + b.count)
            .map((r) =>
              b.columns === undefined
                ? r.slice((b.column ?? 1) - 1)
                : r.slice((b.column ?? 1) - 1, (b.column ?? 1) - 1 + b.columns),
            ),
        );
      },
      deleteRows: (tab, rows) => {
        const values = tabs.get(tab);
        if (!values) throw new Error(`The "${tab}" tab is gone.`);
        for (const r of [...new Set(rows)].sort((a, b) => b - a)) values.splice(r - 1, 1);
      },
      lastRow: (tab) => (tabs.get(tab) ?? []).length,
      write: (tab, row, column, block) => {
        const values = tabs.get(tab);
        if (!values) throw new Error(`The "${tab}" tab is gone.`);
        block.forEach((r, i) => {
          const target = (values[row - 1 + i] ??= []);
          r.forEach((v, j) => (target[column - 1 + j] = v));
        });
      },
      names: () => [...tabs.keys()],
    }),
    spreadsheets: {
      open(id) {
        if (options.revoked?.includes(id))
          return { ok: false, reason: 'no-access', message: `You no longer have access to ${id}.` };
        const s = sheets.get(id);
        return s
          ? { ok: true, spreadsheet: s }
          : { ok: false, reason: 'not-found', message: `No spreadsheet has the ID ${id}.` };
      },
      create(name, newTabs) {
        const id = `1Fake${String(sheets.size + 1).padStart(39, '0')}`;
        const info = {
          id,
          name,
          url: `https://docs.google.com/spreadsheets/d/${id}/edit`,
          sheetNames: newTabs.map((t) => t.name),
        };
        sheets.set(id, info);
        for (const t of newTabs) tabs.set(t.name, t.values);
        return info;
      },
    },
  };
}
