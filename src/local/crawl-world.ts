/**
 * A stand-in world holding a spreadsheet file and an inbox file, connected in Settings as a user would:
 * what the crawl (tests and `churnguard crawl`) clicks through.
 */
import * as path from 'node:path';
import { loadSettings, saveSettings } from '../app/settings-store';
import { AppsScriptWorld, type SeedMessage } from './standins';
import { readTableFile } from './table/table-file';
import { loadInbox } from './workbench/backend';
import type { CrawlStart } from './crawl';

export interface FileWorld {
  world: AppsScriptWorld;
  spreadsheetId: string;
  inbox: SeedMessage[];
}

export function worldFromFiles(options: {
  sheetPath: string;
  inboxPath?: string;
  user: string;
  now: Date;
  extraMessages?: SeedMessage[];
}): FileWorld {
  const world = new AppsScriptWorld({ latency: 'none', user: options.user });
  world.clock.set(options.now);
  const table = readTableFile(options.sheetPath);
  const sheet = world.spreadsheets.create({ name: path.basename(options.sheetPath), sheets: table.sheets });
  const inbox = [
    ...(options.inboxPath ? loadInbox(options.inboxPath) : []),
    ...(options.extraMessages ?? []),
  ];
  // Each message opens with its own token, as Gmail's per-message access tokens do.
  world.gmail.seed(inbox.map((m) => ({ ...m, accessToken: `token-for-${m.id}` })));
  const store = world.userKeyValues();
  const customerSheet = table.sheets.some((s) => s.name === 'Customers')
    ? 'Customers'
    : (table.sheets[0]?.name ?? 'Customers');
  saveSettings(store, { ...loadSettings(store).settings, spreadsheetId: sheet.id, customerSheet });
  return { world, spreadsheetId: sheet.id, inbox };
}

/** The customer a message is about: its sender, or for a message the user sent, its first recipient. */
function counterpart(m: SeedMessage, user: string): string {
  const to = Array.isArray(m.to) ? (m.to[0] ?? '') : m.to;
  return m.from.toLowerCase().includes(user.toLowerCase()) ? to : m.from;
}

/** Every entry point: homepage, the menu, the compose window, and each message of the inbox. */
export function entryStarts(inbox: readonly SeedMessage[], user: string, composeTo: string[]): CrawlStart[] {
  return [
    { name: 'homepage', open: (h) => h.homepage() },
    { name: 'Settings', open: (h) => h.universal('Settings') },
    { name: 'Help', open: (h) => h.universal('Help') },
    ...composeTo.map((to): CrawlStart => ({ name: `compose to ${to}`, open: (h) => h.compose([to]) })),
    ...inbox.map((m): CrawlStart => ({
      name: `message ${m.id}`,
      open: (h) => h.openMessage(m.id, m.threadId),
      customer: counterpart(m, user),
    })),
  ];
}
